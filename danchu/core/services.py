"""Writes to the national rulebook and the working-day calendar (administrators only)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from danchu.core.policy import CorePerm

from . import audit, policy
from .actors import Actor
from .bounds import bounded_date
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


def _stored_before(obj: Model, fields: tuple[str, ...]) -> audit.Snapshot | None:
    """The stored row as it is now, locked until the transaction ends (None for a new record)."""
    if obj.pk is None:
        return None
    stored = type(obj)._default_manager.select_for_update().filter(pk=obj.pk).first()
    return audit.snapshot(stored, fields) if stored is not None else None


@transaction.atomic
def save_national_rule(*, actor: Actor, rule: Rule) -> Rule:
    """Record a national rule edited by an administrator (e.g. once its legal text is checked)."""
    policy.require(actor, CorePerm.MANAGE_RULES, None)
    before = _stored_before(rule, RULE_FIELDS)
    bounded_date(rule.effective_from, field="effective_from", label=_("Ngày hiệu lực"))
    if rule.effective_to is not None:
        bounded_date(rule.effective_to, field="effective_to", label=_("Ngày hết hiệu lực"))
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
def save_holiday(*, actor: Actor, day: Holiday) -> Holiday:
    policy.require(actor, CorePerm.MANAGE_CALENDAR, None)
    before = _stored_before(day, HOLIDAY_FIELDS)
    bounded_date(day.date, field="date")
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
def remove_holiday(*, actor: Actor, day: Holiday) -> None:
    """A calendar entry entered by mistake may go; the audit entry keeps what it was."""
    policy.require(actor, CorePerm.MANAGE_CALENDAR, None)
    before = _stored_before(day, HOLIDAY_FIELDS)
    if before is None:
        return  # removed already (by a concurrent request): one entry records the removal
    audit.record(actor=actor, action="core.holiday.delete", obj=day, before=before)
    day.delete()
