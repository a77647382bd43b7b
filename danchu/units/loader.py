"""Loading the national unit list (danh mục đơn vị hành chính) from the pinned `vietnam-provinces`.

Set-based: one read of what exists, bulk inserts and updates, paths filled tier by tier in SQL.
A second run with the same data writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

import vietnam_provinces
from django.db import transaction
from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat

from danchu.core import audit
from danchu.core.text import fold

from .models import Generation, Tier, Unit, UnitDataVersion, UnitKind, UnitSuccession

REFORM_DATE = dt.date(2025, 7, 1)
LEGACY_END = dt.date(2025, 6, 30)
SOURCE = "vietnam-provinces"

_KIND_OF_DIVISION = {
    "tỉnh": UnitKind.PROVINCE,
    "thành phố trung ương": UnitKind.CENTRAL_CITY,
    "huyện": UnitKind.DISTRICT,
    "quận": UnitKind.URBAN_DISTRICT,
    "thị xã": UnitKind.TOWN,
    "thành phố": UnitKind.PROVINCIAL_CITY,
    "xã": UnitKind.COMMUNE,
    "phường": UnitKind.WARD,
    "thị trấn": UnitKind.TOWNSHIP,
    "đặc khu": UnitKind.SPECIAL_ZONE,
}


@dataclass(frozen=True)
class SourceUnit:
    generation: str
    tier: int
    code: str
    name: str
    kind: str
    parent_code: str | None


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    links: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.links)


def _code(value: Any) -> str:
    return str(int(value))


def _layer(generation: str, tier: int, rows: Iterable[Any], parent_attr: str | None) -> list[SourceUnit]:
    return [
        SourceUnit(
            generation,
            tier,
            _code(row.code),
            row.name,
            _KIND_OF_DIVISION[row.division_type.value],
            _code(getattr(row, parent_attr)) if parent_attr else None,
        )
        for row in rows
    ]


Link = tuple[str, int, str, str, int, str, bool]


def read_source(provinces: Collection[str] | None = None) -> tuple[list[SourceUnit], list[Link]]:
    """Every unit of both trees, parents before children, and the old→new links; with `provinces` (codes),
    only those provinces of either tree, their units and the links among them (benchmark smoke runs)."""
    from vietnam_provinces import _lookup as current
    from vietnam_provinces import _province_conversion_2025 as province_links
    from vietnam_provinces import _ward_conversion_2025 as ward_links
    from vietnam_provinces.legacy import _lookup as legacy

    units = [
        *_layer(Generation.CURRENT, Tier.PROVINCE, current.PROVINCE_MAPPING.values(), None),
        *_layer(Generation.CURRENT, Tier.COMMUNE, current.WARD_MAPPING.values(), "province_code"),
        *_layer(Generation.LEGACY, Tier.PROVINCE, legacy.PROVINCE_MAPPING.values(), None),
        *_layer(Generation.LEGACY, Tier.DISTRICT, legacy.DISTRICT_MAPPING.values(), "province_code"),
        *_layer(Generation.LEGACY, Tier.COMMUNE, legacy.WARD_MAPPING.values(), "district_code"),
    ]
    # (old generation, old tier, old code, new generation, new tier, new code, partial)
    old, new = Generation.LEGACY, Generation.CURRENT
    links: list[Link] = []
    for entry in province_links.OLD_TO_NEW.values():
        partial = len(entry.new_provinces) > 1
        for target in entry.new_provinces:
            old_code, new_code = _code(entry.old_province.code), _code(target.code)
            links.append((old, Tier.PROVINCE, old_code, new, Tier.PROVINCE, new_code, partial))
    for ward in ward_links.OLD_TO_NEW.values():
        for new_ward in ward.new_wards:
            old_code, new_code = _code(ward.old_ward.code), _code(new_ward.code)
            links.append(
                (old, Tier.COMMUNE, old_code, new, Tier.COMMUNE, new_code, ward.old_ward.is_partly_merged)
            )
    if provinces is None:
        return units, links
    kept: set[tuple[str, int, str]] = set()
    for unit in units:  # parents come first
        if (unit.tier == Tier.PROVINCE and unit.code in provinces) or (
            unit.parent_code is not None and (unit.generation, _parent_tier(unit), unit.parent_code) in kept
        ):
            kept.add((unit.generation, unit.tier, unit.code))
    return (
        [u for u in units if (u.generation, u.tier, u.code) in kept],
        [link for link in links if link[:3] in kept and link[3:6] in kept],
    )


def _parent_tier(unit: SourceUnit) -> int:
    if unit.generation == Generation.CURRENT:
        return Tier.PROVINCE
    return Tier.DISTRICT if unit.tier == Tier.COMMUNE else Tier.PROVINCE


@transaction.atomic
def load_national_units(provinces: Collection[str] | None = None) -> LoadResult:
    source_units, source_links = read_source(provinces)
    result = LoadResult()
    existing: dict[tuple[str, int, str], Unit] = {
        (u.generation, u.tier, u.code): u
        for u in Unit.objects.filter(tier__lte=Tier.COMMUNE)
        .exclude(code="")
        .only("id", "generation", "tier", "code", "name", "kind", "parent_id", "valid_from", "valid_to")
    }
    for tier in (Tier.PROVINCE, Tier.DISTRICT, Tier.COMMUNE):
        layer = [u for u in source_units if u.tier == tier]
        to_create: list[Unit] = []
        to_update: list[Unit] = []
        for src in layer:
            parent = (
                existing[(src.generation, _parent_tier(src), src.parent_code)] if src.parent_code else None
            )
            valid_from = REFORM_DATE if src.generation == Generation.CURRENT else None
            valid_to = LEGACY_END if src.generation == Generation.LEGACY else None
            wanted = {
                "name": src.name,
                "kind": src.kind,
                "parent_id": parent.pk if parent else None,
                "valid_from": valid_from,
                "valid_to": valid_to,
            }
            unit = existing.get((src.generation, src.tier, src.code))
            if unit is None:
                to_create.append(
                    Unit(
                        generation=src.generation,
                        tier=src.tier,
                        code=src.code,
                        name_key=fold(src.name),
                        path="",
                        **wanted,
                    )
                )
            elif any(getattr(unit, k) != v for k, v in wanted.items()):
                for k, v in wanted.items():
                    setattr(unit, k, v)
                unit.name_key = fold(unit.name)
                to_update.append(unit)
        created = Unit.objects.bulk_create(to_create, batch_size=2000)
        for unit in created:
            existing[(unit.generation, unit.tier, unit.code)] = unit
        if to_update:
            Unit.objects.bulk_update(
                to_update, ["name", "name_key", "kind", "parent", "valid_from", "valid_to"], batch_size=1000
            )
        result.created += len(created)
        result.updated += len(to_update)
        if created or to_update:
            _fill_paths(tier)

    if result.updated:
        _fill_paths(Tier.VILLAGE)  # a commune that changed parent carries its villages along

    wanted_links = {
        (existing[(og, ot, oc)].pk, existing[(ng, nt, nc)].pk): partial
        for og, ot, oc, ng, nt, nc, partial in source_links
        if (og, ot, oc) in existing and (ng, nt, nc) in existing
    }
    have_links = set(UnitSuccession.objects.values_list("predecessor_id", "successor_id"))
    new_links = [
        UnitSuccession(predecessor_id=a, successor_id=b, partial=p, effective_on=REFORM_DATE)
        for (a, b), p in wanted_links.items()
        if (a, b) not in have_links
    ]
    UnitSuccession.objects.bulk_create(new_links, batch_size=5000)
    result.links = len(new_links)

    if result.changed:
        version = UnitDataVersion.objects.create(
            source=SOURCE,
            package_version=vietnam_provinces.__version__,
            data_version=vietnam_provinces.__data_version__,
            created=result.created,
            updated=result.updated,
            links=result.links,
        )
        audit.record(
            actor=None,
            action="units.national_list.load",
            obj=version,
            after={
                "created": result.created,
                "updated": result.updated,
                "links": result.links,
                "package_version": version.package_version,
                "data_version": version.data_version,
            },
        )
    return result


def _fill_paths(tier: int) -> None:
    """path = parent's path + own id, for a whole tier in one UPDATE (parents already have theirs)."""
    own = Concat(Cast("id", output_field=CharField()), Value("/"), output_field=CharField())
    if tier == Tier.PROVINCE:
        Unit.objects.filter(tier=tier, parent__isnull=True).update(
            path=Concat(Value("/"), own, output_field=CharField())
        )
        return
    parent_path = Subquery(Unit.objects.filter(pk=OuterRef("parent_id")).values("path")[:1])
    Unit.objects.filter(tier=tier, parent__isnull=False).update(
        path=Concat(parent_path, own, output_field=CharField())
    )
