"""Figures reports may pre-fill: decisions held, households that took part, decisions passed."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count

from danchu.units.models import Unit

from .models import Decision


def report_statistics(unit_ids: list[int], start: dt.date, end: dt.date) -> dict[int, dict[str, int]]:
    """For each unit (its subtree): decisions tallied in the period, how many passed, households that
    took part and households registered (turnout = took_part / registered). A fixed number of queries."""
    units = {u.pk: u.path for u in Unit.objects.filter(pk__in=unit_ids)}
    tallied = Decision.objects.filter(tallied_at__date__gte=start, tallied_at__date__lte=end)
    rows = list(
        tallied.values("id", "unit__path", "passed", "denominator").annotate(n=Count("participations"))
    )
    result: dict[int, dict[str, int]] = {}
    for unit_id, path in units.items():
        mine = [r for r in rows if r["unit__path"].startswith(path)]
        result[unit_id] = {
            "held": len(mine),
            "passed": sum(1 for r in mine if r["passed"]),
            "households_took_part": sum(r["n"] for r in mine),
            "households_registered": sum(r["denominator"] or 0 for r in mine),
        }
    return result
