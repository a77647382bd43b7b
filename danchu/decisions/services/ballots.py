"""Household ballots on paper and online votes: one ballot per household across every channel.

The database's unique (decision, household) on `Participation` is the guarantee; the services check first
to give a clear message, and a concurrent second ballot that passes the check meets the constraint. A
refused second ballot is kept as a `Conflict` for the vote team (its own transaction), never counted.
"""

from __future__ import annotations

import hmac
import uuid
from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from danchu.accounts.models import User
from danchu.core import audit
from danchu.core.errors import DomainError

from .. import codes, selectors, tasks
from ..matters import BALLOT, ONLINE
from ..models import Channel, Choice, Conflict, Decision, Option, PaperBallot, Participation, Receipt
from ..permissions import DecisionPerm
from ._common import require_open

CHANNEL_WORDS = {
    Channel.MEETING: "tại cuộc họp",
    Channel.PAPER: "bằng phiếu giấy",
    Channel.ONLINE: "trực tuyến",
}


class DuplicateBallotError(DomainError):
    """A household that already took part tried again (by any channel)."""

    def __init__(self, decision: Decision, household_id: int, channel: str, counted: str) -> None:
        super().__init__(
            f"Hộ này đã biểu quyết {CHANNEL_WORDS[Channel(counted)]}: mỗi hộ chỉ một phiếu. "
            "Phiếu mới không được tính; tổ lấy ý kiến đã được báo."
        )
        self.decision, self.household_id, self.channel, self.counted = (
            decision,
            household_id,
            channel,
            counted,
        )


def _choices(decision: Decision, option_ids: Sequence[int]) -> list[Option]:
    """The options chosen, refused unless every question is answered as its kind allows: one option for an
    approve or choice question, one up to `seats` for candidates."""
    chosen = list(
        Option.objects.filter(question__decision=decision, pk__in=set(option_ids)).select_related("question")
    )
    if len(chosen) != len(set(option_ids)) or len(option_ids) != len(set(option_ids)):
        raise DomainError(_("Phương án không thuộc việc biểu quyết này."), field="options")
    per_question: dict[int, int] = {}
    for option in chosen:
        per_question[option.question_id] = per_question.get(option.question_id, 0) + 1
    for question in decision.questions.order_by("order"):
        n = per_question.get(question.pk, 0)
        allowed = question.seats if question.kind == "candidates" else 1
        if n == 0:
            raise DomainError(
                _("Chưa chọn phương án cho câu hỏi “%(text)s”.") % {"text": question.text}, field="options"
            )
        if n > allowed:
            raise DomainError(
                _("Câu hỏi “%(text)s” chỉ được chọn tối đa %(allowed)s phương án.")
                % {"text": question.text, "allowed": allowed},
                field="options",
            )
    return chosen


def _put_choices(decision: Decision, box: uuid.UUID, chosen: list[Option]) -> None:
    Choice.objects.filter(decision=decision, box=box).delete()
    Choice.objects.bulk_create(Choice(decision=decision, box=box, option=o) for o in chosen)


def _participate(
    decision: Decision,
    household_id: int,
    channel: str,
    actor: User,
    chosen: list[Option],
    receipt: str,
    cast_by_id: int | None = None,
) -> Participation:
    """The one row per household; its unique constraint decides a race between channels."""
    existing = selectors.household_participation(decision, household_id)
    if existing is not None:
        raise DuplicateBallotError(decision, household_id, channel, existing.channel)
    box = codes.secret_box(decision.pk, receipt) if decision.secret else uuid.uuid4()
    try:
        with transaction.atomic():
            row = Participation.objects.create(
                decision=decision,
                household_id=household_id,
                channel=channel,
                recorded_by=actor,
                cast_by_id=cast_by_id,
                box=None if decision.secret else box,
                receipt="" if decision.secret else receipt,
                receipt_check=codes.receipt_check(decision.pk, household_id, receipt)
                if decision.secret and channel == Channel.ONLINE
                else "",
            )
    except IntegrityError:
        counted = selectors.household_participation(decision, household_id)
        raise DuplicateBallotError(
            decision, household_id, channel, counted.channel if counted else channel
        ) from None
    _put_choices(decision, box, chosen)
    Receipt.objects.create(decision=decision, code=receipt)
    return row


def _record_conflict(error: DuplicateBallotError, actor: User) -> None:
    """Keep the refused ballot for the vote team. The decision row is locked first, as every ballot
    service does: PostgreSQL checks foreign keys at commit, so without it this transaction would take the
    audit chain's lock before the decision's and deadlock with a concurrent ballot."""
    with transaction.atomic():
        Decision.objects.select_for_update().filter(pk=error.decision.pk).first()
        conflict = Conflict.objects.create(
            decision=error.decision,
            household_id=error.household_id,
            channel=error.channel,
            counted_channel=error.counted,
            by=actor,
        )
        audit.record(
            actor=actor,
            action="decisions.conflict.create",
            obj=conflict,
            after={"household": error.household_id, "channel": error.channel, "counted": error.counted},
            scope_unit_id=error.decision.unit_id,
        )


