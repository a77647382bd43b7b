"""Benchmark for citizen reception (issue 14, points 4–5).

Loads the national unit list, gives Phường Bãi Cháy a published reception schedule with a chairman's
absence, and 20,000 visits in its reception log over three years (a fifth still waiting for their Art. 28
answer), then measures with Django's test client in this process:

- `log_queries`, `log_queries_100`: the reception log page's query count with all visits and with 100
  (constant: the page does not grow with the log);
- `log_page_ms`: the median time of the log page (first page of the current year);
- `schedule_queries`, `schedule_queries_few`: the public schedule page's query count with 20 absences and
  with none (constant);
- `schedule_page_ms`: the median time of the public schedule page (eight weeks of sessions);
- `reminder_scan_s`: the daily round's reception job over every open visit (due soon and overdue);
- `statistics_s`: the reception results of one year for the commune (report pre-fill).

Usage: .venv/bin/python bench/reception.py [--db postgres] [--smoke]
(--smoke: 300 visits and 3 timed requests: proves it runs, measures nothing)
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time

from _common import load_units, setup


def seed_visits(unit: object, user: object, count: int, start: int) -> None:
    from danchu.reception.models import Visit, VisitKind

    rng, today = random.Random(14 + start), dt.date.today()
    kinds = [VisitKind.PETITION, VisitKind.COMPLAINT, VisitKind.DENUNCIATION, VisitKind.OTHER]
    numbers: dict[int, int] = {}
    for year, top in Visit.objects.filter(unit=unit).values_list("year", "number").order_by("year", "number"):
        numbers[year] = top
    rows = []
    for n in range(start, start + count):
        received = today - dt.timedelta(days=rng.randrange(3 * 365))
        numbers[received.year] = numbers.get(received.year, 0) + 1
        kind = rng.choice(kinds)
        due = None if kind == VisitKind.OTHER else received + dt.timedelta(days=14)
        answered = (
            None if due is None or rng.random() < 0.2 else received + dt.timedelta(days=rng.randrange(20))
        )
        rows.append(Visit(
            unit=unit, year=received.year, number=numbers[received.year], received_on=received,
            host="Chủ tịch", visitor_name=f"Công dân {n}", visitor_address="Tổ 1", subject=f"Vụ việc số {n}",
            kind=kind,
            answer_due_on=due, answered_on=answered, outcome="accepted" if answered else "", recorded_by=user,
        ))  # fmt: skip
    Visit.objects.bulk_create(rows, batch_size=2000)


def timed(call: object, times: int) -> float:
    samples = []
    for _ in range(times):
        began = time.perf_counter()
        call()  # type: ignore[operator]
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples)


def main() -> None:
    args = setup(__doc__ or "")
    visits, times = (300, 3) if args.smoke else (20_000, 25)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from danchu.accounts.models import Role, RoleAssignment, User
    from danchu.reception import services
    from danchu.reception.models import ChairmanAbsence
    from danchu.reception.statistics import report_statistics
    from danchu.units.models import Generation, Tier, Unit

    load_units(args.smoke)
    commune = Unit.objects.get(code="6673", tier=Tier.COMMUNE, generation=Generation.CURRENT)
    officer = User.objects.create_user(username="bench.tiepdan", password="bench-reception-2026")
    RoleAssignment.objects.create(user=officer, role=Role.FOCAL_OFFICER, unit=commune)
    services.save_schedule(
        actor=officer, unit=commune, weekdays=[3], morning="07:30–11:30", afternoon="13:30–17:00",
        place="Trụ sở UBND phường", chairman="Chủ tịch", stand_in="Phó Chủ tịch",
    )  # fmt: skip
    schedule = services.publish_schedule(actor=officer, unit=commune)
    official = Client(SERVER_NAME="localhost")
    official.force_login(officer)
    public = Client(SERVER_NAME="localhost")
    log_page = f"/tiep-cong-dan/don-vi/{commune.pk}/so/"
    schedule_page = f"/tiep-cong-dan/cong/{commune.pk}/lich/"

    def queries(client: Client, url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200, url
        return len(ctx.captured_queries)

    seed_visits(commune, officer, 100, 0)
    log_few = queries(official, log_page)
    seed_visits(commune, officer, visits - 100, 100)
    log_many = queries(official, log_page)
    log_ms = timed(lambda: official.get(log_page), times)

    schedule_few = queries(public, schedule_page)
    today = timezone.localdate()
    ChairmanAbsence.objects.bulk_create(
        ChairmanAbsence(schedule=schedule, starts_on=today + dt.timedelta(days=3 * n),
                        ends_on=today + dt.timedelta(days=3 * n + 1), stand_in=f"Phó {n}", reason="Công tác",
                        recorded_by=officer)
        for n in range(20)
    )  # fmt: skip
    schedule_many = queries(public, schedule_page)
    schedule_ms = timed(lambda: public.get(schedule_page), times)

    began = time.perf_counter()
    counts = services.remind_answers(today)
    scan = time.perf_counter() - began
    began = time.perf_counter()
    report_statistics([commune.pk], dt.date(today.year, 1, 1), today)
    stats = time.perf_counter() - began

    print(f"visits: {visits}, reminded: {counts['reception_due_soon'] + counts['reception_overdue']}")
    print(f"log_queries: {log_many}")
    print(f"log_queries_100: {log_few}")
    print(f"log_page_ms: {log_ms:.1f}")
    print(f"schedule_queries: {schedule_many}")
    print(f"schedule_queries_few: {schedule_few}")
    print(f"schedule_page_ms: {schedule_ms:.1f}")
    print(f"reminder_scan_s: {scan:.3f}")
    print(f"statistics_s: {stats:.3f}")


if __name__ == "__main__":
    main()
