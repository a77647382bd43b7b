from __future__ import annotations

import pytest
from django.core.management import call_command

from danchu.core.models import AuditEntry
from danchu.units.loader import load_national_units
from danchu.units.models import Generation, Tier, Unit, UnitDataVersion, UnitKind, UnitSuccession

pytestmark = pytest.mark.django_db


def _counts() -> dict[tuple[str, int], int]:
    return {
        (g, t): Unit.objects.filter(generation=g, tier=t).count()
        for g, t in [
            (Generation.CURRENT, 1),
            (Generation.CURRENT, 3),
            (Generation.LEGACY, 1),
            (Generation.LEGACY, 2),
            (Generation.LEGACY, 3),
        ]
    }


def test_load_gives_both_trees_and_a_second_run_changes_nothing(capsys):
    call_command("load_units")
    counts = _counts()
    assert counts[(Generation.CURRENT, 1)] == 34
    assert counts[(Generation.CURRENT, 3)] == 3321
    assert counts[(Generation.LEGACY, 1)] == 63
    assert counts[(Generation.LEGACY, 2)] == 696
    assert counts[(Generation.LEGACY, 3)] == 10051
    assert UnitSuccession.objects.count() == 10618
    assert UnitDataVersion.objects.get().package_version == "2026.9.0"

    bai_chay = Unit.objects.get(generation=Generation.CURRENT, tier=Tier.COMMUNE, code="6673")
    assert bai_chay.name == "Phường Bãi Cháy" and bai_chay.kind == UnitKind.WARD
    assert bai_chay.path == f"{bai_chay.parent.path}{bai_chay.pk}/"
    assert bai_chay.parent.name == "Thành phố Quảng Ninh"
    assert {p.name for p in bai_chay.predecessors.all()} == {"Phường Bãi Cháy", "Phường Hùng Thắng"}
    legacy = Unit.objects.get(generation=Generation.LEGACY, tier=Tier.COMMUNE, name="Phường Bãi Cháy")
    assert legacy.parent.tier == Tier.DISTRICT and legacy.valid_to is not None
    assert legacy.path.startswith(legacy.parent.parent.path)

    village = Unit.objects.create(
        parent=bai_chay,
        name="Tổ 1",
        name_key="to 1",
        kind=UnitKind.RESIDENTIAL_GROUP,
        tier=Tier.VILLAGE,
        path=f"{bai_chay.path}x/",
    )
    entries = AuditEntry.objects.count()
    result = load_national_units()
    assert not result.changed
    assert _counts() == counts
    assert UnitDataVersion.objects.count() == 1
    assert AuditEntry.objects.count() == entries
    assert Unit.objects.filter(pk=village.pk).exists()


def test_a_renamed_unit_is_corrected_on_reload():
    load_national_units()
    unit = Unit.objects.get(generation=Generation.CURRENT, tier=Tier.COMMUNE, code="6673")
    Unit.objects.filter(pk=unit.pk).update(name="Sai tên")
    result = load_national_units()
    assert result.updated == 1
    unit.refresh_from_db()
    assert unit.name == "Phường Bãi Cháy" and unit.name_key == "phuong bai chay"


def test_a_load_of_some_provinces_takes_both_trees_of_those_alone():
    result = load_national_units(provinces={"22"})
    assert set(Unit.objects.filter(tier=Tier.PROVINCE).values_list("generation", "name")) == {
        (Generation.CURRENT, "Thành phố Quảng Ninh"),
        (Generation.LEGACY, "Tỉnh Quảng Ninh"),
    }
    assert result.created == Unit.objects.count() and Unit.objects.filter(tier=Tier.DISTRICT).exists()
    for unit in Unit.objects.exclude(tier=Tier.PROVINCE).select_related("parent"):
        assert unit.path == f"{unit.parent.path}{unit.pk}/"
    bai_chay = Unit.objects.get(generation=Generation.CURRENT, tier=Tier.COMMUNE, code="6673")
    assert {p.name for p in bai_chay.predecessors.all()} == {"Phường Bãi Cháy", "Phường Hùng Thắng"}
    assert result.links == UnitSuccession.objects.count() > 0
    assert not load_national_units(provinces={"22"}).changed
