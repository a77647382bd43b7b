"""Put the shipped rulebook and holidays into the database without overwriting operators' edits."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .calendar_seed import CITATION, HOLIDAYS, MAKEUP_WORKDAYS
from .rulebook_seed import NATIONAL_RULES, SeedRule


def sync_rulebook(rule_model: Any, holiday_model: Any) -> int:
    """Create missing national rules and holidays; existing rows (maybe edited) are left alone."""
    created = sync_rules(rule_model, NATIONAL_RULES)
    have_days = set(holiday_model.objects.values_list("date", flat=True))
    days = [
        holiday_model(date=d, name=n, kind="holiday", citation=CITATION)
        for d, n in HOLIDAYS
        if d not in have_days
    ]
    days += [
        holiday_model(date=d, name=n, kind="makeup", citation=CITATION)
        for d, n in MAKEUP_WORKDAYS
        if d not in have_days
    ]
    holiday_model.objects.bulk_create(days)
    return created + len(days)


def sync_rules(rule_model: Any, rules: Iterable[SeedRule]) -> int:
    """Create the missing national rules of `rules` (an app's data migration calls this with its own)."""
    have = set(rule_model.objects.filter(scope_unit__isnull=True).values_list("key", "effective_from"))
    new_rules = [
        rule_model(
            key=r.key,
            title=r.title,
            value=r.value,
            denominator=r.denominator,
            unit=r.unit,
            citation=r.citation,
            note=r.note,
            verified=r.verified,
            effective_from=r.effective_from,
        )
        for r in rules
        if (r.key, r.effective_from) not in have
    ]
    rule_model.objects.bulk_create(new_rules)
    return len(new_rules)
