"""Implementation of a recognised decision (tổ chức thực hiện, Law 10 Art. 23) as tasks tracked by the
plans' tasks: progress, evidence, "my tasks" and the daily reminders."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danchu.accounts.models import User
from danchu.core.errors import DomainError
from danchu.plans.models import Task
from danchu.plans.services.tasks import open_task
from danchu.units.models import Agency

from .. import selectors
from ..models import State
from ..permissions import DecisionPerm
from ._common import require_state

TASK_SOURCE = "decisions.decision"


@transaction.atomic
def open_implementation_task(
    *, actor: User, decision_id: int, title: str, due_on: dt.date, agency_id: int | None = None
) -> Task:
    """Giao nhiệm vụ thực hiện: a task of the decision's unit (or one of its agencies)."""
    decision = selectors.access_decision(
        actor=actor, decision_id=decision_id, perm=DecisionPerm.MANAGE, for_write=True
    )
    require_state(decision, State.RECOGNISED)
    if due_on < timezone.localdate():
        raise DomainError(_("Hạn hoàn thành không được trước hôm nay."), field="due_on")
    agency = None
    if agency_id is not None:
        agency = Agency.objects.filter(pk=agency_id, unit_id=decision.unit_id).first()
        if agency is None:
            raise DomainError(_("Cơ quan được giao không thuộc đơn vị."), field="agency")
    return open_task(
        actor=actor,
        unit=decision.unit,
        title=title,
        due_on=due_on,
        source=TASK_SOURCE,
        source_id=decision.pk,
        agency=agency,
    )
