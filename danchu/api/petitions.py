"""Letters and petitions over JSON: the register, the inbox, a petition's handling; the public read a
commune's petitions. The same services and selectors as the pages (Open311 is served apart)."""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from danchu.accounts.actors import acting_user
from danchu.core.errors import DomainError
from danchu.petitions import selectors
from danchu.petitions.models import Letter, Petition
from danchu.petitions.permissions import PetitionPerm
from danchu.petitions.services import intake
from danchu.petitions.services import petitions as services
from danchu.units import selectors as unit_selectors
from danchu.units.models import Agency

from .base import AUTH, ERRORS, PUBLIC_ERRORS, IsoDate

router = Router(tags=["petitions"])
# Ids and counts from a JSON body fit the database's 64-bit integers: larger ones answer 422, not 500.
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
Signers = Annotated[int, Field(ge=1, le=100_000)]
LIST_LIMIT = 500  # product choice: the most rows one answer carries


class LetterOut(Schema):
    id: int
    unit_id: int
    tracking_code: str
    channel: str
    classification: str
    subject: str
    text: str
    received_on: IsoDate
    process_by: IsoDate
    outcome: str
    decided_on: IsoDate | None
    reason: str
    transferred_to_id: int | None


class LetterIn(Schema):
    channel: str
    classification: str = "unclassified"
    subject: str
    text: str
    received_on: IsoDate
    signers: Signers = 1
    sender_name: str = ""
    sender_address: str = ""
    sender_phone: str = ""


class PetitionOut(Schema):
    id: int
    unit_id: int
    category: str
    agency_id: int | None
    status: str
    address: str
    due_on: IsoDate
    overdue: bool
    answer: str
    reopened: int
    subject: str
    description: str

    @staticmethod
    def resolve_category(obj: Petition) -> str:
        return obj.category.code

    @staticmethod
    def resolve_overdue(obj: Petition) -> bool:
        return obj.overdue_on_day(timezone.localdate())

    @staticmethod
    def resolve_subject(obj: Petition) -> str:
        return obj.letter.subject

    @staticmethod
    def resolve_description(obj: Petition) -> str:
        return obj.letter.text


class PetitionRouteIn(Schema):
    agency_id: Id
    note: str = ""


class PetitionNoteIn(Schema):
    note: str = ""


class PetitionCloseIn(Schema):
    status: str
    answer: str
    duplicate_of_id: Id | None = None


@router.get(
    "/units/{unit_id}/letters", response={200: list[LetterOut], **ERRORS}, auth=AUTH, summary="Sổ xử lý đơn"
)
def unit_letters(request: HttpRequest, unit_id: int) -> list[Letter]:
    actor = acting_user(request)
    unit = selectors.access_unit(actor=actor, unit_id=unit_id, perm=PetitionPerm.VIEW)
    return list(selectors.register(actor=actor, unit=unit)[:LIST_LIMIT])


@router.post(
    "/units/{unit_id}/letters", response={201: LetterOut, **ERRORS}, auth=AUTH, summary="Vào sổ một đơn"
)
def register_letter(request: HttpRequest, unit_id: int, payload: LetterIn) -> Status[Letter]:
    actor = acting_user(request)
    unit = selectors.access_unit(actor=actor, unit_id=unit_id, perm=PetitionPerm.REGISTER)
    letter = intake.register_letter(
        actor=actor,
        unit=unit,
        channel=payload.channel,
        classification=payload.classification,
        sender=intake.SenderData(
            full_name=payload.sender_name, address=payload.sender_address, phone=payload.sender_phone
        ),
        subject=payload.subject,
        text=payload.text,
        received_on=payload.received_on,
        signers=payload.signers,
    )
    return Status(201, letter)


@router.get("/letters/{letter_id}", response={200: LetterOut, **ERRORS}, auth=AUTH)
def get_letter(request: HttpRequest, letter_id: int) -> Letter:
    return selectors.access_letter(actor=acting_user(request), letter_id=letter_id, perm=PetitionPerm.VIEW)


@router.get(
    "/units/{unit_id}/petitions/inbox",
    response={200: list[PetitionOut], **ERRORS},
    auth=AUTH,
    summary="Hộp phản ánh, quá hạn trước",
)
def inbox(request: HttpRequest, unit_id: int) -> list[Petition]:
    actor = acting_user(request)
    unit = selectors.access_unit(actor=actor, unit_id=unit_id, perm=PetitionPerm.VIEW)
    return list(selectors.inbox(actor=actor, unit=unit, today=timezone.localdate())[:LIST_LIMIT])


@router.get("/petitions/{petition_id}", response={200: PetitionOut, **ERRORS}, auth=AUTH)
def get_petition(request: HttpRequest, petition_id: int) -> Petition:
    return selectors.access_petition(
        actor=acting_user(request), petition_id=petition_id, perm=PetitionPerm.VIEW
    )


@router.post(
    "/petitions/{petition_id}/route",
    response={200: PetitionOut, **ERRORS},
    auth=AUTH,
    summary="Giao cơ quan xử lý",
)
def route_petition(request: HttpRequest, petition_id: int, payload: PetitionRouteIn) -> Petition:
    actor = acting_user(request)
    petition = selectors.access_petition(actor=actor, petition_id=petition_id, perm=PetitionPerm.HANDLE)
    # An agency that is not found is refused, never replaced by the category's default; the service
    # refuses an agency of another unit.
    agency = Agency.objects.filter(pk=payload.agency_id).first()
    if agency is None:
        raise DomainError(_("Hãy chọn một cơ quan, bộ phận của đơn vị."), field="agency_id")
    return services.route(actor=actor, petition=petition, agency=agency, note=payload.note)


@router.post(
    "/petitions/{petition_id}/start",
    response={200: PetitionOut, **ERRORS},
    auth=AUTH,
    summary="Bắt đầu xử lý",
)
def start_petition(request: HttpRequest, petition_id: int, payload: PetitionNoteIn) -> Petition:
    actor = acting_user(request)
    petition = selectors.access_petition(actor=actor, petition_id=petition_id, perm=PetitionPerm.RESOLVE)
    return services.start(actor=actor, petition=petition, note=payload.note)


@router.post(
    "/petitions/{petition_id}/close",
    response={200: PetitionOut, **ERRORS},
    auth=AUTH,
    summary="Đóng: không thuộc thẩm quyền, trùng",
)
def close_petition(request: HttpRequest, petition_id: int, payload: PetitionCloseIn) -> Petition:
    actor = acting_user(request)
    petition = selectors.access_petition(actor=actor, petition_id=petition_id, perm=PetitionPerm.HANDLE)
    return services.close(
        actor=actor,
        petition=petition,
        status=payload.status,
        answer=payload.answer,
        duplicate_of_id=payload.duplicate_of_id,
    )


@router.get(
    "/communes/{unit_id}/petitions",
    response={200: list[PetitionOut], **PUBLIC_ERRORS},
    summary="Phản ánh công khai của xã",
)
def public_petitions(request: HttpRequest, unit_id: int) -> list[Petition]:
    unit = unit_selectors.public_unit(unit_id)
    return list(selectors.public_petitions(unit)[:200])
