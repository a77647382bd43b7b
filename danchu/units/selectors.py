"""Reads of the unit tree, agencies and households; every view fetches through an access_* here."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext, gettext_noop

from danchu.core.access import access, access_public
from danchu.core.actors import Actor
from danchu.core.errors import DomainError
from danchu.core.policy import Perm
from danchu.core.text import fold

from .models import Agency, Generation, Household, Resident, Tier, Unit


def access_unit(*, actor: Actor | None, unit_id: int | str, perm: Perm, for_write: bool = False) -> Unit:
    return access(
        Unit.objects.select_related("parent"),
        unit_id,
        actor=actor,
        perm=perm,
        label=gettext_noop("đơn vị"),
        for_write=for_write,
    )


def access_agency(
    *, actor: Actor | None, agency_id: int | str, perm: Perm, for_write: bool = False
) -> Agency:
    queryset = Agency.objects.select_related("unit", "parent")
    return access(
        queryset, agency_id, actor=actor, perm=perm, label=gettext_noop("cơ quan"), for_write=for_write
    )


def access_household(
    *, actor: Actor | None, household_id: int | str, perm: Perm, for_write: bool = False
) -> Household:
    queryset = Household.objects.select_related("village", "village__parent", "representative")
    return access(
        queryset, household_id, actor=actor, perm=perm, label=gettext_noop("hộ gia đình"), for_write=for_write
    )


def access_resident(
    *, actor: Actor | None, resident_id: int | str, perm: Perm, for_write: bool = False
) -> Resident:
    queryset = Resident.objects.select_related("household", "household__village")
    return access(
        queryset, resident_id, actor=actor, perm=perm, label=gettext_noop("nhân khẩu"), for_write=for_write
    )


def public_unit(unit_id: int | str) -> Unit:
    """A unit as the public sees it: name, kind, place in the tree (no internal data)."""
    return access_public(Unit.objects.select_related("parent"), unit_id, label=gettext_noop("đơn vị"))


def commune_by_code(code: str, *, generation: str = Generation.CURRENT) -> Unit:
    """A commune by its official code; an unknown code is a user error, said in Vietnamese."""
    unit = Unit.objects.filter(code=code.strip(), tier=Tier.COMMUNE, generation=generation).first()
    if unit is None:
        raise DomainError(
            gettext("Không có xã, phường mã “%(strip)s”.") % {"strip": code.strip()}, field="target_code"
        )
    return unit


def ancestors(unit: Unit) -> list[Unit]:
    """Root first, excluding the unit itself: one query."""
    ids = list(reversed(unit.lineage_ids()[1:]))
    by_id = Unit.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def provinces(generation: str = Generation.CURRENT) -> QuerySet[Unit]:
    return Unit.objects.filter(tier=Tier.PROVINCE, generation=generation).order_by("name_key")


def children(unit: Unit) -> QuerySet[Unit]:
    return (
        unit.children.filter(valid_to__isnull=True).order_by("tier", "name_key")
        if unit.is_current
        else unit.children.order_by("tier", "name_key")
    )


def search_units(
    query: str,
    *,
    tier: int | None = None,
    within: Unit | None = None,
    generation: str | None = Generation.CURRENT,
    limit: int = 20,
) -> list[Unit]:
    """Units whose name contains the query, with or without diacritics ("ba dinh" finds "Ba Đình")."""
    key = fold(query)[:100]
    if not key:
        return []
    qs = Unit.objects.filter(name_key__contains=key).select_related("parent")
    if generation:
        qs = qs.filter(generation=generation)
    if tier is not None:
        qs = qs.filter(tier=tier)
    if within is not None:
        qs = qs.filter(path__startswith=within.path)
    return list(qs.order_by("tier", "name_key")[:limit])


def agencies_of(unit: Unit, *, include_closed: bool = False) -> QuerySet[Agency]:
    qs = unit.agencies.select_related("parent")
    return qs if include_closed else qs.filter(closed_on__isnull=True)


def villages_of(commune: Unit) -> QuerySet[Unit]:
    return (
        commune.children.filter(tier=Tier.VILLAGE, valid_to__isnull=True)
        .annotate(household_count=Count("households", filter=Q(households__dissolved_on__isnull=True)))
        .order_by("name_key")
    )


def households_of(village: Unit, *, include_dissolved: bool = False) -> QuerySet[Household]:
    qs = (
        village.households.select_related("representative")
        .annotate(member_count=Count("members", filter=Q(members__left_on__isnull=True)))
        .order_by("number")
    )
    return qs if include_dissolved else qs.filter(dissolved_on__isnull=True)


def active_household_count(scope: Unit) -> int:
    """Households counted for a decision over a commune or village: every active one in the subtree."""
    return Household.objects.filter(village__path__startswith=scope.path, dissolved_on__isnull=True).count()


def members_of(household: Household) -> QuerySet[Resident]:
    return household.members.filter(left_on__isnull=True).order_by("id")
