"""Phản ánh, kiến nghị: a citizen's report of something to fix, from intake to the rated answer.

received → accepted (an officer gives it to the agency the category names, or another) → in progress →
resolved (an answer AND evidence, a photo or a document), or closed as not ours / duplicate (merged into
another) / transferred (to another unit's register). The clock runs in working days from the day it was
received (the category's days, else the rulebook's); the sender rates the answer, and "not satisfied"
within the rulebook's days reopens it once, on a new clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.core import audit, calendar, rulebook
from danchu.core.actors import Actor
from danchu.core.errors import DomainError
from danchu.core.text import clean_text
from danchu.units.models import Agency, Unit

from .. import selectors
from ..models import (
    Category,
    Classification,
    Letter,
    Outcome,
    Petition,
    PhotoKind,
    Status,
    Update,
)
from ..permissions import PetitionPerm
from . import notify, photos
from .intake import SenderData, register_or_repeat, user_of

FIELDS = (
    "status",
    "agency_id",
    "due_on",
    "answer",
    "closed_at",
    "duplicate_of_id",
    "rating",
    "reopened",
    "late",
)
# mySociety's extended statuses (perllib/Open311.pm) for each of ours.
EXTERNAL = {
    Status.RECEIVED: "OPEN",
    Status.ACCEPTED: "ACTION_SCHEDULED",
    Status.IN_PROGRESS: "IN_PROGRESS",
    Status.RESOLVED: "FIXED",
    Status.NOT_OURS: "NOT_COUNCILS_RESPONSIBILITY",
    Status.DUPLICATE: "DUPLICATE",
    Status.TRANSFERRED: "INTERNAL_REFERRAL",
}


def resolve_days(category: Category, on: dt.date) -> int:
    if category.resolve_days:
        return int(category.resolve_days)
    return rulebook.number("petition.resolve_working_days", on=on, unit=category.unit)


def coordinate(value: str | Decimal | float | None, *, field: str, low: int, high: int) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise DomainError(_("Toạ độ phải là số thập phân."), field=field) from None
    if not number.is_finite() or not low <= number <= high:
        raise DomainError(_("Toạ độ phải từ %(low)s đến %(high)s.") % {"low": low, "high": high}, field=field)
    return number.quantize(Decimal("0.000001"))


def _update(petition: Petition, status: str, text: str, actor: Actor | None, external: str = "") -> Update:
    return Update.objects.create(
        petition=petition,
        status=status,
        text=text,
        at=timezone.now(),
        actor=user_of(actor),
        external_status=external or EXTERNAL[Status(status)],
    )


def submit(
    *,
    actor: Actor | None,
    unit: Unit,
    category: Category,
    channel: str,
    sender: SenderData,
    subject: str,
    description: str,
    address: str = "",
    lat: str | Decimal | float | None = None,
    long: str | Decimal | float | None = None,
    uploads: Sequence[photos.Upload] = (),
    attributes: dict[str, object] | None = None,
) -> tuple[Petition, bool]:
    """Gửi phản ánh: every file and field is checked before anything is written (a refused photo
    leaves no letter behind). Returns the petition and whether it is new (False: a repeat)."""
    if category.unit_id != unit.pk or not category.active:
        raise DomainError(_("Lĩnh vực không thuộc xã, phường này."), field="category")
    address = clean_text(
        address, field="address", label=gettext_noop("Địa chỉ"), max_length=300, required=False
    )
    lat_value = coordinate(lat, field="lat", low=-90, high=90)
    long_value = coordinate(long, field="long", low=-180, high=180)
    if (lat_value is None) != (long_value is None):
        raise DomainError(_("Hãy nhập cả vĩ độ và kinh độ."), field="lat")
    if not address and lat_value is None:
        raise DomainError(_("Hãy ghi địa điểm hoặc chọn vị trí trên bản đồ."), field="address")
    if len(uploads) > photos.MAX_PHOTOS:
        raise DomainError(
            _("Gửi tối đa %(max_photos)s ảnh.") % {"max_photos": photos.MAX_PHOTOS}, field="photos"
        )
    checked = [photos.check(u, field="photos", images_only=True) for u in uploads]
    with transaction.atomic():
        letter, new = register_or_repeat(
            actor=actor,
            unit=unit,
            channel=channel,
            sender=sender,
            subject=subject or category.name,
            text=description,
            received_on=None,
            classification=Classification.PETITION,
        )
        if not new:
            existing = Petition.objects.filter(letter=letter).first()
            if existing is None:
                raise DomainError(_("Nội dung này vừa được gửi dưới dạng đơn; không gửi lại."))
            return existing, False
        petition = Petition.objects.create(
            letter=letter,
            unit=unit,
            category=category,
            agency=category.agency,
            address=address,
            lat=lat_value,
            long=long_value,
            attributes=attributes or {},
            due_on=calendar.add_working_days(letter.received_on, resolve_days(category, letter.received_on)),
        )
        for one in checked:
            photos.keep(petition, one, PhotoKind.REPORT)
        _update(petition, Status.RECEIVED, "", actor)
        audit.record(
            actor=actor,
            action="petitions.petition.submit",
            obj=petition,
            after={
                "letter": letter.pk,
                "category": category.pk,
                "photos": len(checked),
                "due_on": petition.due_on,
            },
            scope_unit_id=unit.pk,
        )
        notify.received(petition)
    return petition, True


def _locked(actor: Actor | None, petition: Petition, perm: object) -> Petition:
    return selectors.access_petition(actor=actor, petition_id=petition.pk, perm=perm, for_write=True)  # type: ignore[arg-type]


@transaction.atomic
def route(
    *, actor: Actor | None, petition: Petition, agency: Agency | None = None, note: str = ""
) -> Petition:
    """Giao xử lý: accept the petition and give it to an agency of its unit (the category's by default);
    the letter is accepted in the register. A petition already given may be given to another agency."""
    petition = _locked(actor, petition, PetitionPerm.HANDLE)
    agency = agency or petition.agency or petition.category.agency
    if agency is None or agency.unit_id != petition.unit_id or agency.closed_on is not None:
        raise DomainError(_("Hãy chọn một cơ quan, bộ phận đang hoạt động của xã, phường."), field="agency")
    if petition.status not in (Status.RECEIVED, Status.ACCEPTED):
        raise DomainError(_("Chỉ giao xử lý phản ánh mới tiếp nhận hoặc đã giao."), field="agency")
    note = clean_text(note, field="note", label=gettext_noop("Ghi chú"), max_length=2000, required=False)
    with audit.audited(
        actor=actor,
        action="petitions.petition.route",
        obj=petition,
        fields=FIELDS,
        scope_unit_id=petition.unit_id,
    ):
        first = petition.status == Status.RECEIVED
        petition.status = Status.ACCEPTED
        petition.agency = agency
        petition.save(update_fields=["status", "agency", "updated_at"])
        _update(petition, Status.ACCEPTED, note or f"Giao {agency.name} xử lý.", actor)
        if first:
            _accept_letter(actor, petition.letter)
    notify.routed(petition)
    return petition


def _accept_letter(actor: Actor | None, letter: Letter) -> None:
    from .letters import handle

    Letter.objects.filter(pk=letter.pk, outcome=Outcome.PENDING).update(
        outcome=Outcome.ACCEPTED, decided_on=timezone.localdate(), updated_at=timezone.now()
    )
    handle(letter, Outcome.ACCEPTED, actor=actor)


@transaction.atomic
def start(*, actor: Actor | None, petition: Petition, note: str = "") -> Petition:
    """Đang xử lý: the agency has begun; a public note says what is being done."""
    petition = _locked(actor, petition, PetitionPerm.RESOLVE)
    if petition.status != Status.ACCEPTED:
        raise DomainError(_("Chỉ bắt đầu xử lý phản ánh đã được giao."))
    note = clean_text(note, field="note", label=gettext_noop("Ghi chú"), max_length=2000, required=False)
    with audit.audited(
        actor=actor,
        action="petitions.petition.start",
        obj=petition,
        fields=FIELDS,
        scope_unit_id=petition.unit_id,
    ):
        petition.status = Status.IN_PROGRESS
        petition.save(update_fields=["status", "updated_at"])
        _update(petition, Status.IN_PROGRESS, note, actor)
    return petition


@transaction.atomic
def add_note(*, actor: Actor | None, petition: Petition, note: str) -> Update:
    """A public progress note on an open petition (the status stays)."""
    petition = _locked(actor, petition, PetitionPerm.RESOLVE)
    if not petition.is_open:
        raise DomainError(_("Phản ánh đã đóng."))
    note = clean_text(note, field="note", label=gettext_noop("Ghi chú"), max_length=2000)
    update = _update(petition, petition.status, note, actor)
    audit.record(
        actor=actor,
        action="petitions.petition.note",
        obj=petition,
        after={"note": note},
        scope_unit_id=petition.unit_id,
    )
    return update


def resolve(
    *, actor: Actor | None, petition: Petition, answer: str, evidence: Sequence[photos.Upload] = ()
) -> Petition:
    """Đã giải quyết: needs the answer and evidence (a photo or a document, sent now or before)."""
    answer = clean_text(answer, field="answer", label=gettext_noop("Câu trả lời"), max_length=4000)
    if len(evidence) > photos.MAX_PHOTOS:
        raise DomainError(
            _("Gửi tối đa %(max_photos)s tệp minh chứng.") % {"max_photos": photos.MAX_PHOTOS},
            field="evidence",
        )
    checked = [photos.check(u, field="evidence", images_only=False) for u in evidence]
    with transaction.atomic():
        petition = _locked(actor, petition, PetitionPerm.RESOLVE)
        if petition.status not in (Status.ACCEPTED, Status.IN_PROGRESS):
            raise DomainError(_("Chỉ trả lời phản ánh đã được giao xử lý."))
        if not checked and not selectors.evidence_count(petition):
            raise DomainError(_("Cần kèm minh chứng (ảnh hoặc tài liệu) khi trả lời."), field="evidence")
        with audit.audited(
            actor=actor,
            action="petitions.petition.resolve",
            obj=petition,
            fields=FIELDS,
            scope_unit_id=petition.unit_id,
        ) as change:
            for one in checked:
                photos.keep(petition, one, PhotoKind.EVIDENCE)
            _close(petition, Status.RESOLVED, answer)
            _update(petition, Status.RESOLVED, answer, actor)
            change.note(evidence=len(checked))
    notify.answered(petition)
    return petition


def _close(petition: Petition, status: str, answer: str) -> None:
    now = timezone.now()
    petition.status = status
    petition.answer = answer
    petition.closed_at = now
    petition.late = timezone.localdate() > petition.due_on
    petition.save(update_fields=["status", "answer", "closed_at", "late", "duplicate_of", "updated_at"])


def close_as(
    *,
    actor: Actor | None,
    petition: Petition,
    status: str,
    answer: str,
    duplicate_of: Petition | None = None,
    letter_decided: bool = False,
) -> Petition:
    """Đóng: not ours (with where to send it), duplicate (merged into an open or resolved petition of the
    same commune), or transferred (by `letters.transfer`). Call inside a transaction."""
    petition = _locked(actor, petition, PetitionPerm.HANDLE)
    if status not in (Status.NOT_OURS, Status.DUPLICATE, Status.TRANSFERRED):
        raise DomainError(_("Cách đóng phản ánh không hợp lệ."), field="status")
    if not petition.is_open:
        raise DomainError(_("Phản ánh đã đóng."))
    answer = clean_text(answer, field="answer", label=gettext_noop("Câu trả lời"), max_length=4000)
    if status == Status.DUPLICATE:
        if duplicate_of is None or duplicate_of.pk == petition.pk or duplicate_of.unit_id != petition.unit_id:
            raise DomainError(_("Hãy chọn phản ánh trùng của cùng xã, phường."), field="duplicate_of")
        if duplicate_of.status in (Status.NOT_OURS, Status.DUPLICATE, Status.TRANSFERRED):
            raise DomainError(_("Phản ánh được gộp vào đã đóng không giải quyết."), field="duplicate_of")
    with audit.audited(
        actor=actor,
        action=f"petitions.petition.{status}",
        obj=petition,
        fields=FIELDS,
        scope_unit_id=petition.unit_id,
    ):
        petition.duplicate_of = duplicate_of if status == Status.DUPLICATE else None
        _close(petition, status, answer)
        _update(petition, status, answer, actor)
        if not letter_decided:
            outcome = Outcome.GUIDED if status == Status.NOT_OURS else Outcome.ACCEPTED
            Letter.objects.filter(pk=petition.letter_id, outcome=Outcome.PENDING).update(
                outcome=outcome, decided_on=timezone.localdate(), reason=answer, updated_at=timezone.now()
            )
    notify.answered(petition)
    return petition


@transaction.atomic
def close(
    *, actor: Actor | None, petition: Petition, status: str, answer: str, duplicate_of_id: int | None = None
) -> Petition:
    duplicate = None
    if duplicate_of_id is not None:
        duplicate = Petition.objects.filter(pk=duplicate_of_id).first()
    return close_as(actor=actor, petition=petition, status=status, answer=answer, duplicate_of=duplicate)
