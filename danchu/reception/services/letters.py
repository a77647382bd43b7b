"""Letters a visit produces (đơn vào sổ xử lý đơn): registered in the petitions register through its
public service, on the channel "reception desk", and linked to the visit."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from danchu.accounts.models import User
from danchu.core import audit
from danchu.core.errors import DomainError
from danchu.petitions.models import Channel, Classification
from danchu.petitions.services.intake import SenderData, register_letter

from .. import selectors
from ..models import Visit, VisitKind, VisitLetter
from ..permissions import ReceptionPerm

# The register's classification of what the visitor brought (the officer may reclassify it there).
CLASSIFICATION = {
    VisitKind.COMPLAINT: Classification.COMPLAINT,
    VisitKind.DENUNCIATION: Classification.DENUNCIATION,
    VisitKind.PETITION: Classification.PETITION,
    VisitKind.OTHER: Classification.UNCLASSIFIED,
}
SUBJECT_LENGTH = 200


def _subject(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= SUBJECT_LENGTH else line[: SUBJECT_LENGTH - 1].rsplit(" ", 1)[0] + "…"


@transaction.atomic
def produce_letter(*, actor: User, visit: Visit, subject: str = "", text: str = "") -> VisitLetter:
    """Vào sổ xử lý đơn: the visit's content (or `text`, when one visit brought several matters) becomes
    a letter of the register, whose sender is the visitor (kept apart there; a denouncer's identity
    stays secret). A second identical one is refused."""
    visit = selectors.access_visit(actor=actor, visit_id=visit.pk, perm=ReceptionPerm.MANAGE, for_write=True)
    body = text.strip() or visit.subject
    letter = register_letter(
        actor=actor,
        unit=visit.unit,
        channel=Channel.RECEPTION,
        sender=SenderData(full_name=visit.visitor_name, address=visit.visitor_address),
        subject=subject.strip() or _subject(body),
        text=body,
        received_on=visit.received_on,
        classification=CLASSIFICATION[VisitKind(visit.kind)],
        signers=visit.people_count,
        source=f"reception.visit:{visit.pk}",
    )
    if VisitLetter.objects.filter(letter=letter).exists():
        raise DomainError(
            _("Đơn này đã được vào sổ (mã %(code)s).") % {"code": letter.tracking_code}, field="text"
        )
    link = VisitLetter.objects.create(visit=visit, letter=letter, created_by=actor)
    audit.record(
        actor=actor,
        action="reception.visit.letter",
        obj=visit,
        after={"letter": letter.pk, "tracking_code": letter.tracking_code},
        scope_unit_id=visit.unit_id,
    )
    return link
