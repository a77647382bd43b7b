"""Xử lý đơn: an officer classifies a registered letter and decides on it (accept, guide, transfer to
a named unit of the tree, refuse with a reason). Each step is a `LetterHandling` row and an audit entry.

A transfer registers the letter in the receiving unit's register (channel "forwarded"), where it lands
in that unit's inbox with its own tracking code; the sender's identity travels with it.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.core import audit, policy
from danchu.core.actors import Actor
from danchu.core.errors import DomainError
from danchu.core.text import clean_text
from danchu.units.models import Unit

from .. import selectors
from ..models import Channel, Classification, Letter, LetterHandling, Outcome, Sender, Status
from ..permissions import PetitionPerm
from .intake import SenderData, register_or_repeat, user_of

LETTER_FIELDS = ("classification", "outcome", "decided_on", "reason", "transferred_to_id")


def handle(
    letter: Letter, kind: str, *, actor: Actor | None, note: str = "", **data: object
) -> LetterHandling:
    """Append a handling step to `letter` (apps layered above add their own kinds, "<app>.<kind>")."""
    return LetterHandling.objects.create(
        letter=letter, kind=kind[:40], note=note, data=data, at=timezone.now(), actor=user_of(actor)
    )


@transaction.atomic
def classify(*, actor: Actor | None, letter: Letter, classification: str) -> Letter:
    """Phân loại đơn, while it is undecided."""
    letter = selectors.access_letter(
        actor=actor, letter_id=letter.pk, perm=PetitionPerm.HANDLE, for_write=True
    )
    if classification not in Classification.values or classification == Classification.UNCLASSIFIED:
        raise DomainError(_("Hãy chọn một loại đơn."), field="classification")
    if letter.outcome != Outcome.PENDING:
        raise DomainError(_("Đơn đã được xử lý; không đổi phân loại được nữa."), field="classification")
    if hasattr(letter, "petition") and classification != Classification.PETITION:
        raise DomainError(_("Phản ánh đã vào sổ theo lĩnh vực; hãy đóng phản ánh thay vì đổi loại."))
    with audit.audited(
        actor=actor,
        action="petitions.letter.classify",
        obj=letter,
        fields=LETTER_FIELDS,
        scope_unit_id=letter.unit_id,
    ):
        letter.classification = classification
        letter.save(update_fields=["classification", "updated_at"])
        handle(letter, "classify", actor=actor, classification=classification)
    return letter


def _decide(
    *, actor: Actor | None, letter: Letter, outcome: str, reason: str, to_unit: Unit | None = None
) -> Letter:
    letter = selectors.access_letter(
        actor=actor, letter_id=letter.pk, perm=PetitionPerm.HANDLE, for_write=True
    )
    if letter.outcome != Outcome.PENDING:
        raise DomainError(_("Đơn đã được xử lý."))
    if letter.classification == Classification.UNCLASSIFIED:
        raise DomainError(_("Hãy phân loại đơn trước khi xử lý."), field="classification")
    required = outcome != Outcome.ACCEPTED
    reason = clean_text(
        reason, field="reason", label=gettext_noop("Lý do"), max_length=2000, required=required
    )
    with audit.audited(
        actor=actor,
        action=f"petitions.letter.{outcome}",
        obj=letter,
        fields=LETTER_FIELDS,
        scope_unit_id=letter.unit_id,
    ) as change:
        letter.outcome = outcome
        letter.decided_on = timezone.localdate()
        letter.reason = reason
        letter.transferred_to = to_unit
        letter.save(update_fields=["outcome", "decided_on", "reason", "transferred_to", "updated_at"])
        handle(letter, outcome, actor=actor, note=reason, to_unit=to_unit.pk if to_unit else None)
        change.note(on_time=letter.decided_on <= letter.process_by)
    return letter


@transaction.atomic
def accept(*, actor: Actor | None, letter: Letter, note: str = "") -> Letter:
    """Thụ lý: the letter is within competence and will be resolved here."""
    return _decide(actor=actor, letter=letter, outcome=Outcome.ACCEPTED, reason=note)


@transaction.atomic
def guide(*, actor: Actor | None, letter: Letter, reason: str) -> Letter:
    """Hướng dẫn: tell the sender where and how to send it (not ours, and not to be transferred)."""
    return _decide(actor=actor, letter=letter, outcome=Outcome.GUIDED, reason=reason)


@transaction.atomic
def refuse(*, actor: Actor | None, letter: Letter, reason: str) -> Letter:
    """Không xử lý, with the reason (anonymous, repeated, already resolved, not eligible…)."""
    return _decide(actor=actor, letter=letter, outcome=Outcome.REFUSED, reason=reason)


@transaction.atomic
def transfer(*, actor: Actor | None, letter: Letter, to_unit: Unit, reason: str) -> Letter:
    """Chuyển đơn to the competent unit: it is registered there (forwarded) and leaves our inbox; a
    petition on it closes as transferred. Returns the receiving unit's letter."""
    if to_unit.pk == letter.unit_id:
        raise DomainError(_("Hãy chọn đơn vị khác để chuyển đơn."), field="to_unit")
    decided = _decide(actor=actor, letter=letter, outcome=Outcome.TRANSFERRED, reason=reason, to_unit=to_unit)
    sender = Sender.objects.filter(letter=decided).first()
    data = (
        SenderData(
            full_name=sender.full_name,
            address=sender.address,
            phone=sender.phone,
            email=sender.email,
            resident_id=sender.resident_id,
            device=sender.device,
        )
        if sender
        else SenderData()
    )
    received, _new = register_or_repeat(
        actor=None,
        unit=to_unit,
        channel=Channel.FORWARDED,
        sender=data,
        subject=decided.subject,
        text=decided.text,
        received_on=timezone.localdate(),
        classification=decided.classification,
        signers=decided.signers,
        source=f"petitions.letter:{decided.pk}",
        forwarded_from=decided,
        authorised=True,
    )
    petition = getattr(decided, "petition", None)
    if petition is not None and petition.is_open:
        from .petitions import close_as

        close_as(
            actor=actor,
            petition=petition,
            status=Status.TRANSFERRED,
            answer=decided.reason,
            letter_decided=True,
        )
    return received


def may_handle(actor: Actor | None, unit: Unit) -> bool:
    return policy.allowed(actor, PetitionPerm.HANDLE, unit)
