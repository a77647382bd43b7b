"""Writes to one plan's own record: correct it while a draft, link it to an upper-level plan, close it.

Each service re-reads the plan through the door under a lock, checks its state on the locked row, then
changes it, so of concurrent requests the first wins and the others get a clear refusal.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.accounts.models import User
from danchu.core import audit
from danchu.core.errors import DomainError
from danchu.core.text import clean_text

from ..models import Plan, PlanStatus, ProgressMode
from ..permissions import PlanPerm
from ..selectors import access_plan
from ..timeframes import check_plan_year
from .fields import NOT_A_DRAFT, PLAN_FIELDS


@transaction.atomic
def correct_plan(
    *,
    actor: User,
    plan: Plan,
    number: str,
    symbol: str,
    title: str,
    place: str,
    issued_on: dt.date | None,
    year: int,
    signer_title: str,
    signer_name: str,
    progress_mode: str = ProgressMode.PLAIN,
) -> Plan:
    """Soát xét: the officer corrects what the importer read, while the plan is a draft."""
    plan = access_plan(actor=actor, plan_id=plan.pk, perm=PlanPerm.MANAGE, for_write=True)
    if not plan.is_draft:
        raise DomainError(NOT_A_DRAFT)
    check_plan_year(year)
    if issued_on is not None and issued_on.year != year:
        raise DomainError(_("Năm của kế hoạch khác năm của ngày ban hành."), field="year")
    if progress_mode not in ProgressMode.values:
        raise DomainError(_("Cách tính tiến độ không hợp lệ."), field="progress_mode")
    # Everything is checked before the plan changes, so a refused correction leaves it as it was.
    changes = {
        "number": clean_text(number, field="number", label=gettext_noop("Số"), max_length=20, required=False),
        "symbol": clean_text(
            symbol, field="symbol", label=gettext_noop("Ký hiệu"), max_length=50, required=False
        ),
        "title": clean_text(title, field="title", label=gettext_noop("Trích yếu"), max_length=500),
        "place": clean_text(
            place, field="place", label=gettext_noop("Địa danh"), max_length=100, required=False
        ),
        "signer_title": clean_text(
            signer_title,
            field="signer_title",
            label=gettext_noop("Chức vụ người ký"),
            max_length=100,
            required=False,
        ),
        "signer_name": clean_text(
            signer_name, field="signer_name", label=gettext_noop("Người ký"), max_length=100, required=False
        ),
        "issued_on": issued_on,
        "year": year,
        "progress_mode": progress_mode,
        "date_partial": "" if issued_on is not None else plan.date_partial,
    }
    with audit.audited(
        actor=actor, action="plans.plan.correct", obj=plan, fields=PLAN_FIELDS, scope_unit_id=plan.unit_id
    ):
        for name, value in changes.items():
            setattr(plan, name, value)
        plan.save()
    return plan


@transaction.atomic
def link_parent(*, actor: User, plan: Plan, parent: Plan | None) -> Plan:
    """Thực hiện kế hoạch cấp trên: say which upper-level plan this draft answers."""
    plan = access_plan(actor=actor, plan_id=plan.pk, perm=PlanPerm.MANAGE, for_write=True)
    if not plan.is_draft:
        raise DomainError(NOT_A_DRAFT)
    if parent is not None:
        # The parent is read again under a lock too: it must still be issued when this draft links to it.
        parent = (
            Plan.objects.select_for_update(of=("self",)).select_related("unit").filter(pk=parent.pk).first()
        )
        if (
            parent is None
            or parent.status != PlanStatus.ISSUED
            or not plan.unit.path.startswith(parent.unit.path)
            or parent.pk == plan.pk
        ):
            raise DomainError(
                _("Chỉ gắn được với một kế hoạch đã ban hành của đơn vị cấp trên."), field="parent"
            )
    with audit.audited(
        actor=actor, action="plans.plan.link_parent", obj=plan, fields=("parent",), scope_unit_id=plan.unit_id
    ):
        plan.parent = parent
        plan.save(update_fields=["parent", "updated_at"])
    return plan


@transaction.atomic
def close_plan(*, actor: User, plan: Plan, note: str) -> Plan:
    """Sơ kết, tổng kết: the plan's year is over; its results are recorded and it stops changing."""
    plan = access_plan(actor=actor, plan_id=plan.pk, perm=PlanPerm.MANAGE, for_write=True)
    if plan.status != PlanStatus.ISSUED:
        raise DomainError(_("Chỉ tổng kết được kế hoạch đang thực hiện."))
    note = clean_text(
        note, field="note", label=gettext_noop("Kết quả tổng kết"), max_length=20000
    )  # before anything changes
    with audit.audited(
        actor=actor, action="plans.plan.close", obj=plan, fields=PLAN_FIELDS, scope_unit_id=plan.unit_id
    ) as change:
        plan.status = PlanStatus.CLOSED
        plan.closed_at = timezone.now()
        plan.closing_note = note
        plan.save(update_fields=["status", "closed_at", "closing_note", "updated_at"])
        change.note(closing_note=plan.closing_note)
    return plan
