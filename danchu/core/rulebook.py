"""Reading the rulebook (sổ quy định): the value in force for a key, on a date, for a unit.

A unit-level row (a province's override) wins over the national row; the nearest ancestor wins.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Protocol

from django.db.models import Q
from django.utils import timezone

from .models import Rule


class Scoped(Protocol):
    """Anything that sits in the unit tree (a Unit), nearest first."""

    def lineage_ids(self) -> Sequence[int]: ...


@dataclass(frozen=True)
class PathLineage:
    """A unit known only by its tree path ("/1/7/42/"), enough for a batch job to find its own value."""

    path: str

    def lineage_ids(self) -> list[int]:
        return [int(part) for part in reversed(self.path.strip("/").split("/")) if part]


class UnknownRuleError(LookupError):
    pass


def public_citation(citation: str) -> str:
    """A rule's citation as the public reads it: the law and article, without the rulebook's working note
    in brackets at its end ("(theo đáp án cuộc thi, chưa kiểm chứng)"); how sure the rule is shows as its
    "chưa kiểm chứng" mark instead."""
    text = citation.rstrip()
    if not text.endswith(")"):
        return text
    depth = 0
    for at in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[at], 0)
        if depth == 0:
            return text[:at].rstrip(" ,;") or text
    return text


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
    """A whole-number parameter (days, working days, counts) for one unit or the nation."""
    values = resolver(key, on=on)
    return values.for_unit(unit) if unit is not None else values.national


def share(key: str, *, on: dt.date | None = None, unit: Scoped | None = None) -> Fraction:
    """A share such as 2/3 or 1/2, exact."""
    found = rule(key, on=on, unit=unit)
    return Fraction(found.value) / found.denominator


@dataclass(frozen=True)
class UnitValues:
    """A whole-number parameter resolved for many units at once: the national value and the overrides."""

    national: int
    overrides: dict[int, int]

    def for_unit(self, unit: Scoped) -> int:
        for unit_id in unit.lineage_ids():
            if unit_id in self.overrides:
                return self.overrides[unit_id]
        return self.national

    @property
    def largest(self) -> int:
        return max([self.national, *self.overrides.values()])

    @property
    def smallest(self) -> int:
        return min([self.national, *self.overrides.values()])


def resolver(key: str, *, on: dt.date | None = None) -> UnitValues:
    """Load a parameter once for a batch job over many units (one query, none per unit)."""
    on = on or timezone.localdate()
    return resolvers_on([key], [on])[on][key]


def resolvers_on(keys: Sequence[str], days: Sequence[dt.date]) -> dict[dt.date, dict[str, UnitValues]]:
    """Several parameters as they stood on several days (a job comparing today with its last run), in
    one query."""
    # Every rule in force on some day between the first and the last (a few rows), sorted out per day here.
    rows = list(
        Rule.objects.filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=min(days)),
            effective_from__lte=max(days),
            key__in=keys,
        )
        .order_by("effective_from")
        .values_list("key", "value", "scope_unit_id", "effective_from", "effective_to")
    )
    found: dict[dt.date, dict[str, UnitValues]] = {}
    for day in days:
        current = [r for r in rows if r[3] <= day and (r[4] is None or r[4] >= day)]
        found[day] = {}
        for key in keys:
            mine = [(value, scope) for k, value, scope, *_ in current if k == key]
            national = next((value for value, scope in reversed(mine) if scope is None), None)
            if national is None:
                raise UnknownRuleError(f"Không có quy định “{key}” có hiệu lực ngày {day:%d/%m/%Y}.")
            found[day][key] = UnitValues(int(national), {scope: int(value) for value, scope in mine if scope})
    return found