@transaction.atomic
def issue_paper_ballots(*, actor: User, decision_id: int) -> int:
    """In phiếu: one numbered ballot with a random code for every household of the register."""
    decision = selectors.access_decision(
        actor=actor, decision_id=decision_id, perm=DecisionPerm.MANAGE, for_write=True
    )
    require_open(decision)
    if decision.form != BALLOT:
        raise DomainError(_("Chỉ phát phiếu giấy khi lấy ý kiến bằng phiếu hộ gia đình."))
    have = set(PaperBallot.objects.filter(decision=decision).values_list("household_id", flat=True))
    start = PaperBallot.objects.filter(decision=decision).count()
    missing = [
        h
        for h in decision.register.order_by("household__number", "household_id").values_list(
            "household_id", flat=True
        )
        if h not in have
    ]
    PaperBallot.objects.bulk_create(
        (
            PaperBallot(decision=decision, household_id=h, number=start + i, code=codes.new_code())
            for i, h in enumerate(missing, start=1)
        ),
        batch_size=2000,
    )
    audit.record(
        actor=actor,
        action="decisions.paper.issue",
        obj=decision,
        after={"issued": len(missing)},
        scope_unit_id=decision.unit_id,
    )
    tasks.request_paper_batch(decision)
    return len(missing)


def record_paper_return(*, actor: User, decision_id: int, code: str, option_ids: Sequence[int]) -> str:
    """Ghi nhận phiếu giấy: by the code typed or scanned; returns the receipt printed on the stub."""
    try:
        return _record_paper(actor, decision_id, code, option_ids)
    except DuplicateBallotError as error:
        _record_conflict(error, actor)
        raise


@transaction.atomic
def _record_paper(actor: User, decision_id: int, code: str, option_ids: Sequence[int]) -> str:
    decision = selectors.access_decision(
        actor=actor, decision_id=decision_id, perm=DecisionPerm.RECORD, for_write=True
    )
    require_open(decision)
    ballot = PaperBallot.objects.filter(decision=decision, code=codes.normalise(code)).first()
    if ballot is None:
        raise DomainError(_("Mã phiếu không đúng: không có phiếu nào của việc này mang mã đó."), field="code")
    if ballot.returned:
        raise DomainError(_("Phiếu mang mã này đã được ghi nhận: không ghi lần thứ hai."), field="code")
    chosen = _choices(decision, option_ids)
    receipt = codes.paper_receipt(decision.pk, ballot.code)
    row = _participate(decision, ballot.household_id, Channel.PAPER, actor, chosen, receipt)
    ballot.returned = True
    ballot.save(update_fields=["returned"])
    audit.record(
        actor=actor,
        action="decisions.ballot.paper",
        obj=row,
        after={"decision": decision.pk, "household": ballot.household_id, "channel": Channel.PAPER},
        scope_unit_id=decision.unit_id,
    )
    return receipt


def cast_online(
    *, actor: User, decision_id: int, household_id: int, option_ids: Sequence[int], receipt: str = ""
) -> str:
    """Biểu quyết trực tuyến / gửi phiếu điện tử, by the household's representative or authorised member.
    A household that voted online may change until closing (for a secret vote, with its receipt).
    Returns the receipt code."""
    try:
        return _cast(actor, decision_id, household_id, option_ids, receipt)
    except DuplicateBallotError as error:
        _record_conflict(error, actor)
        raise


@transaction.atomic
def _cast(actor: User, decision_id: int, household_id: int, option_ids: Sequence[int], receipt: str) -> str:
    decision = selectors.open_decision(decision_id, for_write=True)
    require_open(decision)
    if decision.form != ONLINE and not (decision.form == BALLOT and decision.electronic_returns):
        raise DomainError(_("Việc này không nhận biểu quyết trực tuyến."))
    households = {h.pk: h for h in selectors.voter_households(actor, decision)}
    if household_id not in households:
        selectors.ensure_household_in_register(decision, household_id)
        raise DomainError(
            _("Bạn không phải người đại diện hoặc người được hộ này ủy quyền."), field="household"
        )
    chosen = _choices(decision, option_ids)
    existing = selectors.household_participation(decision, household_id)
    residents = selectors.actor_residents(actor)
    representative = households[household_id].representative_id
    cast_by = representative if representative in residents else next(iter(residents), None)
    if existing is not None and existing.channel == Channel.ONLINE:
        box = existing.box
        if decision.secret:
            typed = codes.normalise(receipt) if receipt else ""
            if not typed or not Receipt.objects.filter(decision=decision, code=typed).exists():
                raise DomainError(
                    _("Phiếu kín: nhập mã xác nhận đã nhận khi biểu quyết để thay đổi."), field="receipt"
                )
            check = codes.receipt_check(decision.pk, household_id, typed)
            if not existing.receipt_check or not hmac.compare_digest(existing.receipt_check, check):
                raise DomainError(_("Mã xác nhận không đúng: đó không phải mã của hộ này."), field="receipt")
            box = codes.secret_box(decision.pk, typed)
            if not Choice.objects.filter(decision=decision, box=box).exists():
                raise DomainError(_("Mã xác nhận không đúng."), field="receipt")
        assert box is not None
        _put_choices(decision, box, chosen)
        audit.record(
            actor=actor,
            action="decisions.ballot.change",
            obj=existing,
            after={"decision": decision.pk, "household": household_id},
            scope_unit_id=decision.unit_id,
        )
        return existing.receipt or codes.normalise(receipt)
    new_receipt = codes.new_code()
    row = _participate(decision, household_id, Channel.ONLINE, actor, chosen, new_receipt, cast_by)
    audit.record(
        actor=actor,
        action="decisions.ballot.online",
        obj=row,
        after={"decision": decision.pk, "household": household_id, "channel": Channel.ONLINE},
        scope_unit_id=decision.unit_id,
    )
    return new_receipt
