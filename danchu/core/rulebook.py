"""Reading the rulebook (sổ quy định): the value in force for a key, on a date, for a unit.

A unit-level row (a province's override) wins over the national row; the nearest ancestor wins.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from fractions import Fraction
from typing import Protocol

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import Rule


class Scoped(Protocol):
    """Anything that sits in the unit tree (a Unit), nearest first."""

    def lineage_ids(self) -> Sequence[int]: ...


class UnknownRuleError(LookupError):
    pass


def in_force(on: dt.date) -> Q:
    return Q(effective_from__lte=on) & (Q(effective_to__isnull=True) | Q(effective_to__gte=on))


def rule(key: str, *, on: dt.date | None = None, unit: Scoped | None = None) -> Rule:
    """The Rule row in force for `key` on `on` (default: today) for `unit`'s province or the nation."""
    on = on or timezone.localdate()
    lineage = list(unit.lineage_ids()) if unit is not None else []
    candidates = list(
        Rule.objects.filter(in_force(on), key=key)
        .filter(Q(scope_unit__isnull=True) | Q(scope_unit_id__in=lineage))
        .order_by("-effective_from")
    )
    if not candidates:
        raise UnknownRuleError(f"Không có quy định “{key}” có hiệu lực ngày {on:%d/%m/%Y}.")
    rank = {unit_id: i for i, unit_id in enumerate(lineage)}
    return min(
        candidates, key=lambda r: rank.get(r.scope_unit_id, len(rank)) if r.scope_unit_id else len(rank)
    )


def number(key: str, *, on: dt.date | None = None, unit: Scoped | None = None) -> int:
    """A whole-number parameter (days, working days, counts)."""
    found = rule(key, on=on, unit=unit)
    return int(found.value)


def share(key: str, *, on: dt.date | None = None, unit: Scoped | None = None) -> Fraction:
    """A share such as 2/3 or 1/2, exact."""
    found = rule(key, on=on, unit=unit)
    return Fraction(found.value) / found.denominator


def national_rules(on: dt.date | None = None) -> QuerySet[Rule]:
    on = on or timezone.localdate()
    return Rule.objects.filter(in_force(on), scope_unit__isnull=True).order_by("key")
