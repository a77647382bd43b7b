"""Drafting a decision, announcing it, opening the vote (freezing the register), switching a meeting to a
household ballot, and recording who a household authorised. These are the functions other apps call
(conventions puts a draft convention to the vote with `create_decision`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.accounts.models import User
from danchu.core import audit, policy, rulebook
from danchu.core.bounds import bounded_date
from danchu.core.errors import DomainError
from danchu.core.text import clean_text
from danchu.units.models import Resident, Unit

from .. import selectors
from ..matters import BALLOT, MEETING, ONLINE, matter
from ..models import (
    Authorisation,
    Decision,
    MeetingCount,
    Option,
    Question,
    QuestionKind,
    RegisterEntry,
    State,
)
from ..permissions import DecisionPerm
from ._common import FIELDS, require_open, require_state

# NĐ 59 Art. 5: the four things recorded before an online vote (field name → what it records).
ONLINE_PRECONDITIONS = {
    "online_head_front_agreed_on": (
        gettext_noop("Trưởng thôn và Ban công tác Mặt trận thống nhất không cần họp, phát phiếu")
    ),
    "online_community_agreed_on": gettext_noop("Cộng đồng dân cư đồng ý biểu quyết trực tuyến"),
    "online_ubnd_told_on": gettext_noop("Đã báo cáo UBND cấp xã trước khi thực hiện"),
    "online_front_told_on": gettext_noop("Đã báo cáo Ủy ban MTTQ cấp xã trước khi thực hiện"),
}
MAX_QUESTIONS = 20
MAX_OPTIONS = 50


@dataclass(frozen=True)
class OptionSpec:
    label: str
    amount: int | None = None


@dataclass(frozen=True)
class QuestionSpec:
    """A question to put: its text, kind (`QuestionKind`), options (an approve question needs none)."""

    text: str
    kind: str = QuestionKind.APPROVE
    options: Sequence[OptionSpec] = field(default_factory=tuple)
    seats: int = 1


def _check_questions(questions: Sequence[QuestionSpec]) -> None:
    if not questions:
        raise DomainError(_("Cần ít nhất một nội dung biểu quyết."), field="questions")
    if len(questions) > MAX_QUESTIONS:
        raise DomainError(
            _("Tối đa %(max_questions)s nội dung biểu quyết.") % {"max_questions": MAX_QUESTIONS},
            field="questions",
        )
    for q in questions:
        if q.kind not in QuestionKind.values:
            raise DomainError(_("Loại câu hỏi không hợp lệ."), field="questions")
        # An election may have a single candidate (NĐ 59 Art. 7: at least one); a choice needs two.
        least = 1 if q.kind == QuestionKind.CANDIDATES else 2
        if q.kind != QuestionKind.APPROVE and len(q.options) < least:
            raise DomainError(_("Mỗi câu hỏi lựa chọn cần ít nhất hai phương án."), field="options")
        if len(q.options) > MAX_OPTIONS:
            raise DomainError(
                _("Tối đa %(max_options)s phương án.") % {"max_options": MAX_OPTIONS}, field="options"
            )
        if q.kind == QuestionKind.CONTRIBUTION and any(o.amount is None or o.amount < 0 for o in q.options):
            raise DomainError(_("Mỗi mức đóng góp cần số tiền (đồng) không âm."), field="options")
        if q.kind == QuestionKind.CANDIDATES and not 1 <= q.seats < len(q.options) + 1:
            raise DomainError(_("Số người được bầu phải từ 1 đến số người ứng cử."), field="seats")


def _check_online(preconditions: Mapping[str, dt.date | None], today: dt.date) -> dict[str, dt.date]:
    recorded: dict[str, dt.date] = {}
    for name, words in ONLINE_PRECONDITIONS.items():
        day = preconditions.get(name)
        if day is None:
            raise DomainError(
                _("Biểu quyết trực tuyến cần ghi nhận: %(words)s.") % {"words": _(words)}, field=name
            )
        day = bounded_date(day, field=name)
        if day > today:
            raise DomainError(
                _("Ngày ghi nhận “%(words)s” không được sau hôm nay.") % {"words": _(words)}, field=name
            )
        recorded[name] = day
    return recorded


@transaction.atomic
def create_decision(
    *,
    actor: User,
    unit: Unit,
    matter_code: str,
    title: str,
    questions: Sequence[QuestionSpec],
    form: str,
    description: str = "",
    secret: bool | None = None,
    meeting_at: dt.datetime | None = None,
    meeting_place: str = "",
    closes_on: dt.date | None = None,
    online_preconditions: Mapping[str, dt.date | None] | None = None,
    electronic_returns: bool = False,
    source: str = "",
    source_id: int | None = None,
    rerun_of: Decision | None = None,
) -> Decision:
    """Soạn việc bàn và quyết định (a draft) for a village/TDP or the whole commune."""
    policy.require(actor, DecisionPerm.MANAGE, unit)
    today = timezone.localdate()
    m = matter(matter_code)
    if not (unit.is_village or unit.is_commune):
        raise DomainError(_("Chỉ thôn, tổ dân phố hoặc cả xã mới bàn và quyết định."), field="unit")
    if form not in m.forms:
        if form == ONLINE:
            raise DomainError(
                _("Biểu quyết trực tuyến chỉ áp dụng cho công việc tự quản khác (khoản 6 Điều 15)."),
                field="form",
            )
        raise DomainError(_("Hình thức này không áp dụng cho nội dung đã chọn."), field="form")
    if form == BALLOT and m.ballot_only_after_meeting:
        raise DomainError(
            _("Nội dung này phải họp cộng đồng dân cư; chỉ phát phiếu khi cuộc họp không đủ số hộ tham dự."),
            field="form",
        )
    recorded = _check_online(online_preconditions or {}, today) if form == ONLINE else {}
    if electronic_returns and form != BALLOT:
        raise DomainError(
            _("Chỉ phiếu lấy ý kiến hộ gia đình mới nhận phiếu điện tử."), field="electronic_returns"
        )
    if electronic_returns and not rulebook.number("decision.ballot_electronic_return", unit=unit):
        raise DomainError(_("Tỉnh chưa cho phép nhận phiếu lấy ý kiến bằng phương thức điện tử."))
    if closes_on is not None:
        closes_on = bounded_date(closes_on, field="closes_on", label=gettext_noop("Hạn lấy ý kiến"))
        if closes_on < today:
            raise DomainError(_("Hạn lấy ý kiến không được trước hôm nay."), field="closes_on")
    if meeting_at is not None:
        bounded_date(meeting_at.date(), field="meeting_at", label=gettext_noop("Ngày họp"))
    _check_questions(questions)
    decision = Decision.objects.create(
        unit=unit,
        matter=m.code,
        title=clean_text(title, field="title", label=gettext_noop("Tiêu đề"), max_length=300),
        description=clean_text(
            description, field="description", label=gettext_noop("Mô tả"), max_length=20_000, required=False
        ),
        form=form,
        secret=m.secret_by_default if secret is None else secret,
        meeting_at=meeting_at,
        meeting_place=clean_text(
            meeting_place,
            field="meeting_place",
            label=gettext_noop("Địa điểm họp"),
            max_length=300,
            required=False,
        ),
        closes_on=closes_on,
        electronic_returns=electronic_returns,
        source=source,
        source_id=source_id,
        rerun_of=rerun_of,
        created_by=actor,
        **recorded,
    )
    for order, spec in enumerate(questions, start=1):
        question = Question.objects.create(
            decision=decision,
            order=order,
            kind=spec.kind,
            text=clean_text(spec.text, field="questions", label=gettext_noop("Câu hỏi"), max_length=500),
            seats=spec.seats if spec.kind == QuestionKind.CANDIDATES else 1,
        )
        specs = list(spec.options)
        if spec.kind == QuestionKind.APPROVE:
            specs = [OptionSpec("Tán thành"), OptionSpec("Không tán thành")]
        Option.objects.bulk_create(
            Option(
                question=question,
                order=i,
                label=clean_text(o.label, field="options", label=gettext_noop("Phương án"), max_length=300),
                amount=o.amount,
                approves=spec.kind == QuestionKind.APPROVE and i == 1,
            )
            for i, o in enumerate(specs, start=1)
        )
    audit.record(
        actor=actor,
        action="decisions.decision.create",
        obj=decision,
        after=audit.snapshot(decision, FIELDS),
        scope_unit_id=unit.pk,
    )
    return decision


@transaction.atomic
def announce(*, actor: User, decision_id: int) -> Decision:
    """Thông báo: the invitation (Form 01) or the ballot notice goes out; the questions are fixed."""
    decision = selectors.access_decision(
        actor=actor, decision_id=decision_id, perm=DecisionPerm.MANAGE, for_write=True
    )
    require_state(decision, State.DRAFT)
    if decision.form == MEETING and decision.meeting_at is None:
        raise DomainError(_("Cần thời gian họp trước khi thông báo."), field="meeting_at")
    if decision.form != MEETING and decision.closes_on is None:
        raise DomainError(_("Cần hạn lấy ý kiến trước khi thông báo."), field="closes_on")
    with audit.audited(
        actor=actor,
        action="decisions.decision.announce",
        obj=decision,
        fields=FIELDS,
        scope_unit_id=decision.unit_id,
    ):
        decision.state, decision.announced_at = State.ANNOUNCED, timezone.now()
        decision.save(update_fields=["state", "announced_at", "updated_at"])
    return decision


@transaction.atomic
def open_voting(*, actor: User, decision_id: int) -> Decision:
    """Bắt đầu lấy ý kiến: the register of the scope's active households is frozen as the denominator."""
    decision = selectors.access_decision(
        actor=actor, decision_id=decision_id, perm=DecisionPerm.MANAGE, for_write=True
    )
    require_state(decision, State.ANNOUNCED)
    from .elections import ready_to_open  # elections build on decisions: imported here, not at the top

    ready_to_open(decision)
    household_ids = list(selectors.scope_households(decision).values_list("id", flat=True))
    if not household_ids:
        raise DomainError(_("Phạm vi chưa có hộ gia đình nào trong sổ hộ."))
    with audit.audited(
        actor=actor,
        action="decisions.decision.open",
        obj=decision,
        fields=FIELDS,
        scope_unit_id=decision.unit_id,
    ):
        RegisterEntry.objects.bulk_create(
            (RegisterEntry(decision=decision, household_id=h) for h in household_ids), batch_size=2000
        )
        decision.state, decision.opened_at = State.OPEN, timezone.now()
        decision.denominator = len(household_ids)
        decision.save(update_fields=["state", "opened_at", "denominator", "updated_at"])
    return decision


