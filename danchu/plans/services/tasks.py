"""Nhiệm vụ: tasks other apps open, and the progress the agency given a task reports, with evidence."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.accounts.models import User
from danchu.core import audit
from danchu.core.bounds import bounded_date
from danchu.core.errors import DomainError
from danchu.core.text import clean_text
from danchu.units.models import Agency, Unit

from ..evidence import check_evidence
from ..models import AssignmentRole, Plan, PlanStatus, Task, TaskStatus, TaskUpdate
from ..permissions import PlanPerm
from ..selectors import access_task
from .fields import TASK_FIELDS


@transaction.atomic
def update_task(
    *,
    actor: User,
    task: Task,
    status: str,
    progress: int,
    note: str = "",
    evidence_name: str = "",
    evidence_data: bytes = b"",
) -> TaskUpdate:
    """Cập nhật tiến độ: progress 0–100, done means 100 %, evidence checked by content.

    The task is re-read under a lock (its own agency or the plan's managers may), then its plan, whose
    state is checked on the locked row: an update racing the plan's closing lands before it or is refused.
    """
    task = access_task(actor=actor, task_id=task.pk, perm=PlanPerm.MANAGE, for_write=True)
    if task.plan_id is not None:
        plan = Plan.objects.select_for_update(of=("self",)).only("status").get(pk=task.plan_id)
        if plan.status != PlanStatus.ISSUED:
            raise DomainError(_("Chỉ cập nhật được nhiệm vụ của kế hoạch đang thực hiện."))
    if status not in TaskStatus.values:
        raise DomainError(_("Trạng thái không hợp lệ."), field="status")
    if not 0 <= progress <= 100:
        raise DomainError(_("Tiến độ phải từ 0 đến 100%."), field="progress")
    if status == TaskStatus.DONE:
        progress = 100
    elif progress == 100:
        status = TaskStatus.DONE
    elif status == TaskStatus.NOT_STARTED and progress > 0:
        status = TaskStatus.IN_PROGRESS
    note = clean_text(
        note, field="note", label=gettext_noop("Nội dung cập nhật"), max_length=5000, required=False
    )
    if evidence_data:
        check_evidence(evidence_name, evidence_data)
    with audit.audited(
        actor=actor, action="plans.task.update", obj=task, fields=TASK_FIELDS, scope_unit_id=task.unit_id
    ) as change:
        task.status, task.progress = status, progress
        task.done_on = timezone.localdate() if status == TaskStatus.DONE else None
        task.save(update_fields=["status", "progress", "done_on", "updated_at"])
        update = TaskUpdate(task=task, author=actor, status=status, progress=progress, note=note)
        if evidence_data:
            update.evidence_name = evidence_name[:255]
            update.evidence.save(evidence_name, ContentFile(evidence_data), save=False)
        update.save()
        change.note(note=update.note, evidence=update.evidence_name)
    return update


@transaction.atomic
def open_task(
    *,
    actor: User,
    unit: Unit,
    title: str,
    due_on: dt.date,
    source: str,
    source_id: int,
    agency: Agency | None = None,
) -> Task:
    """Giao nhiệm vụ: another app gives `unit`'s agency (or the unit itself) a task born of one of its
    records — a decision to implement, a commitment made at a dialogue — tracked like a plan's tasks
    (progress, evidence, "my tasks", the daily reminders).

    The calling app has already checked its own permission on the record (and holds it under its
    lock); this checks what a task itself needs: a title, a due date in range, an agency of the unit.
    """
    title = clean_text(title, field="title", label=gettext_noop("Nội dung nhiệm vụ"), max_length=500)
    due_on = bounded_date(due_on, field="due_on", label=_("Hạn hoàn thành"))
    if "." not in source or len(source) > 60:
        raise ValueError(f"source must be '<app>.<model>', not {source!r}")
    if agency is not None and agency.unit_id != unit.pk:
        raise DomainError(_("Cơ quan được giao không thuộc đơn vị giao nhiệm vụ."), field="agency")
    task = Task.objects.create(
        unit=unit,
        title=title,
        source=source,
        source_id=source_id,
        agency=agency,
        role=AssignmentRole.LEAD,
        due_on=due_on,
    )
    audit.record(
        actor=actor,
        action="plans.task.open",
        obj=task,
        scope_unit_id=unit.pk,
        after={
            "title": title,
            "due_on": due_on.isoformat(),
            "source": f"{source}:{source_id}",
            "agency": agency.name if agency else "",
        },
    )
    return task
