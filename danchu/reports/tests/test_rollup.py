"""The roll-up equals the sums computed here from the raw rows, on the current and the legacy tree."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from decimal import Decimal

from conftest import make_unit
from danchu.reports import selectors, services
from danchu.reports.models import DataValue, Indicator, Submission, SubmissionStatus
from danchu.reports.rollup import rollup
from danchu.units.models import Generation, Tier, UnitKind

from .conftest import at


def _fill(regime, personas, rng):
    """Random values for every report, sent; returns nothing (the test recomputes from the rows)."""
    wanted = ["MC_RECEIVED", "MC_EARLY", "MC_PENDING", "QCDC_SATISFACTION", "QCDC_PLAN"]
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=wanted)}
    admin = personas["admin"]
    for report in Submission.objects.filter(regime=regime):
        received = rng.randint(10, 500)
        values = {
            "MC_RECEIVED": str(received),
            "MC_EARLY": str(rng.randint(0, received)),
            "MC_PENDING": str(rng.randint(0, 5)),
            "QCDC_SATISFACTION": (str(rng.randint(0, 100)), str(rng.randint(100, 120))),
            "QCDC_PLAN": rng.choice(["có", "không"]),
        }
        services.save_values(actor=admin, submission=report, values=values)
        services.submit(actor=admin, submission=report)
    return indicators


def test_rollup_equals_sums_of_raw_rows_on_current_tree(tree, personas, regime):
    for i in range(3):
        make_unit(f"Xã Thêm {i}", UnitKind.COMMUNE, tree.province, code=f"2120{i}")
    with at(2026, 6, 16):
        services.open_due_periods(dt.date(2026, 6, 10))  # new communes join the running period
        indicators = _fill(regime, personas, random.Random(7))
    result = rollup(periods=["2026S1"], regime_ids=[regime.pk])
    raw = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for unit_path, code, number, den in DataValue.objects.filter(submission__period="2026S1").values_list(
        "submission__unit__path", "indicator__code", "number", "denominator"
    ):
        for node in unit_path.strip("/").split("/"):
            raw[(int(node), code)][0] += number
            raw[(int(node), code)][1] += den or 0
    for (node, code), (total, den) in raw.items():
        aggregate = result[(node, "2026S1", indicators[code].pk)]
        assert aggregate.value("sum") == total
        assert (aggregate.denominator or 0) == den
    province = result[(tree.province.pk, "2026S1", indicators["QCDC_SATISFACTION"].pk)]
    expected = (
        raw[(tree.province.pk, "QCDC_SATISFACTION")][0]
        * 100
        / raw[(tree.province.pk, "QCDC_SATISFACTION")][1]
    )
    assert province.value("ratio") == expected.quantize(Decimal("0.01"))  # ratio of sums, not a mean of rates
    yes = result[(tree.province.pk, "2026S1", indicators["QCDC_PLAN"].pk)]
    assert yes.rows == 5 and yes.value("count_yes") == raw[(tree.province.pk, "QCDC_PLAN")][0]
    # Drafts do not count; approved-only counts none yet.
    assert rollup(periods=["2026S1"], regime_ids=[regime.pk], approved_only=True) == {}


def test_rollup_on_legacy_tree_climbs_through_districts(db, personas):
    province = make_unit("Tỉnh cũ", UnitKind.PROVINCE, code="90")
    province.generation = Generation.LEGACY
    province.save()
    districts = []
    for d in range(2):
        district = make_unit(f"Huyện {d}", UnitKind.DISTRICT, province, code=f"9{d}0")
        districts.append(district)
        for c in range(3):
            commune = make_unit(f"Xã {d}{c}", UnitKind.COMMUNE, district, code=f"9{d}{c}1")
            commune.generation = Generation.LEGACY
            commune.save()
        district.generation = Generation.LEGACY
        district.save()
    with at(2026, 1, 10):
        regime = services.create_regime(
            actor=personas["admin"], unit=province, name="Một cửa", frequency="six_monthly",
            reporter_tiers=[Tier.COMMUNE], indicator_codes=["MC_RECEIVED"], starts_on=dt.date(2026, 1, 1),
        )  # fmt: skip
    assert Submission.objects.filter(regime=regime).count() == 6
    with at(2026, 6, 16):
        for n, report in enumerate(Submission.objects.filter(regime=regime).order_by("unit__code")):
            services.save_values(
                actor=personas["admin"], submission=report, values={"MC_RECEIVED": str(n + 1)}
            )
            services.submit(actor=personas["admin"], submission=report)
    indicator = Indicator.objects.get(code="MC_RECEIVED")
    result = rollup(periods=["2026S1"], root=province, regime_ids=[regime.pk])
    assert result[(province.pk, "2026S1", indicator.pk)].total == 21
    assert result[(districts[0].pk, "2026S1", indicator.pk)].total == 1 + 2 + 3
    assert result[(districts[1].pk, "2026S1", indicator.pk)].total == 4 + 5 + 6
    pivot = selectors.pivot(province, regime, "2026S1")
    assert pivot.total == [Decimal(21)]
    assert [(r.unit.name, r.values, r.has_children) for r in pivot.rows] == [
        ("Huyện 0", [Decimal(6)], True),
        ("Huyện 1", [Decimal(15)], True),
    ]
    done = selectors.completeness(province, regime, "2026S1")
    assert (done.expected, done.reported, done.on_time, done.missing) == (6, 6, 6, 0)
    card = selectors.scorecard(province, regime, ["2026S1"])
    assert [(u.name, [c.reported for c in cells]) for u, cells in card.rows] == [
        ("Huyện 0", [3]),
        ("Huyện 1", [3]),
    ]
    assert SubmissionStatus.SUBMITTED in set(Submission.objects.values_list("status", flat=True))
