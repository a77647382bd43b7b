"""Writes to the national rulebook and the working-day calendar (administrators only)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from danchu.core.policy import CorePerm

from . import audit, policy
from .models import Holiday, Rule

RULE_FIELDS = (
    "key",
    "title",
    "value",
    "denominator",
    "unit",
    "citation",
    "note",
    "verified",
    "effective_from",
    "effective_to",
    "scope_unit",
)
HOLIDAY_FIELDS = ("date", "name", "kind", "citation")


@transaction.atomic
def save_national_rule(*, actor: Any, rule: Rule, before: audit.Snapshot | None) -> Rule:
    """Record a national rule edited by an administrator (e.g. once its legal text is checked)."""
    policy.require(actor, CorePerm.MANAGE_RULES, None)
    rule.full_clean()
    rule.save()
    audit.record(
        actor=actor,
        action="core.rule.update" if before else "core.rule.create",
        obj=rule,
        before=before,
        after=audit.snapshot(rule, RULE_FIELDS),
    )
    return rule


@transaction.atomic
def save_holiday(*, actor: Any, day: Holiday, before: audit.Snapshot | None) -> Holiday:
    policy.require(actor, CorePerm.MANAGE_CALENDAR, None)
    day.full_clean()
    day.save()
    audit.record(
        actor=actor,
        action="core.holiday.update" if before else "core.holiday.create",
        obj=day,
        before=before,
        after=audit.snapshot(day, HOLIDAY_FIELDS),
    )
    return day


@transaction.atomic
def remove_holiday(*, actor: Any, day: Holiday) -> None:
    """A calendar entry entered by mistake may go; the audit entry keeps what it was."""
    policy.require(actor, CorePerm.MANAGE_CALENDAR, None)
    audit.record(
        actor=actor, action="core.holiday.delete", obj=day, before=audit.snapshot(day, HOLIDAY_FIELDS)
    )
    day.delete()
