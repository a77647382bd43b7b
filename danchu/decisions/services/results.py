"""Closing, tallying, publishing, recognition by the commune UBND, implementation, re-running.

The tally counts over the frozen denominator by the rulebook threshold of the matter; its digest is a
SHA-256 over the canonical ballots (each an anonymous sorted list of options) and the tally, published
with the receipt list so that anyone can check a later copy and each household can find its code."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.accounts.models import Role, RoleAssignment, User
from danchu.accounts.notifications import Message, deliver
from danchu.core import audit, rulebook
from danchu.core.bounds import bounded_date
from danchu.core.calendar import add_working_days
from danchu.core.errors import DomainError
from danchu.core.text import clean_text

from .. import selectors
from ..models import Choice, Decision, MeetingCount, Participation, State
from ..permissions import DecisionPerm
from ._common import FIELDS, require_state

NOTIFY_KIND = "decision"


def canonical_record(decision: Decision) -> dict[str, object]:
    """What the digest covers: the ballots (anonymous, sorted), meeting counts, receipts, the tally."""
    boxes: dict[str, list[int]] = defaultdict(list)
    for box, option_id in Choice.objects.filter(decision=decision).values_list("box", "option_id"):
        boxes[str(box)].append(option_id)
    ballots = sorted(sorted(options) for options in boxes.values())
    result = selectors.compute_result(decision)
    return {
        "decision": decision.pk,
        "denominator": result.denominator,
        "threshold": {
            "rule": result.threshold.key,
            "share": str(result.threshold.share),
            "needed": result.needed,
        },
        "ballots": ballots,
        "meeting": sorted(MeetingCount.objects.filter(decision=decision).values_list("option_id", "count")),
        "receipts": selectors.receipts_of(decision),
        "tally": {str(o.id): o.count for q in result.questions for o in q.options},
        "participated": result.participated,
    }


def digest_of(record: dict[str, object]) -> str:
    text = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


@transaction.atomic
def close_voting(*, actor: User, decision_id: int) -> Decision:
    """Kết thúc biểu quyết: no ballot is accepted afterwards (the row lock orders it after every vote)."""
    decision = selectors.access_decision(
        actor=actor, decision_id=decision_id, perm=DecisionPerm.MANAGE, for_write=True
    )
    require_state(decision, State.OPEN)
    with audit.audited(
        actor=actor,
        action="decisions.decision.close",
        obj=decision,
        fields=FIELDS,
        scope_unit_id=decision.unit_id,
    ):
        decision.state, decision.closed_at = State.CLOSED, timezone.now()
        decision.save(update_fields=["state", "closed_at", "updated_at"])
    # No change after closing: the household ↔ receipt check goes, so nothing links a household to a box.
    Participation.objects.filter(decision=decision).exclude(receipt_check="").update(receipt_check="")
    return decision


@transaction.atomic
def tally(*, actor: User, decision_id: int) -> Decision:
    """Kiểm phiếu: pass or fail over the frozen denominator; the digest is fixed here."""
    decision = selectors.access_decision(
        actor=actor, decision_id=decision_id, perm=DecisionPerm.MANAGE, for_write=True
    )
    require_state(decision, State.CLOSED)
    with audit.audited(
        actor=actor,
        action="decisions.decision.tally",
        obj=decision,
        fields=FIELDS,
        scope_unit_id=decision.unit_id,
    ) as change:
        decision.tallied_at = timezone.now()
        result = selectors.compute_result(decision)
        decision.passed = all(q.passed for q in result.questions)
        decision.digest = digest_of(canonical_record(decision))
        decision.state = State.TALLIED
        decision.save()
        change.note(participated=result.participated, needed=result.needed)
    return decision


@transaction.atomic
def publish_result(*, actor: User, decision_id: int) -> Decision:
    """Công bố kết quả (Law 10 Art. 23(2)): on the portal and to every household of the register; a passed
    result awaits the commune's recognition within the rulebook's working days."""
    decision = selectors.access_decision(
        actor=actor, decision_id=decision_id, perm=DecisionPerm.MANAGE, for_write=True
    )
    require_state(decision, State.TALLIED)
    today = timezone.localdate()
    with audit.audited(
        actor=actor,
        action="decisions.decision.publish",
        obj=decision,
        fields=FIELDS,
        scope_unit_id=decision.unit_id,
    ):
        decision.published_at = timezone.now()
        if decision.passed:
            days = rulebook.number(selectors.matter_of(decision).recognition_rule, unit=decision.unit)
            decision.state, decision.recognition_due_on = State.PUBLISHED, add_working_days(today, days)
        else:
            decision.state = State.FAILED
        decision.save()
    _notify_households(decision)
    return decision


def _notify_households(decision: Decision) -> None:
    register = decision.register.values("household_id")
    users = (
        RoleAssignment.objects.filter(
            role=Role.CITIZEN, revoked_at__isnull=True, resident__household_id__in=register
        )
        .values_list("user_id", flat=True)
        .distinct()
    )
    verdict = "được thông qua" if decision.passed else "không được thông qua"
    url = reverse("decisions:public", args=[decision.pk])
    deliver(
        Message(
            user_id=user_id,
            key=f"{NOTIFY_KIND}:{decision.pk}:result",
            title=f"Kết quả biểu quyết: {decision.title}"[:300],
            body=f"Nội dung {verdict}. Tra cứu mã xác nhận của hộ trên trang kết quả.",
            url=url,
        )
        for user_id in users
    )


@transaction.atomic
def recognise(*, actor: User, decision_id: int, number: str, on: dt.date) -> Decision:
    """Công nhận (UBND cấp xã): the result takes effect; an election winner takes office from this day."""
    decision = selectors.access_decision(
        actor=actor, decision_id=decision_id, perm=DecisionPerm.RECOGNISE, for_write=True
    )
    require_state(decision, State.PUBLISHED)
    on = bounded_date(on, field="on", label=gettext_noop("Ngày công nhận"))
    if on > timezone.localdate() or decision.published_at is None or on < decision.published_at.date():
        raise DomainError(_("Ngày công nhận phải từ ngày công bố kết quả đến hôm nay."), field="on")
    with audit.audited(
        actor=actor,
        action="decisions.decision.recognise",
        obj=decision,
        fields=FIELDS,
        scope_unit_id=decision.unit_id,
    ) as change:
        decision.state, decision.recognised_on = State.RECOGNISED, on
        decision.recognition_number = clean_text(
            number, field="number", label=gettext_noop("Số văn bản công nhận"), max_length=60
        )
        decision.save()
        change.note(late=bool(decision.recognition_due_on and on > decision.recognition_due_on))
    from .elections import take_office  # elections build on results: imported here, not at the top

    take_office(actor=actor, decision=decision, on=on)
    return decision


@transaction.atomic
def refuse_recognition(*, actor: User, decision_id: int, reason: str) -> Decision:
    """Không công nhận: the commune asks for a re-run, with its reason."""
    decision = selectors.access_decision(
        actor=actor, decision_id=decision_id, perm=DecisionPerm.RECOGNISE, for_write=True
    )
    require_state(decision, State.PUBLISHED)
    with audit.audited(
        actor=actor,
        action="decisions.decision.refuse",
        obj=decision,
        fields=FIELDS,
        scope_unit_id=decision.unit_id,
    ):
        decision.refusal_reason = clean_text(
            reason, field="reason", label=gettext_noop("Lý do"), max_length=2000
        )
        decision.state = State.FAILED
        decision.save()
    return decision


@transaction.atomic
def mark_implemented(*, actor: User, decision_id: int, on: dt.date) -> Decision:
    """Đã tổ chức thực hiện (Law 10 Art. 23(2)): reported to the people and the commune."""
    decision = selectors.access_decision(
        actor=actor, decision_id=decision_id, perm=DecisionPerm.MANAGE, for_write=True
    )
    require_state(decision, State.RECOGNISED)
    on = bounded_date(on, field="on", label=gettext_noop("Ngày hoàn thành"))
    if (decision.recognised_on and on < decision.recognised_on) or on > timezone.localdate():
        raise DomainError(_("Ngày hoàn thành phải từ ngày công nhận đến hôm nay."), field="on")
    with audit.audited(
        actor=actor,
        action="decisions.decision.implement",
        obj=decision,
        fields=FIELDS,
        scope_unit_id=decision.unit_id,
    ):
        decision.state, decision.implemented_on = State.IMPLEMENTED, on
        decision.save()
    return decision


@transaction.atomic
def rerun(*, actor: User, decision_id: int) -> Decision:
    """Tổ chức lại: a failed decision is put again as a new draft with the same questions."""
    from .decisions import OptionSpec, QuestionSpec, create_decision

    decision = selectors.access_decision(
        actor=actor, decision_id=decision_id, perm=DecisionPerm.MANAGE, for_write=True
    )
    require_state(decision, State.FAILED)
    specs = [
        QuestionSpec(
            q.text,
            q.kind,
            [OptionSpec(o.label, o.amount) for o in q.options.all().order_by("order")],
            q.seats,
        )
        for q in selectors.questions_of(decision)
    ]
    form = decision.form
    m = selectors.matter_of(decision)
    if m.ballot_only_after_meeting:
        form = "meeting"
    with audit.audited(
        actor=actor,
        action="decisions.decision.rerun",
        obj=decision,
        fields=FIELDS,
        scope_unit_id=decision.unit_id,
    ):
        decision.state = State.RERUN
        decision.save(update_fields=["state", "updated_at"])
    return create_decision(
        actor=actor,
        unit=decision.unit,
        matter_code=decision.matter,
        title=decision.title,
        description=decision.description,
        questions=specs,
        form=form if form != "online" else "online",
        secret=decision.secret,
        meeting_place=decision.meeting_place,
        online_preconditions={
            name: getattr(decision, name)
            for name in (
                "online_head_front_agreed_on",
                "online_community_agreed_on",
                "online_ubnd_told_on",
                "online_front_told_on",
            )
        },
        source=decision.source,
        source_id=decision.source_id,
        rerun_of=decision,
    )


def close_due(today: dt.date) -> dict[str, int]:
    """Daily: a ballot or online vote past its closing day closes by itself (no vote lands after it)."""
    closed = 0
    due = Decision.objects.filter(state=State.OPEN, closes_on__lt=today).exclude(form="meeting")
    for decision_id in due.values_list("id", flat=True):
        with transaction.atomic():
            decision = Decision.objects.select_for_update().get(pk=decision_id)
            if decision.state != State.OPEN:
                continue
            with audit.audited(
                actor=None,
                action="decisions.decision.close",
                obj=decision,
                fields=FIELDS,
                scope_unit_id=decision.unit_id,
            ):
                decision.state, decision.closed_at = State.CLOSED, timezone.now()
                decision.save(update_fields=["state", "closed_at", "updated_at"])
            closed += 1
    return {"decisions.closed": closed}