@transaction.atomic
def switch_to_ballot(
    *, actor: User, decision_id: int, closes_on: dt.date, electronic_returns: bool = False
) -> Decision:
    """Chuyển sang phát phiếu (NĐ 59 Art. 4(1)(b); NĐ 61 Art. 10(2)): the meeting could not reach the
    threshold (or, for matters that must be met on, lacked its quorum). The frozen register stays."""
    decision = selectors.access_decision(
        actor=actor, decision_id=decision_id, perm=DecisionPerm.MANAGE, for_write=True
    )
    require_open(decision)
    if decision.form != MEETING:
        raise DomainError(_("Chỉ chuyển sang phát phiếu từ một cuộc họp."))
    if MeetingCount.objects.filter(decision=decision).exists():
        raise DomainError(_("Cuộc họp đã biểu quyết: không chuyển sang phát phiếu."))
    status = selectors.meeting_status(decision)
    m = selectors.matter_of(decision)
    if m.ballot_only_after_meeting and status.quorate:
        raise DomainError(
            _("Cuộc họp đủ số hộ tham dự (%(present)s/%(denominator)s): phải biểu quyết tại cuộc họp.")
            % {"present": status.present, "denominator": status.denominator}
        )
    if not m.ballot_only_after_meeting and status.reachable:
        raise DomainError(
            _(
                "Số hộ dự họp (%(present)s) đủ để đạt tỷ lệ tán thành (%(threshold_needed)s): "
                "biểu quyết tại cuộc họp."
            )
            % {"present": status.present, "threshold_needed": status.threshold_needed}
        )
    closes_on = bounded_date(closes_on, field="closes_on", label=gettext_noop("Hạn lấy ý kiến"))
    if closes_on < timezone.localdate():
        raise DomainError(_("Hạn lấy ý kiến không được trước hôm nay."), field="closes_on")
    if electronic_returns and not rulebook.number("decision.ballot_electronic_return", unit=decision.unit):
        raise DomainError(_("Tỉnh chưa cho phép nhận phiếu lấy ý kiến bằng phương thức điện tử."))
    with audit.audited(
        actor=actor,
        action="decisions.decision.switch",
        obj=decision,
        fields=FIELDS,
        scope_unit_id=decision.unit_id,
    ) as change:
        decision.form, decision.closes_on, decision.electronic_returns = BALLOT, closes_on, electronic_returns
        decision.switched_to_ballot_reason = (
            f"Cuộc họp có {status.present}/{status.denominator} hộ tham dự, "
            + (
                "không đủ số hộ tham dự."
                if m.ballot_only_after_meeting
                else f"không thể đạt tỷ lệ tán thành {status.threshold.words} ({status.threshold_needed} hộ)."
            )
        )
        decision.save()
        change.note(present=status.present)
    return decision


