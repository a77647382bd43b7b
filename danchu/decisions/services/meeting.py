"""The community meeting (cuộc họp cộng đồng dân cư): attendance per household, procedural votes over
those present, and the result per option by show of hands (NĐ 59 Art. 3)."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.accounts.models import User
from danchu.core import audit
from danchu.core.errors import DomainError
from danchu.core.text import clean_text

from .. import selectors
from ..matters import MEETING
from ..models import Attendance, Channel, Decision, MeetingCount, Option, Participation, ProceduralVote
from ..permissions import DecisionPerm
from ..thresholds import threshold
from ._common import require_open


def _meeting(actor: User, decision_id: int) -> Decision:
    decision = selectors.access_decision(
        actor=actor, decision_id=decision_id, perm=DecisionPerm.RECORD, for_write=True
    )
    require_open(decision)
    if decision.form != MEETING:
        raise DomainError(_("Việc này không biểu quyết bằng cuộc họp."))
    return decision


@transaction.atomic
def record_attendance(
    *, actor: User, decision_id: int, household_id: int, attendee: str, authorised: bool = False
) -> Attendance:
    """Ghi nhận đại diện hộ dự họp: one row per household (a second is refused, so attendance can never
    exceed the households of the register)."""
    decision = _meeting(actor, decision_id)
    if MeetingCount.objects.filter(decision=decision).exists():
        raise DomainError(_("Cuộc họp đã biểu quyết: không ghi thêm người dự họp."))
    selectors.ensure_household_in_register(decision, household_id)
    attendee = clean_text(attendee, field="attendee", label=gettext_noop("Người dự họp"), max_length=200)
    try:
        with transaction.atomic():
            row = Attendance.objects.create(
                decision=decision,
                household_id=household_id,
                attendee=attendee,
                authorised=authorised,
                recorded_by=actor,
            )
    except IntegrityError:
        raise DomainError(_("Hộ này đã có người đại diện dự họp."), field="household") from None
    audit.record(
        actor=actor,
        action="decisions.attendance.create",
        obj=row,
        after={
            "decision": decision.pk,
            "household": household_id,
            "attendee": attendee,
            "authorised": authorised,
        },
        scope_unit_id=decision.unit_id,
    )
    return row


@transaction.atomic
def record_procedural_vote(*, actor: User, decision_id: int, subject: str, in_favour: int) -> ProceduralVote:
    """Biểu quyết thủ tục (thư ký, cách biểu quyết): passes with more than half of those present."""
    decision = _meeting(actor, decision_id)
    present = Attendance.objects.filter(decision=decision).count()
    if not 0 <= in_favour <= present:
        raise DomainError(
            _("Số tán thành phải từ 0 đến số hộ có mặt (%(present)s).") % {"present": present},
            field="in_favour",
        )
    share = threshold("decision.procedural_share_present", decision.unit)
    vote = ProceduralVote.objects.create(
        decision=decision,
        subject=clean_text(subject, field="subject", label=gettext_noop("Nội dung"), max_length=300),
        present=present,
        in_favour=in_favour,
        passed=present > 0 and in_favour >= share.needed(present),
    )
    audit.record(
        actor=actor,
        action="decisions.procedural.create",
        obj=vote,
        after={"decision": decision.pk, "subject": vote.subject, "in_favour": in_favour, "present": present},
        scope_unit_id=decision.unit_id,
    )
    return vote


@transaction.atomic
def record_meeting_counts(*, actor: User, decision_id: int, counts: Mapping[int, int]) -> list[MeetingCount]:
    """Kết quả biểu quyết tại cuộc họp: the households present are counted as having taken part (they
    cannot vote again by another channel); per question the votes cannot exceed those present."""
    decision = _meeting(actor, decision_id)
    if MeetingCount.objects.filter(decision=decision).exists():
        raise DomainError(_("Kết quả biểu quyết tại cuộc họp đã được ghi nhận."))
    status = selectors.meeting_status(decision)
    if not status.quorate:
        raise DomainError(
            _(
                "Cuộc họp chưa đủ số hộ tham dự (%(present)s/%(denominator)s, cần %(quorum_needed)s): "
                "không biểu quyết được."
            )
            % {
                "present": status.present,
                "denominator": status.denominator,
                "quorum_needed": status.quorum_needed,
            }
        )
    options = {o.pk: o for o in Option.objects.filter(question__decision=decision)}
    per_question: dict[int, int] = {}
    for option_id, n in counts.items():
        if option_id not in options:
            raise DomainError(_("Phương án không thuộc việc biểu quyết này."), field="counts")
        if n < 0:
            raise DomainError(_("Số phiếu không được âm."), field="counts")
        qid = options[option_id].question_id
        per_question[qid] = per_question.get(qid, 0) + n
    if any(total > status.present for total in per_question.values()):
        raise DomainError(
            _("Số biểu quyết của một câu hỏi lớn hơn số hộ có mặt (%(present)s).")
            % {"present": status.present},
            field="counts",
        )
    attending = list(Attendance.objects.filter(decision=decision).values_list("household_id", flat=True))
    Participation.objects.bulk_create(
        Participation(decision=decision, household_id=h, channel=Channel.MEETING, recorded_by=actor)
        for h in attending
    )
    rows = MeetingCount.objects.bulk_create(
        MeetingCount(decision=decision, option_id=o, count=n) for o, n in counts.items() if n
    )
    audit.record(
        actor=actor,
        action="decisions.meeting.count",
        obj=decision,
        after={"counts": {str(k): v for k, v in counts.items()}, "present": status.present},
        scope_unit_id=decision.unit_id,
    )
    return rows
