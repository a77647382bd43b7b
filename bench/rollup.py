"""Benchmark for the roll-up of periodic reports (issue 4).

Loads the real national unit list (34 provinces / 3,321 communes, and the legacy 63 / 696 / 10,051
tree), gives every province a 6-month regime with 60 indicators and every commune one sent report per
period with a value for each indicator, then measures:

- `rollup_s`: the roll-up of every indicator at every node of the current tree for one period;
- `rollup_ratio_to_floor`: its ratio to one raw `SUM … GROUP BY` over the same values (leaf sums);
- `rollup_legacy_s`: the same on the legacy tree (communes under districts under provinces);
- `rollup_growth_4x`: time with 4 periods of data over time with 1 (data grows 4×);
- `completeness_queries`, `completeness_ms`: the largest province's completeness page (query count, and
  server time through Django's test client); the query count is also taken for the smallest province.

Each timing is the median of 5 runs. Usage: .venv/bin/python bench/rollup.py [--db postgres] [--smoke]
(--smoke: two provinces of each tree instead of the whole list, one run of each timing)
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from collections.abc import Callable
from decimal import Decimal

from _common import load_units, setup

PERIODS = ["2026S1", "2026S2", "2025S1", "2025S2"]
INDICATORS = 60


def median_time(call: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    args = setup(__doc__ or "")
    runs = 1 if args.smoke else 5
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from danchu.accounts.models import Role, RoleAssignment, User
    from danchu.reports import selectors, services
    from danchu.reports.models import (
        DataValue,
        Indicator,
        ReportRegime,
        Submission,
        SubmissionStatus,
    )
    from danchu.reports.rollup import rollup
    from danchu.units.models import Generation, Tier, Unit

    load_units(args.smoke)
    catalogue = list(Indicator.objects.filter(kind__in=["integer", "percent"]).order_by("id"))
    extra = [
        Indicator(
            code=f"BENCH_{n:02d}",
            group="Bench",
            name=f"Chỉ tiêu {n}",
            kind="integer",
            aggregation="sum",
            citation="-",
        )
        for n in range(INDICATORS - len(catalogue))
    ]
    Indicator.objects.bulk_create(extra)
    indicators = catalogue + list(Indicator.objects.filter(code__startswith="BENCH_"))
    assert len(indicators) == INDICATORS
    rng = random.Random(4)

    admin = User.objects.create_user(username="bench-admin")
    RoleAssignment.objects.create(user=admin, role=Role.SYSTEM_ADMIN, unit=None)
    codes = [i.code for i in indicators]

    def build(generation: str, periods: list[str]) -> list[int]:
        # Issued through the service, so the cut-off day and deadlines come from the rulebook; a year before
        # they apply, so that the service opens no period: the benchmark adds its own sent reports.
        starts_on = dt.date(2025, 1, 1)
        regimes = [
            services.create_regime(actor=admin, unit=p, name="Báo cáo 6 tháng", frequency="six_monthly",
                                   reporter_tiers=[Tier.COMMUNE], indicator_codes=codes, starts_on=starts_on,
                                   today=starts_on - dt.timedelta(days=365))
            for p in Unit.objects.filter(tier=Tier.PROVINCE, generation=generation)
        ]  # fmt: skip
        assert not Submission.objects.filter(regime__in=regimes).exists()
        add_periods(generation, {r.unit_id: r for r in regimes}, periods)
        return [r.pk for r in regimes]

    def add_periods(generation: str, regime_of: dict[int, ReportRegime], periods: list[str]) -> None:
        communes = list(
            Unit.objects.filter(tier=Tier.COMMUNE, generation=generation).values_list("pk", "path")
        )
        for period in periods:
            dates = {pk: selectors.period_of(regime, period) for pk, regime in regime_of.items()}
            rows = []
            for pk, path in communes:
                province = int(path.strip("/").split("/")[0])
                window = dates[province]
                sent = dt.datetime.combine(window.due_on, dt.time(9), tzinfo=dt.UTC)
                rows.append(Submission(regime=regime_of[province], unit_id=pk, period=period,
                                       period_start=window.start, period_end=window.end, due_on=window.due_on,
                                       status=SubmissionStatus.SUBMITTED, first_submitted_at=sent,
                                       submitted_at=sent))  # fmt: skip
            Submission.objects.bulk_create(rows, batch_size=2000)
            ids = list(
                Submission.objects.filter(period=period, unit__generation=generation).values_list(
                    "pk", flat=True
                )
            )
            batch: list[DataValue] = []
            for sid in ids:
                for ind in indicators:
                    percent = ind.kind == "percent"
                    batch.append(
                        DataValue(submission_id=sid, indicator_id=ind.pk, number=Decimal(rng.randint(0, 500)),
                                  denominator=Decimal(rng.randint(500, 600)) if percent else None)
                    )  # fmt: skip
                if len(batch) >= 20000:
                    DataValue.objects.bulk_create(batch)
                    batch = []
            DataValue.objects.bulk_create(batch)

    def floor(regime_ids: list[int], periods: list[str]) -> int:
        marks = ", ".join(["%s"] * len(periods))
        regimes = ", ".join(["%s"] * len(regime_ids))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT s.unit_id, s.period, v.indicator_id, SUM(v.number) FROM reports_datavalue v "
                "JOIN reports_submission s ON s.id = v.submission_id "
                f"WHERE s.period IN ({marks}) AND s.regime_id IN ({regimes}) "
                "GROUP BY s.unit_id, s.period, v.indicator_id",
                [*periods, *regime_ids],
            )
            return len(cursor.fetchall())

    started = time.perf_counter()
    current = build(Generation.CURRENT, PERIODS[:1])
    values = DataValue.objects.count()
    built = time.perf_counter() - started
    print(f"current tree: {len(current)} regimes, {values} values, built in {built:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    result = rollup(periods=PERIODS[:1], regime_ids=current)
    nodes = {key[0] for key in result}
    rollup_s = median_time(lambda: rollup(periods=PERIODS[:1], regime_ids=current), runs)
    floor_s = median_time(lambda: floor(current, PERIODS[:1]), runs)
    leaves = floor(current, PERIODS[:1])
    print(f"roll-up: {len(result)} aggregates at {len(nodes)} nodes; floor: {leaves} leaf sums")

    # Completeness page of the largest and the smallest province (query count must not follow size).
    official = User.objects.create_user(username="bench", password="x")
    sizes = sorted((Submission.objects.filter(regime_id=r, period=PERIODS[0]).count(), r) for r in current)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(official)
    counts = {}
    for size, regime_id in (sizes[0], sizes[-1]):
        regime = ReportRegime.objects.get(pk=regime_id)
        RoleAssignment.objects.get_or_create(user=official, role=Role.FOCAL_OFFICER, unit=regime.unit)
        url = f"/bao-cao/{regime_id}/ky/{PERIODS[0]}/"
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts[size] = len(queries)
    largest_url = f"/bao-cao/{sizes[-1][1]}/ky/{PERIODS[0]}/"
    completeness_s = median_time(lambda: client.get(largest_url), runs)
    print(f"completeness queries by province size (communes: queries): {counts}")

    # Growth: three more periods of the same data.
    regime_of = {r.unit_id: r for r in ReportRegime.objects.filter(pk__in=current)}
    add_periods(Generation.CURRENT, regime_of, PERIODS[1:])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    rollup_4x_s = median_time(lambda: rollup(periods=PERIODS, regime_ids=current), runs)
    print(f"4 periods: {DataValue.objects.count()} values, roll-up {rollup_4x_s:.3f} s")

    legacy = build(Generation.LEGACY, PERIODS[:1])
    legacy_values = DataValue.objects.filter(submission__regime_id__in=legacy).count()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    legacy_result = rollup(periods=PERIODS[:1], regime_ids=legacy)
    rollup_legacy_s = median_time(lambda: rollup(periods=PERIODS[:1], regime_ids=legacy), runs)
    legacy_floor_s = median_time(lambda: floor(legacy, PERIODS[:1]), runs)
    print(
        f"legacy tree: {len(legacy)} regimes, {legacy_values} values, {len(legacy_result)} aggregates at "
        f"{len({k[0] for k in legacy_result})} nodes; floor {legacy_floor_s:.3f} s, "
        f"ratio {rollup_legacy_s / legacy_floor_s:.2f}"
    )
    print(f"db: {args.db}, floor_s: {floor_s:.3f}")
    print(f"rollup_s: {rollup_s:.3f}")
    print(f"rollup_ratio_to_floor: {rollup_s / floor_s:.2f}")
    print(f"rollup_legacy_s: {rollup_legacy_s:.3f}")
    print(f"rollup_growth_4x: {rollup_4x_s / rollup_s:.2f}")
    print(f"completeness_queries: {counts[sizes[-1][0]]}")
    print(f"completeness_ms: {completeness_s * 1000:.1f}")


if __name__ == "__main__":
    main()
