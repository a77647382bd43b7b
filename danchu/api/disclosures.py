"""Dân biết over JSON: officials draft, publish, prove and withdraw; anyone reads what is public and searches.
The same services and selectors as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import File, Form, Router, Schema, Status, UploadedFile

from danchu.accounts.actors import acting_user
from danchu.core import search as search_index
from danchu.disclosures import compliance, limits, selectors, services
from danchu.disclosures.models import Attachment, ChannelProof, Disclosure, DisclosureItem
from danchu.disclosures.permissions import DisclosurePerm
from danchu.units import selectors as unit_selectors

from .base import AUTH, ERRORS, PUBLIC_ERRORS, IsoDate

router = Router(tags=["disclosures"])
# Product choices: the most rows one answer carries (an official's list, the public's).
OFFICIAL_LIST_LIMIT = 500
PUBLIC_LIST_LIMIT = 200


class CatalogueItemOut(Schema):
    code: str
    scope: str
    article: str
    title: str
    citation: str
    verified: bool
    mandatory: bool
    recurrence: str
    channels: list[str]
    broadcast: bool


class AttachmentOut(Schema):
    id: int
    name: str
    kind: str
    size: int
    sha256: str
    url: str

    @staticmethod
    def resolve_url(obj: Attachment) -> str:
        return reverse("portal:attachment", args=[obj.pk])


class DisclosureOut(Schema):
    id: int
    unit_id: int
    title: str
    body: str
    items: list[str]
    document_number: str
    document_date: IsoDate | None
    starts_on: IsoDate
    ends_on: IsoDate
    channels: list[str]
    status: str
    ended_reason: str
    replaces_id: int | None
    attachments: list[AttachmentOut]

    @staticmethod
    def resolve_items(obj: Disclosure) -> list[str]:
        return [i.code for i in obj.items.all()]

    @staticmethod
    def resolve_status(obj: Disclosure) -> str:
        return obj.status_on(timezone.localdate()).value

    @staticmethod
    def resolve_attachments(obj: Disclosure) -> list[Attachment]:
        return list(obj.attachments.all())


class DisclosureIn(Schema):
    title: str
    items: list[str]
    body: str = ""
    channels: list[str] | None = None
    document_number: str = ""
    document_date: IsoDate | None = None
    starts_on: IsoDate | None = None
    ends_on: IsoDate | None = None
    replaces_id: int | None = None


class ProofOut(Schema):
    id: int
    channel: str
    day: IsoDate
    place: str
    note: str
    file_name: str


class WithdrawIn(Schema):
    reason: str


class CheckOut(Schema):
    code: str
    finding: str
    expected: int
    found: int
    disclosures: list[dict[str, Any]]


class ChecklistOut(Schema):
    unit_id: int
    unit: str
    year: int
    on: IsoDate
    counts: dict[str, int]
    items: list[CheckOut]


class HitOut(Schema):
    kind: str
    object_id: int
    title: str
    url: str
    unit_name: str
    day: IsoDate
    summary: str
    categories: list[str]


class SearchOut(Schema):
    terms: list[str]
    page: int
    has_next: bool
    near: bool
    hits: list[HitOut]


def _checklist(check: compliance.Checklist) -> dict[str, Any]:
    return {
        "unit_id": check.unit.pk,
        "unit": check.unit.name,
        "year": check.year,
        "on": check.on,
        "counts": check.counts,
        "items": [
            {
                "code": c.item.code,
                "finding": c.finding.value,
                "expected": c.expected,
                "found": c.found,
                "disclosures": [{"id": p.id, "title": p.title, "findings": p.findings} for p in c.posted],
            }
            for c in check.items
        ],
    }


# Officials ---------------------------------------------------------------------------------------------


@router.get(
    "/disclosure-items",
    response={200: list[CatalogueItemOut], **PUBLIC_ERRORS},
    summary="Danh mục nội dung phải công khai",
)
def list_items(request: HttpRequest) -> list[DisclosureItem]:
    return list(selectors.catalogue())


@router.get("/units/{unit_id}/disclosures", response={200: list[DisclosureOut], **ERRORS}, auth=AUTH)
def unit_disclosures(request: HttpRequest, unit_id: int, status: str = "") -> list[Disclosure]:
    _unit, visible = selectors.read_unit(actor=acting_user(request), unit_id=unit_id)
    rows = selectors.of_unit(visible, status, timezone.localdate()).prefetch_related("attachments")
    return list(rows[:OFFICIAL_LIST_LIMIT])


@router.post(
    "/units/{unit_id}/disclosures",
    response={201: DisclosureOut, **ERRORS},
    auth=AUTH,
    summary="Soạn thông tin công khai (dự thảo)",
)
def create_disclosure(request: HttpRequest, unit_id: int, payload: DisclosureIn) -> Status[Disclosure]:
    unit = unit_selectors.access_unit(actor=acting_user(request), unit_id=unit_id, perm=DisclosurePerm.MANAGE)
    replaces = None
    if payload.replaces_id is not None:
        replaces = selectors.access_disclosure(
            actor=acting_user(request), disclosure_id=payload.replaces_id, perm=DisclosurePerm.MANAGE
        )
    disclosure = services.create_draft(
        actor=acting_user(request),
        unit=unit,
        title=payload.title,
        item_codes=payload.items,
        body=payload.body,
        channels=payload.channels,
        document_number=payload.document_number,
        document_date=payload.document_date,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        replaces=replaces,
    )
    return Status(201, selectors.read_disclosure(actor=acting_user(request), disclosure_id=disclosure.pk))


@router.get("/disclosures/{disclosure_id}", response={200: DisclosureOut, **ERRORS}, auth=AUTH)
def get_disclosure(request: HttpRequest, disclosure_id: int) -> Disclosure:
    return selectors.read_disclosure(actor=acting_user(request), disclosure_id=disclosure_id)


@router.put(
    "/disclosures/{disclosure_id}", response={200: DisclosureOut, **ERRORS}, auth=AUTH, summary="Sửa dự thảo"
)
def update_disclosure(request: HttpRequest, disclosure_id: int, payload: DisclosureIn) -> Disclosure:
    disclosure = selectors.access_disclosure(
        actor=acting_user(request), disclosure_id=disclosure_id, perm=DisclosurePerm.MANAGE
    )
    services.update_draft(
        actor=acting_user(request),
        disclosure=disclosure,
        title=payload.title,
        item_codes=payload.items,
        body=payload.body,
        channels=payload.channels if payload.channels is not None else disclosure.channels,
        document_number=payload.document_number,
        document_date=payload.document_date,
        starts_on=payload.starts_on or disclosure.starts_on,
        ends_on=payload.ends_on or disclosure.ends_on,
    )
    return selectors.read_disclosure(actor=acting_user(request), disclosure_id=disclosure_id)


@router.post(
    "/disclosures/{disclosure_id}/attachments",
    response={201: AttachmentOut, **ERRORS},
    auth=AUTH,
    summary="Đính kèm tệp (PDF, .docx, ảnh)",
)
def add_attachment(request: HttpRequest, disclosure_id: int, file: File[UploadedFile]) -> Status[Attachment]:
    disclosure = selectors.access_disclosure(
        actor=acting_user(request), disclosure_id=disclosure_id, perm=DisclosurePerm.MANAGE
    )
    attachment = services.add_attachment(
        actor=acting_user(request), disclosure=disclosure, name=file.name or "", data=file.read()
    )
    return Status(201, attachment)


@router.post("/disclosures/{disclosure_id}/publish", response={200: DisclosureOut, **ERRORS}, auth=AUTH)
def publish(request: HttpRequest, disclosure_id: int) -> Disclosure:
    disclosure = selectors.access_disclosure(
        actor=acting_user(request), disclosure_id=disclosure_id, perm=DisclosurePerm.MANAGE
    )
    services.publish(actor=acting_user(request), disclosure=disclosure)
    return selectors.read_disclosure(actor=acting_user(request), disclosure_id=disclosure_id)


@router.post("/disclosures/{disclosure_id}/withdraw", response={200: DisclosureOut, **ERRORS}, auth=AUTH)
def withdraw(request: HttpRequest, disclosure_id: int, payload: WithdrawIn) -> Disclosure:
    disclosure = selectors.access_disclosure(
        actor=acting_user(request), disclosure_id=disclosure_id, perm=DisclosurePerm.MANAGE
    )
    services.withdraw(actor=acting_user(request), disclosure=disclosure, reason=payload.reason)
    return selectors.read_disclosure(actor=acting_user(request), disclosure_id=disclosure_id)


@router.post(
    "/disclosures/{disclosure_id}/proofs",
    response={201: ProofOut, **ERRORS},
    auth=AUTH,
    summary="Ghi minh chứng công khai (một ngày nhật ký phát thanh)",
)
def record_proof(
    request: HttpRequest,
    disclosure_id: int,
    channel: Form[str],
    day: Form[IsoDate],
    place: Form[str],
    note: Form[str] = "",
    file: File[UploadedFile | None] = None,
) -> Status[ChannelProof]:
    disclosure = selectors.access_disclosure(
        actor=acting_user(request), disclosure_id=disclosure_id, perm=DisclosurePerm.RECORD_PROOF
    )
    proof = services.record_proof(
        actor=acting_user(request),
        disclosure=disclosure,
        channel=channel,
        day=day,
        place=place,
        note=note,
        file_name=(file.name or "") if file else "",
        file_data=file.read() if file else b"",
    )
    return Status(201, proof)


@router.get("/units/{unit_id}/disclosure-compliance", response={200: list[ChecklistOut], **ERRORS}, auth=AUTH)
def unit_compliance(request: HttpRequest, unit_id: int, year: int | None = None) -> list[dict[str, Any]]:
    """A commune's checklist, or one per commune below a province (the roll-up)."""
    unit = unit_selectors.access_unit(actor=acting_user(request), unit_id=unit_id, perm=DisclosurePerm.VIEW)
    today = timezone.localdate()
    year = limits.check_year(today.year if year is None else year, today=today)
    on = min(today, dt.date(year, 12, 31))
    return [_checklist(c) for c in compliance.checklists(compliance.communes_under(unit), year, on)]


