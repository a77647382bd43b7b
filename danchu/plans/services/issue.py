"""Ban hành: a draft becomes the unit's official plan; its directives cascade to the units below as
obligations, its assignments become tasks, and it fulfils its unit's obligation to the level above."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danchu.accounts.models import User
from danchu.core import audit
from danchu.core.errors import DomainError
from danchu.units.models import Tier, Unit

from ..models import DirectiveKind, ItemAssignment, Obligation, Plan, PlanStatus, Task
from ..permissions import PlanPerm
from ..selectors import access_plan
from .fields import PLAN_FIELDS


@transaction.atomic
def issue_plan(*, actor: User, plan: Plan, cascade_tiers: list[int] | None = None) -> Plan:
    """Ban hành: the plan becomes official. Its directives become obligations of every subordinate unit
    of the chosen tiers; a plan that answers an upper-level plan fulfils its unit's obligation to send one.

    The plan is re-read under a lock and its state checked there: of concurrent issues one succeeds and
    the others are refused, instead of creating its tasks twice."""
    plan = access_plan(actor=actor, plan_id=plan.pk, perm=PlanPerm.MANAGE, for_write=True)
    if not plan.is_draft:
        raise DomainError(_("Kế hoạch này đã được ban hành."))
    if not plan.items.exists():
        raise DomainError(_("Kế hoạch chưa có nội dung nào; hãy kiểm tra lại trước khi ban hành."))
    if plan.issued_on is None:
        raise DomainError(_("Cần nhập ngày ban hành trước khi ban hành kế hoạch."), field="issued_on")
    tiers = sorted(set(cascade_tiers or []))
    if any(tier <= plan.unit.tier or tier > Tier.COMMUNE for tier in tiers):
        raise DomainError(
            _("Cấp đơn vị thực hiện phải thấp hơn cấp của đơn vị ban hành."), field="cascade_tiers"
        )
    with audit.audited(
        actor=actor, action="plans.plan.issue", obj=plan, fields=PLAN_FIELDS, scope_unit_id=plan.unit_id
    ) as change:
        plan.status = PlanStatus.ISSUED
        plan.issued_at = timezone.now()
        plan.issued_by = actor
        plan.cascade_tiers = tiers
        plan.save(update_fields=["status", "issued_at", "issued_by", "cascade_tiers", "updated_at"])
        created = _create_obligations(plan, tiers)
        _create_tasks(plan)
        fulfilled = _fulfil_parent_obligation(plan)
        change.note(cascade_tiers=tiers, obligations=created, fulfils=fulfilled)
    return plan


def _create_obligations(plan: Plan, tiers: list[int]) -> int:
    """One obligation per (directive with a date, subordinate unit of the chosen tiers): set-based."""
    if not tiers:
        return 0
    directives = [d for d in plan.directives.all() if d.due_on is not None]
    unit_ids = list(
        Unit.objects.filter(path__startswith=plan.unit.path, tier__in=tiers, generation=plan.unit.generation)
        .exclude(pk=plan.unit_id)
        .values_list("pk", flat=True)
    )
    rows = [
        Obligation(directive=d, unit_id=unit_id, due_on=d.due_on)
        for d in directives
        for unit_id in unit_ids
        if d.due_on is not None
    ]
    Obligation.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def _fulfil_parent_obligation(plan: Plan) -> int | None:
    """The unit's open obligation to send a plan to the level above, fulfilled by this one (locked, so
    two plans of the unit issued at once fulfil it once)."""
    if plan.parent_id is None:
        return None
    obligation = (
        Obligation.objects.select_for_update()
        .filter(
            directive__plan_id=plan.parent_id,
            directive__kind=DirectiveKind.PLAN,
            unit_id=plan.unit_id,
            fulfilled_at__isnull=True,
        )
        .first()
    )
    if obligation is None:
        return None
    obligation.fulfilled_at = plan.issued_at
    obligation.fulfilled_by_plan = plan
    obligation.save(update_fields=["fulfilled_at", "fulfilled_by_plan"])
    return obligation.pk


def _create_tasks(plan: Plan) -> None:
    """Every assignment of every item becomes a task for its agency, due when the item is."""
    assignments = ItemAssignment.objects.filter(item__plan=plan).select_related("item")
    Task.objects.bulk_create(
        Task(
            unit_id=plan.unit_id,
            plan=plan,
            item=a.item,
            assignment=a,
            agency_id=a.agency_id,
            role=a.role,
            due_on=a.item.due_on or dt.date(plan.year, 12, 31),
        )
        for a in assignments
    )
