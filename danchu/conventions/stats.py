"""Figures for periodic reports, and the yearly review date (rà soát hằng năm) from the rulebook."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Q

from danchu.core import rulebook
from danchu.units.models import Unit

from .models import Convention, ConventionEvent, ConventionStatus, EventKind


def review_date(year: int, unit: Unit | None = None) -> dt.date:
    """The day of the year's review: 18/11 by the rulebook (`convention.review_month`, `review_day`)."""
    on = dt.date(year, 1, 1)
    month = rulebook.number("convention.review_month", unit=unit, on=on)
    day = rulebook.number("convention.review_day", unit=unit, on=on)
    return dt.date(year, month, day)


def review_overdue(convention: Convention, today: dt.date, due: dt.date) -> bool:
    """In force, past this year's review day, and not reviewed since the start of the year."""
    if convention.status == ConventionStatus.ABOLISHED or convention.current is None or today <= due:
        return False
    if convention.effective_on and convention.effective_on.year == today.year:
        return False  # recognised this year: its first review is next year's
    return convention.last_reviewed_on is None or convention.last_reviewed_on.year < today.year


def report_statistics(unit_ids: list[int], start: dt.date, end: dt.date) -> dict[int, dict[str, int]]:
    """conventions.in_force (at the end of the period), .recognised and .reviewed (during it), per unit
    and over its subtree (a commune counts its villages)."""
    units = list(Unit.objects.filter(pk__in=unit_ids).only("id", "path"))
    under = Q(pk__in=[])
    for unit in units:
        under |= Q(unit__path__startswith=unit.path)
    in_force = list(
        Convention.objects.filter(under, status=ConventionStatus.IN_FORCE, effective_on__lte=end).values_list(
            "unit__path", flat=True
        )
    )
    events: defaultdict[str, list[str]] = defaultdict(list)
    for kind, path in ConventionEvent.objects.filter(
        Q(pk__in=[]) | Q(convention__in=Convention.objects.filter(under)),
        kind__in=(EventKind.RECOGNISED, EventKind.REVIEWED),
        on__gte=start,
        on__lte=end,
    ).values_list("kind", "convention__unit__path"):
        events[kind].append(path)
    result: dict[int, dict[str, int]] = {}
    for unit in units:
        result[unit.pk] = {
            "in_force": sum(1 for p in in_force if p.startswith(unit.path)),
            "recognised": sum(1 for p in events[EventKind.RECOGNISED] if p.startswith(unit.path)),
            "reviewed": sum(1 for p in events[EventKind.REVIEWED] if p.startswith(unit.path)),
        }
    return result