# The public ---------------------------------------------------------------------------------------------


@router.get("/public/units/{unit_id}/disclosures", response={200: list[DisclosureOut], **PUBLIC_ERRORS})
def public_list(
    request: HttpRequest, unit_id: int, archive: bool = False, category: str = ""
) -> list[Disclosure]:
    """What a commune has posted now (or, with archive=true, everything it ever made public), newest first."""
    unit = unit_selectors.public_unit(unit_id)
    today, code = timezone.localdate(), category or None
    rows = (
        selectors.archive(unit, today, item_code=code) if archive else selectors.posted_now(unit, today, code)
    )
    return list(rows.prefetch_related("attachments")[:PUBLIC_LIST_LIMIT])


@router.get("/public/disclosures/{disclosure_id}", response={200: DisclosureOut, **PUBLIC_ERRORS})
def public_detail(request: HttpRequest, disclosure_id: int) -> Disclosure:
    return selectors.public_disclosure(disclosure_id, timezone.localdate())


@router.get(
    "/public/search",
    response={200: SearchOut, **PUBLIC_ERRORS},
    summary="Tìm thông tin công khai (có dấu hoặc không dấu)",
)
def public_search(
    request: HttpRequest,
    q: str = "",
    unit_id: int | None = None,
    category: str = "",
    date_from: IsoDate | None = None,
    date_to: IsoDate | None = None,
    page: int = 1,
) -> search_index.Results:
    unit = unit_selectors.public_unit(unit_id) if unit_id else None
    return search_index.search(
        q,
        today=timezone.localdate(),
        within_path=unit.path if unit else None,
        category=category or None,
        date_from=date_from,
        date_to=date_to,
        page=page,
    )