@transaction.atomic
def authorise_member(*, actor: User, decision_id: int, household_id: int, resident_id: int) -> Authorisation:
    """Ghi nhận ủy quyền: a member of the household (not its representative) votes for it."""
    decision = selectors.access_decision(
        actor=actor, decision_id=decision_id, perm=DecisionPerm.RECORD, for_write=True
    )
    require_state(decision, State.ANNOUNCED, State.OPEN)
    resident = Resident.objects.filter(
        pk=resident_id, household_id=household_id, left_on__isnull=True
    ).first()
    if resident is None:
        raise DomainError(_("Người được ủy quyền phải là thành viên của hộ."), field="resident")
    if resident.household.village_id != decision.unit_id and not resident.household.village.path.startswith(
        decision.unit.path
    ):
        raise DomainError(_("Hộ này không thuộc phạm vi của việc biểu quyết."), field="household")
    if Authorisation.objects.filter(decision=decision, household_id=household_id).exists():
        raise DomainError(_("Hộ này đã ủy quyền cho một người khác."), field="household")
    authorisation = Authorisation.objects.create(
        decision=decision, household_id=household_id, resident=resident, recorded_by=actor
    )
    audit.record(
        actor=actor,
        action="decisions.authorisation.create",
        obj=authorisation,
        after={"decision": decision.pk, "household": household_id, "resident": resident_id},
        scope_unit_id=decision.unit_id,
    )
    return authorisation
