"""Tham gia ý kiến over JSON: anyone reads a launched consultation by section; citizens give opinions;
officials create, launch, enter paper records, group, answer, hide and close. The same services and
selectors as the pages."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import File, Form, Router, Schema, Status, UploadedFile

from danchu.accounts.actors import acting_user
from danchu.consultations import selectors, services
from danchu.consultations.models import Consultation, MatterKind, Opinion, OpinionGroup, Response
from danchu.consultations.permissions import ConsultationPerm
from danchu.units import selectors as unit_selectors

from .base import AUTH, ERRORS, PUBLIC_ERRORS, DbId, IsoDate

router = Router(tags=["consultations"])
# Product choice: the most rows one answer carries.
LIST_LIMIT = 500


class MatterKindOut(Schema):
    code: str
    article: str
    title: str
    citation: str
    verified: bool


class ConsultationSummaryOut(Schema):
    id: int
    unit_id: int
    matter: str
    title: str
    starts_on: dt.date
    ends_on: dt.date
    audience: str
    channels: list[str]
    state: str
    opinion_count: int
    unanswered: int

    @staticmethod
    def resolve_matter(obj: Consultation) -> str:
        return obj.matter.code


class ConsultationSectionOut(Schema):
    id: int
    anchor: str
    kind: str
    label: str
    depth: int
    title: str
    text: str
    opinions: int


class ConsultationOut(Schema):
    id: int
    unit_id: int
    matter: str
    title: str
    summary: str
    starts_on: dt.date
    ends_on: dt.date
    audience: str
    channels: list[str]
    state: str
    accepting: bool
    revision: int
    whole_draft_opinions: int
    sections: list[ConsultationSectionOut]


class ConsultationOpinionIn(Schema):
    text: str
    section_id: DbId | None = None


class ConsultationOpinionOut(Schema):
    id: int
    section_id: int | None
    channel: str
    author_kind: str
    author_name: str
    text: str
    hidden: bool
    group_id: int | None
    response_kind: str | None
    response_text: str | None

    @staticmethod
    def resolve_response_kind(obj: Opinion) -> str | None:
        return obj.response.kind if obj.response else None

    @staticmethod
    def resolve_response_text(obj: Opinion) -> str | None:
        return obj.response.text if obj.response else None


class ConsultationEntryIn(Schema):
    text: str
    section_id: DbId | None = None
    author_name: str = ""
    organisation: bool = False


class ConsultationRecordIn(Schema):
    kind: str
    channel: str
    held_on: IsoDate
    reference: str
    note: str = ""
    entries: list[ConsultationEntryIn]


class ConsultationRecordOut(Schema):
    id: int
    kind: str
    channel: str
    held_on: dt.date
    reference: str
    opinions: int

    @staticmethod
    def resolve_opinions(obj: object) -> int:
        return int(obj.opinions.count())  # type: ignore[attr-defined]


class ConsultationAnswerIn(Schema):
    kind: str
    text: str = ""
    opinion_ids: list[DbId] = []
    group_id: DbId | None = None
    same_as_id: DbId | None = None


class ConsultationAnswerOut(Schema):
    id: int
    kind: str
    text: str
    opinion_ids: list[int]

    @staticmethod
    def resolve_opinion_ids(obj: Response) -> list[int]:
        return sorted(obj.opinions.values_list("id", flat=True))


class ConsultationGroupIn(Schema):
    label: str
    opinion_ids: list[DbId]


class ConsultationGroupOut(Schema):
    id: int
    label: str
    opinion_ids: list[int]

    @staticmethod
    def resolve_opinion_ids(obj: OpinionGroup) -> list[int]:
        return sorted(obj.opinions.values_list("id", flat=True))


class ConsultationSuggestionOut(Schema):
    opinion_ids: list[int]
    score: float


class ConsultationCloseIn(Schema):
    conclusion: str


class ConsultationHideIn(Schema):
    reason: str


def _detail(consultation: Consultation) -> ConsultationOut:
    revision = selectors.latest_revision(consultation)
    rows = selectors.sections(consultation, revision)
    return ConsultationOut(
        id=consultation.pk, unit_id=consultation.unit_id, matter=consultation.matter.code,
        title=consultation.title, summary=consultation.summary, starts_on=consultation.starts_on,
        ends_on=consultation.ends_on, audience=consultation.audience, channels=consultation.channels,
        state=consultation.state, accepting=consultation.accepting, revision=revision.number,
        whole_draft_opinions=selectors.opinion_counts(consultation).get(None, 0),
        sections=[
            ConsultationSectionOut(
                id=r.section_id, anchor=r.anchor, kind=r.kind, label=r.label, depth=r.depth, title=r.title,
                text=r.text, opinions=r.opinions,
            )
            for r in rows
        ],
    )  # fmt: skip


@router.get("/consultation-matters", response={200: list[MatterKindOut], **PUBLIC_ERRORS})
def list_matters(request: HttpRequest) -> list[MatterKind]:
    """Nội dung lấy ý kiến (Điều 25 và các loại khác), với căn cứ."""
    return list(MatterKind.objects.order_by("order"))


@router.get(
    "/units/{unit_id}/consultations", response={200: list[ConsultationSummaryOut], **ERRORS}, auth=AUTH
)
def unit_consultations(request: HttpRequest, unit_id: int) -> list[Consultation]:
    unit = unit_selectors.access_unit(actor=acting_user(request), unit_id=unit_id, perm=ConsultationPerm.VIEW)
    return list(selectors.of_unit(unit)[:LIST_LIMIT])


@router.post(
    "/units/{unit_id}/consultations",
    response={201: ConsultationOut, **ERRORS},
    auth=AUTH,
    summary="Tạo đợt lấy ý kiến với tệp dự thảo",
)
def create_consultation(
    request: HttpRequest,
    unit_id: int,
    matter: Form[str],
    title: Form[str],
    starts_on: Form[IsoDate],
    ends_on: Form[IsoDate],
    channels: Form[str],
    file: File[UploadedFile],
    audience: Form[str] = "commune",
    summary: Form[str] = "",
) -> Status[ConsultationOut]:
    unit = unit_selectors.access_unit(
        actor=acting_user(request), unit_id=unit_id, perm=ConsultationPerm.MANAGE
    )
    consultation = services.create(
        actor=acting_user(request), unit=unit, matter_code=matter, title=title, summary=summary,
        starts_on=starts_on, ends_on=ends_on, audience=audience,
        channels=[c.strip() for c in channels.split(",") if c.strip()],
        file_name=file.name or "du-thao", file_data=file.read(),
    )  # fmt: skip
    return Status(201, _detail(consultation))


@router.get("/consultations/{consultation_id}", response={200: ConsultationOut, **PUBLIC_ERRORS})
def get_consultation(request: HttpRequest, consultation_id: int) -> ConsultationOut:
    """Dự thảo theo từng phần, với số ý kiến (đợt đã phát động)."""
    return _detail(selectors.public_consultation(consultation_id))


@router.post("/consultations/{consultation_id}/launch", response={200: ConsultationOut, **ERRORS}, auth=AUTH)
def launch_consultation(request: HttpRequest, consultation_id: int) -> ConsultationOut:
    consultation = selectors.access_consultation(
        actor=acting_user(request), consultation_id=consultation_id, perm=ConsultationPerm.MANAGE
    )
    return _detail(services.launch(actor=acting_user(request), consultation=consultation))


@router.post(
    "/consultations/{consultation_id}/opinions",
    response={201: ConsultationOpinionOut, **ERRORS},
    auth=AUTH,
    summary="Gửi ý kiến (người dân trong phạm vi lấy ý kiến)",
)
def give_opinion(
    request: HttpRequest, consultation_id: int, payload: ConsultationOpinionIn
) -> Status[Opinion]:
    consultation = selectors.public_consultation(consultation_id)
    opinion = services.give(
        actor=acting_user(request),
        consultation=consultation,
        text=payload.text,
        section_id=payload.section_id,
    )
    return Status(201, opinion)


@router.get(
    "/consultations/{consultation_id}/opinions",
    response={200: list[ConsultationOpinionOut], **ERRORS},
    auth=AUTH,
)
def list_opinions(request: HttpRequest, consultation_id: int, unanswered: bool = False) -> list[Opinion]:
    consultation = selectors.access_consultation(
        actor=acting_user(request), consultation_id=consultation_id, perm=ConsultationPerm.VIEW
    )
    rows = selectors.opinions(consultation)
    if unanswered:
        rows = rows.filter(hidden_at__isnull=True, response__isnull=True)
    return list(rows.order_by("id")[:LIST_LIMIT])


@router.post(
    "/consultations/{consultation_id}/records",
    response={201: ConsultationRecordOut, **ERRORS},
    auth=AUTH,
    summary="Nhập ý kiến từ biên bản, hòm thư, đường dây nóng, phiếu",
)
def record_opinions(
    request: HttpRequest, consultation_id: int, payload: ConsultationRecordIn
) -> Status[object]:
    consultation = selectors.access_consultation(
        actor=acting_user(request), consultation_id=consultation_id, perm=ConsultationPerm.RECORD
    )
    source = services.record(
        actor=acting_user(request), consultation=consultation, kind=payload.kind, channel=payload.channel,
        held_on=payload.held_on, reference=payload.reference, note=payload.note,
        entries=[
            services.Entry(e.text, e.section_id, e.author_name, e.organisation) for e in payload.entries
        ],
    )  # fmt: skip
    return Status(201, source)


@router.get(
    "/consultations/{consultation_id}/group-suggestions",
    response={200: list[ConsultationSuggestionOut], **ERRORS},
    auth=AUTH,
)
def group_suggestions(request: HttpRequest, consultation_id: int) -> list[ConsultationSuggestionOut]:
    consultation = selectors.access_consultation(
        actor=acting_user(request), consultation_id=consultation_id, perm=ConsultationPerm.VIEW
    )
    return [
        ConsultationSuggestionOut(opinion_ids=list(s.ids), score=s.score)
        for s in services.suggestions(consultation)
    ]


@router.post(
    "/consultations/{consultation_id}/groups", response={201: ConsultationGroupOut, **ERRORS}, auth=AUTH
)
def confirm_group(
    request: HttpRequest, consultation_id: int, payload: ConsultationGroupIn
) -> Status[OpinionGroup]:
    consultation = selectors.access_consultation(
        actor=acting_user(request), consultation_id=consultation_id, perm=ConsultationPerm.MANAGE
    )
    group = services.confirm_group(
        actor=acting_user(request),
        consultation=consultation,
        opinion_ids=payload.opinion_ids,
        label=payload.label,
    )
    return Status(201, group)


@router.post(
    "/consultations/{consultation_id}/answers", response={201: ConsultationAnswerOut, **ERRORS}, auth=AUTH
)
def answer_opinions(
    request: HttpRequest, consultation_id: int, payload: ConsultationAnswerIn
) -> Status[Response]:
    consultation = selectors.access_consultation(
        actor=acting_user(request), consultation_id=consultation_id, perm=ConsultationPerm.MANAGE
    )
    response = services.answer(
        actor=acting_user(request), consultation=consultation, kind=payload.kind, text=payload.text,
        opinion_ids=payload.opinion_ids, group_id=payload.group_id, same_as_id=payload.same_as_id,
    )  # fmt: skip
    return Status(201, response)


@router.post("/opinions/{opinion_id}/hide", response={200: ConsultationOpinionOut, **ERRORS}, auth=AUTH)
def hide_opinion(request: HttpRequest, opinion_id: int, payload: ConsultationHideIn) -> Opinion:
    opinion = selectors.access_opinion(
        actor=acting_user(request), opinion_id=opinion_id, perm=ConsultationPerm.MANAGE
    )
    return services.hide(actor=acting_user(request), opinion=opinion, reason=payload.reason)


@router.post("/consultations/{consultation_id}/close", response={200: ConsultationOut, **ERRORS}, auth=AUTH)
def close_consultation(
    request: HttpRequest, consultation_id: int, payload: ConsultationCloseIn
) -> ConsultationOut:
    consultation = selectors.access_consultation(
        actor=acting_user(request), consultation_id=consultation_id, perm=ConsultationPerm.MANAGE
    )
    return _detail(
        services.close(actor=acting_user(request), consultation=consultation, conclusion=payload.conclusion)
    )


@router.post("/consultations/{consultation_id}/publish", response={200: ConsultationOut, **ERRORS}, auth=AUTH)
def publish_consultation(request: HttpRequest, consultation_id: int) -> ConsultationOut:
    consultation = selectors.access_consultation(
        actor=acting_user(request), consultation_id=consultation_id, perm=ConsultationPerm.MANAGE
    )
    return _detail(services.publish_synthesis(actor=acting_user(request), consultation=consultation))
