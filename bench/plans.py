"""Benchmark for plans (issue 3).

1. Parses the five sample plans and 1,000 generated plans (the samples with their dates, agencies and
   item counts varied): `parse_ms_per_doc`.
2. One reminder scan (plans' own daily job, URLconf already loaded) over 100,000 open tasks and 50,000
   open obligations, due dates spread from 60 days ago to 60 days ahead, one responsible user per agency
   and unit: `reminder_scan_s`, and its ratio to one SQL query counting the rows the scan has to consider
   (`reminder_scan_ratio_to_floor`).

Usage: .venv/bin/python bench/plans.py [--db postgres] [--smoke]
(--smoke: 20 generated plans, 1,000 tasks and 500 obligations)
"""

from __future__ import annotations

import random
import re
import time

from _common import ROOT, build_province, setup

SAMPLES = ROOT.parent / "shared" / "samples" / "plans"
AGENCIES = ["Văn phòng", "Tư pháp", "Văn hóa - Thông tin", "Tài chính – Kế toán", "Địa chính - Xây dựng"]


def generated(texts: list[str], count: int) -> list[str]:
    """Variants of the samples: other days and months, other agencies, items repeated or dropped."""
    rng = random.Random(2026)
    out = []
    for n in range(count):
        text = texts[n % len(texts)]
        text = re.sub(
            r"ngày (\d{1,2})/(\d{1,2})/", lambda m: f"ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/", text
        )
        text = text.replace("Văn phòng", rng.choice(AGENCIES))
        lines = text.splitlines()
        start = rng.randint(len(lines) // 3, len(lines) // 2)
        extra = lines[start : start + rng.randint(0, 40)]
        out.append("\n".join(lines[:start] + extra + lines[start:]))
    return out


def main() -> None:
    args = setup(__doc__ or "")
    from danchu.plans.importer import parse_text

    samples = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]
    assert samples, f"no sample plans in {SAMPLES}"
    documents = samples + generated(samples, 20 if args.smoke else 1000)
    parse_text(samples[0])  # warm the regular expressions
    started = time.perf_counter()
    items = sum(len(parse_text(text).items) for text in documents)
    elapsed = time.perf_counter() - started
    print(f"documents: {len(documents)}, items read: {items}, total_s: {elapsed:.2f}")
    parse_ms = elapsed * 1000 / len(documents)

    tasks, obligations = (1_000, 500) if args.smoke else (100_000, 50_000)
    scan_s, floor_s, scanned, notifications = reminder_scan(tasks, obligations)
    print(f"rows considered: {scanned}, notifications written: {notifications}, floor_s: {floor_s:.4f}")
    print(f"parse_ms_per_doc: {parse_ms:.2f}")
    print(f"reminder_scan_s: {scan_s:.2f}")
    print(f"reminder_scan_ratio_to_floor: {scan_s / floor_s:.0f}")


def reminder_scan(tasks: int, obligations: int) -> tuple[float, float, int, int]:
    import datetime as dt

    from django.db import connection
    from django.urls import get_resolver
    from django.utils import timezone

    from danchu.plans import reminders
    from danchu.plans.models import (
        Directive,
        ItemAssignment,
        Obligation,
        Plan,
        PlanItem,
        PlanSection,
        Task,
    )

    today = timezone.localdate()
    bench = build_province("Văn phòng")
    province, communes, agencies = bench.province, bench.communes, bench.agencies

    per_plan = 100
    plans = Plan.objects.bulk_create(
        Plan(unit=communes[n % 100], year=today.year, title=f"KH {n}", status="issued", symbol="KH-UBND")
        for n in range(tasks // per_plan)
    )
    sections = PlanSection.objects.bulk_create(
        PlanSection(plan=p, order=0, label="II", title="NỘI DUNG") for p in plans
    )
    items = PlanItem.objects.bulk_create(
        (
            PlanItem(
                plan=p,
                section=s,
                order=i,
                path=f"II.{i + 1}",
                due_on=today + dt.timedelta(days=(i % 121) - 60),
            )
            for p, s in zip(plans, sections, strict=True)
            for i in range(per_plan)
        ),
        batch_size=5000,
    )
    by_plan = {p.pk: p for p in plans}
    assignments = ItemAssignment.objects.bulk_create(
        (
            ItemAssignment(
                item=item,
                role="lead",
                name="Văn phòng",
                agency=agencies[communes.index(by_plan[item.plan_id].unit)],
            )
            for item in items
        ),
        batch_size=5000,
    )
    Task.objects.bulk_create(
        (
            Task(
                unit=by_plan[a.item.plan_id].unit,
                plan_id=a.item.plan_id,
                item=a.item,
                assignment=a,
                agency=a.agency,
                role="lead",
                due_on=a.item.due_on,
            )
            for a in assignments
        ),
        batch_size=5000,
    )
    province_plan = Plan.objects.create(unit=province, year=today.year, title="KH tỉnh", status="issued")
    directives = Directive.objects.bulk_create(
        Directive(plan=province_plan, order=n, kind="other", due_on=today + dt.timedelta(days=(n % 121) - 60))
        for n in range(obligations // 100)
    )
    Obligation.objects.bulk_create(
        (Obligation(directive=d, unit=c, due_on=d.due_on) for d in directives for c in communes),
        batch_size=5000,
    )

    horizon = today + dt.timedelta(days=3)
    with connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(
            "SELECT (SELECT COUNT(*) FROM plans_task WHERE status <> 'done' AND due_on <= %s)"
            " + (SELECT COUNT(*) FROM plans_obligation WHERE fulfilled_at IS NULL AND due_on <= %s)",
            [horizon, horizon],
        )
        scanned = cursor.fetchone()[0]
        floor_s = time.perf_counter() - started
    _ = get_resolver().reverse_dict  # the first reverse() loads every app's URLconf: not the scan's cost
    started = time.perf_counter()
    counts = reminders.daily_job(today)  # plans' own part of the round, which the floor counts
    scan_s = time.perf_counter() - started
    return scan_s, floor_s, scanned, counts["notifications"]


if __name__ == "__main__":
    main()
