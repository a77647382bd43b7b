"""Commitments made at a dialogue (cam kết): each one becomes a plans task (nhiệm vụ), with the plans'
reminders and progress, and the portal shows its progress until it is done."""

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
from danchu.plans.services.tasks import open_task
from danchu.units.models import Agency

from .. import selectors
from ..models import Commitment, DialogueQuestion, DialogueState
from ..permissions import ReceptionPerm
from ._common import COMMITMENT_FIELDS, day

SOURCE = selectors.COMMITMENT_SOURCE


@transaction.atomic
def add_commitment(
    *,
    actor: User,
    question: DialogueQuestion,
    text: str,
    due_on: dt.date | None,
    agency: Agency | None = None,
) -> Commitment:
    """Cam kết trả lời một câu hỏi: the dialogue's chairman commits the commune to do `text` by `due_on`,
    followed as a task of the commune (of `agency` when one is named)."""
    question = selectors.access_question(
        actor=actor, question_id=question.pk, perm=ReceptionPerm.MANAGE, for_write=True
    )
    dialogue = question.dialogue
    if dialogue.state == DialogueState.CANCELLED:
        raise DomainError(_("Buổi đối thoại đã hủy."))
    today = timezone.localdate()
    if today < dialogue.held_on:
        raise DomainError(_("Cam kết được ghi tại buổi đối thoại hoặc sau đó."))
    due = day(due_on, field="due_on", label=_("Hạn hoàn thành"))
    assert due is not None
    if due < today:
        raise DomainError(_("Hạn hoàn thành phải từ hôm nay trở đi."), field="due_on")
    if agency is not None and agency.unit_id != dialogue.unit_id:
        raise DomainError(_("Cơ quan thực hiện phải thuộc xã, phường tổ chức đối thoại."), field="agency")
    text = clean_text(text, field=gettext_noop("Nội dung"), max_length=300)
    if question.commitments.filter(text=text).exists():
        raise DomainError(_("Cam kết này đã được ghi."), field="text")
    commitment = Commitment.objects.create(
        dialogue=dialogue, question=question, text=text, agency=agency, due_on=due, created_by=actor
    )
    task = open_task(
        actor=actor,
        unit=dialogue.unit,
        title=text,
        due_on=due,
        agency=agency,
        source=SOURCE,
        source_id=commitment.pk,
    )
    audit.record(
        actor=actor,
        action="reception.commitment.create",
        obj=commitment,
        after={**audit.snapshot(commitment, COMMITMENT_FIELDS), "task": task.pk},
        scope_unit_id=dialogue.unit_id,
    )
    return commitment
