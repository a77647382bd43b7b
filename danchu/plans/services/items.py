"""Writes to a draft's content: correct an item, create the agencies it names that the unit lacks.

The plan is locked first (then the item): its state is checked on the locked row, and an issue running
at the same time either sees the correction whole or refuses it.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_noop

from danchu.accounts.models import User
from danchu.core import audit
from danchu.core.errors import DomainError
from danchu.core.text import clean_text
from danchu.units import services as unit_services
from danchu.units.models import Agency, AgencyKind

from ..agencies import match_agency
from ..models import AssignmentRole, ItemAssignment, Plan, PlanItem
from ..permissions import PlanPerm
from ..selectors import access_item, access_plan, unmatched_agency_names
from ..timeframes import due_from_timeframe
from .fields import ITEM_FIELDS, NOT_A_DRAFT


@transaction.atomic
def correct_item(
    *,
    actor: User,
    item: PlanItem,
    heading: str,
    timeframe_text: str,
    due_on: dt.date | None,
    lead: list[str],
    implementing: list[str],
    coordinating: list[str],
) -> PlanItem:
    """Correct one item: its heading, time frame, due date and the agencies in each role."""
    plan = access_plan(actor=actor, plan_id=item.plan_id, perm=PlanPerm.MANAGE, for_write=True)
    item = access_item(actor=actor, item_id=item.pk, perm=PlanPerm.MANAGE, for_write=True)
    if not plan.is_draft:
        raise DomainError(NOT_A_DRAFT)
    heading = clean_text(
        heading, field="heading", label=gettext_noop("Tiêu đề"), max_length=500, required=False
    )
    timeframe_text = clean_text(
        timeframe_text,
        field="timeframe_text",
        label=gettext_noop("Thời gian thực hiện"),
        max_length=300,
        required=False,
    )
    roles = (
        (AssignmentRole.LEAD, lead),
        (AssignmentRole.IMPLEMENTING, implementing),
        (AssignmentRole.COORDINATING, coordinating),
    )
    wanted = [
        (role, clean_text(name, field=str(role), label=gettext_noop("Cơ quan"), max_length=300))
        for role, names in roles
        for name in names
        if name.strip()
    ]
    with audit.audited(
        actor=actor, action="plans.item.correct", obj=item, fields=ITEM_FIELDS, scope_unit_id=plan.unit_id
    ) as change:
        change.before["assignments"] = _assignment_names(item)
        item.heading, item.timeframe_text = heading, timeframe_text
        item.due_on = due_on or due_from_timeframe(timeframe_text, plan.year)
        item.save()
        agencies = list(plan.unit.agencies.filter(closed_on__isnull=True))
        item.assignments.all().delete()  # a draft's assignments are working data, replaced as a whole
        ItemAssignment.objects.bulk_create(
            ItemAssignment(item=item, role=role, name=name, agency=match_agency(name, agencies))
            for role, name in wanted
        )
        change.note(assignments=_assignment_names(item))
    return item


def _assignment_names(item: PlanItem) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for assignment in item.assignments.all():
        names.setdefault(assignment.role, []).append(assignment.name)
    return names


@transaction.atomic
def create_proposed_agencies(*, actor: User, plan: Plan, names: list[str]) -> list[Agency]:
    """Create the agencies the draft names that the unit does not have yet, and link them to the items.

    The names still unmatched are read on the locked plan: a second request for the same names (a double
    click, two officers at once) finds them matched and creates nothing."""
    plan = access_plan(actor=actor, plan_id=plan.pk, perm=PlanPerm.MANAGE, for_write=True)
    if not plan.is_draft:
        raise DomainError(NOT_A_DRAFT)
    proposed = set(unmatched_agency_names(plan))
    created = []
    for name in dict.fromkeys(names):  # each name once, in the order given
        if name not in proposed:
            continue
        agency = unit_services.create_agency(actor=actor, unit=plan.unit, name=name, kind=AgencyKind.SECTION)
        created.append(agency)
        ItemAssignment.objects.filter(item__plan=plan, name=name, agency__isnull=True).update(agency=agency)
    return created
