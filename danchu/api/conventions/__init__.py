"""Hương ước, quy ước over JSON: the village head drafts, posts, records opinions and the adoption, files;
the commune recognises or refuses, reviews, suspends or abolishes; a household gives its opinion; anyone
reads the public register. The same services and selectors as the pages."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from danchu.accounts.actors import acting_user
from danchu.conventions import selectors, services
from danchu.conventions.models import Convention, ConventionEvent, ConventionVersion, Opinion
from danchu.conventions.permissions import ConventionPerm
from danchu.units import selectors as unit_selectors

from ..base import AUTH, ERRORS, PUBLIC_ERRORS
from .schemas import (
    ConventionAmendIn,
    ConventionBallotIn,
    ConventionDateIn,
    ConventionDraftIn,
    ConventionEventOut,
    ConventionForceIn,
    ConventionIn,
    ConventionMeetingIn,
    ConventionOpinionIn,
    ConventionOpinionOut,
    ConventionOut,
    ConventionOutcomeOut,
    ConventionPaperOpinionIn,
    ConventionPostIn,
    ConventionReasonIn,
    ConventionRecogniseIn,
    ConventionReviewIn,
    ConventionVersionOut,
    ConventionVoteIn,
)

router = Router(tags=["conventions"])
LIST_LIMIT = 500  # product choice: the most conventions one answer carries


def _version(request: HttpRequest, version_id: int, perm: object = ConventionPerm.VIEW) -> ConventionVersion:
    return selectors.access_version(actor=acting_user(request), version_id=version_id, perm=perm)  # type: ignore[arg-type]


def _convention(request: HttpRequest, convention_id: int, perm: object = ConventionPerm.VIEW) -> Convention:
    return selectors.access_convention(actor=acting_user(request), convention_id=convention_id, perm=perm)  # type: ignore[arg-type]


# Officials ---------------------------------------------------------------------------------------------


@router.get("/units/{unit_id}/conventions", response={200: list[ConventionOut], **ERRORS}, auth=AUTH)
def unit_conventions(request: HttpRequest, unit_id: int) -> list[Convention]:
    actor = acting_user(request)
    unit = unit_selectors.access_unit(actor=actor, unit_id=unit_id, perm=ConventionPerm.VIEW)
    return list(selectors.of_unit(actor, unit)[:LIST_LIMIT])


@router.post(
    "/units/{unit_id}/conventions",
    response={201: ConventionVersionOut, **ERRORS},
    auth=AUTH,
    summary="Soạn dự thảo hương ước, quy ước",
)
def create_convention(request: HttpRequest, unit_id: int, payload: ConventionIn) -> Status[ConventionVersion]:
    actor = acting_user(request)
    unit = unit_selectors.access_unit(actor=actor, unit_id=unit_id, perm=ConventionPerm.DRAFT)
    convention = services.create_convention(
        actor=actor, unit=unit, kind=payload.kind, title=payload.title, text=payload.text
    )
    return Status(201, convention.versions.get())


@router.get("/conventions/{convention_id}", response={200: ConventionOut, **ERRORS}, auth=AUTH)
def get_convention(request: HttpRequest, convention_id: int) -> Convention:
    return _convention(request, convention_id)


@router.get(
    "/conventions/{convention_id}/events", response={200: list[ConventionEventOut], **ERRORS}, auth=AUTH
)
def convention_events(request: HttpRequest, convention_id: int) -> list[ConventionEvent]:
    return selectors.events_of(_convention(request, convention_id))


@router.post(
    "/conventions/{convention_id}/amendments",
    response={201: ConventionVersionOut, **ERRORS},
    auth=AUTH,
    summary="Soạn sửa đổi, bổ sung",
)
def amend(request: HttpRequest, convention_id: int, payload: ConventionAmendIn) -> Status[ConventionVersion]:
    convention = _convention(request, convention_id, ConventionPerm.DRAFT)
    version = services.start_amendment(
        actor=acting_user(request), convention=convention, summary=payload.summary
    )
    return Status(201, version)


@router.post("/conventions/{convention_id}/review", response={200: ConventionOut, **ERRORS}, auth=AUTH)
def review(request: HttpRequest, convention_id: int, payload: ConventionReviewIn) -> Convention:
    convention = _convention(request, convention_id, ConventionPerm.REVIEW)
    return services.record_review(
        actor=acting_user(request), convention=convention, on=payload.on, notes=payload.notes
    )


@router.post(
    "/conventions/{convention_id}/force",
    response={200: ConventionOut, **ERRORS},
    auth=AUTH,
    summary="Tạm ngưng, bãi bỏ hoặc cho thực hiện lại (toàn bộ hoặc một số điều)",
)
def force(request: HttpRequest, convention_id: int, payload: ConventionForceIn) -> Convention:
    convention = _convention(request, convention_id, ConventionPerm.RECOGNISE)
    return services.change_force(
        actor=acting_user(request),
        convention=convention,
        kind=payload.kind,
        reason=payload.reason,
        articles=payload.articles,
        on=payload.on,
        document_number=payload.document_number,
    )


@router.get("/convention-versions/{version_id}", response={200: ConventionVersionOut, **ERRORS}, auth=AUTH)
def get_version(request: HttpRequest, version_id: int) -> ConventionVersion:
    return _version(request, version_id)


@router.put("/convention-versions/{version_id}", response={200: ConventionVersionOut, **ERRORS}, auth=AUTH)
def update_version(request: HttpRequest, version_id: int, payload: ConventionDraftIn) -> ConventionVersion:
    version = _version(request, version_id, ConventionPerm.DRAFT)
    return services.update_draft(
        actor=acting_user(request), version=version, text=payload.text, summary=payload.summary
    )


@router.post(
    "/convention-versions/{version_id}/post", response={200: ConventionVersionOut, **ERRORS}, auth=AUTH
)
def post_version(request: HttpRequest, version_id: int, payload: ConventionPostIn) -> ConventionVersion:
    version = _version(request, version_id, ConventionPerm.DRAFT)
    return services.post_draft(
        actor=acting_user(request),
        version=version,
        posted_on=payload.posted_on,
        place=payload.place,
        opinions_until=payload.opinions_until,
    )


@router.get(
    "/convention-versions/{version_id}/opinions",
    response={200: list[ConventionOpinionOut], **ERRORS},
    auth=AUTH,
)
def opinions(request: HttpRequest, version_id: int) -> list[Opinion]:
    return selectors.opinions_of(_version(request, version_id))


@router.post(
    "/convention-versions/{version_id}/paper-opinions",
    response={201: ConventionOpinionOut, **ERRORS},
    auth=AUTH,
    summary="Ghi nhận ý kiến trên giấy của một hộ",
)
def paper_opinion(
    request: HttpRequest, version_id: int, payload: ConventionPaperOpinionIn
) -> Status[Opinion]:
    version = _version(request, version_id, ConventionPerm.DRAFT)
    opinion = services.record_paper_opinion(
        actor=acting_user(request),
        version=version,
        household_id=payload.household_id,
        text=payload.text,
        article_number=payload.article_number,
        given_on=payload.given_on,
    )
    return Status(201, opinion)


def _outcome(outcome: services.Outcome) -> dict[str, object]:
    return {
        "quorum_met": outcome.quorum_met,
        "adopted": outcome.adopted,
        "households_total": outcome.total,
        "approvals_needed": outcome.needed,
        "quorum_needed": outcome.quorum_needed,
        "version": outcome.version,
    }


@router.post(
    "/convention-versions/{version_id}/meeting",
    response={200: ConventionOutcomeOut, **ERRORS},
    auth=AUTH,
    summary="Kết quả cuộc họp thông qua",
)
def meeting(request: HttpRequest, version_id: int, payload: ConventionMeetingIn) -> dict[str, object]:
    version = _version(request, version_id, ConventionPerm.DRAFT)
    return _outcome(
        services.record_meeting(
            actor=acting_user(request),
            version=version,
            on=payload.on,
            present=payload.present,
            approving=payload.approving,
        )
    )


@router.post(
    "/convention-versions/{version_id}/ballot",
    response={200: ConventionOutcomeOut, **ERRORS},
    auth=AUTH,
    summary="Kết quả lấy ý kiến bằng phiếu (sau cuộc họp không đủ số hộ)",
)
def ballot(request: HttpRequest, version_id: int, payload: ConventionBallotIn) -> dict[str, object]:
    version = _version(request, version_id, ConventionPerm.DRAFT)
    return _outcome(
        services.record_ballot(
            actor=acting_user(request),
            version=version,
            on=payload.on,
            returned=payload.returned,
            approving=payload.approving,
        )
    )


@router.post(
    "/convention-versions/{version_id}/file", response={200: ConventionVersionOut, **ERRORS}, auth=AUTH
)
def file_version(request: HttpRequest, version_id: int, payload: ConventionDateIn) -> ConventionVersion:
    version = _version(request, version_id, ConventionPerm.DRAFT)
    return services.file_with_commune(actor=acting_user(request), version=version, on=payload.on)


@router.post(
    "/convention-versions/{version_id}/recognise", response={200: ConventionVersionOut, **ERRORS}, auth=AUTH
)
def recognise(request: HttpRequest, version_id: int, payload: ConventionRecogniseIn) -> ConventionVersion:
    version = _version(request, version_id, ConventionPerm.RECOGNISE)
    return services.recognise(
        actor=acting_user(request), version=version, on=payload.on, decision_number=payload.decision_number
    )


@router.post(
    "/convention-versions/{version_id}/refuse", response={200: ConventionVersionOut, **ERRORS}, auth=AUTH
)
def refuse(request: HttpRequest, version_id: int, payload: ConventionReasonIn) -> ConventionVersion:
    version = _version(request, version_id, ConventionPerm.RECOGNISE)
    return services.refuse(actor=acting_user(request), version=version, reason=payload.reason, on=payload.on)


@router.post(
    "/convention-versions/{version_id}/vote",
    response={200: ConventionVersionOut, **ERRORS},
    auth=AUTH,
    summary="Tổ chức biểu quyết thông qua trên hệ thống (một việc của Dân bàn, dân quyết)",
)
def vote(request: HttpRequest, version_id: int, payload: ConventionVoteIn) -> ConventionVersion:
    version = _version(request, version_id, ConventionPerm.DRAFT)
    services.organise_vote(
        actor=acting_user(request),
        version=version,
        meeting_at=payload.meeting_at,
        meeting_place=payload.meeting_place,
    )
    return _version(request, version_id)


@router.post(
    "/convention-versions/{version_id}/adopt-from-decision",
    response={200: ConventionOutcomeOut, **ERRORS},
    auth=AUTH,
    summary="Ghi nhận kết quả thông qua từ cuộc biểu quyết đã kiểm phiếu",
)
def adopt_from_decision(request: HttpRequest, version_id: int) -> dict[str, object]:
    version = _version(request, version_id, ConventionPerm.DRAFT)
    return _outcome(services.adopt_from_decision(actor=acting_user(request), version=version))


# Households --------------------------------------------------------------------------------------------


@router.post(
    "/convention-versions/{version_id}/opinion",
    response={200: ConventionOpinionOut, **ERRORS},
    auth=AUTH,
    summary="Góp ý dự thảo (hộ gia đình của người đăng nhập)",
)
def give_opinion(request: HttpRequest, version_id: int, payload: ConventionOpinionIn) -> Opinion:
    version = _version(request, version_id, ConventionPerm.OPINE)
    return services.give_opinion(
        actor=acting_user(request), version=version, text=payload.text, article_number=payload.article_number
    )


# Public register ---------------------------------------------------------------------------------------


@router.get("/public/units/{unit_id}/conventions", response={200: list[ConventionOut], **PUBLIC_ERRORS})
def public_register(request: HttpRequest, unit_id: int) -> list[Convention]:
    return list(selectors.register(unit_selectors.public_unit(unit_id))[:LIST_LIMIT])


@router.get("/public/conventions/{convention_id}", response={200: ConventionVersionOut, **PUBLIC_ERRORS})
def public_convention(request: HttpRequest, convention_id: int) -> ConventionVersion:
    convention = selectors.access_public_convention(convention_id)
    assert convention.current is not None
    return convention.current


@router.get(
    "/public/conventions/{convention_id}/events", response={200: list[ConventionEventOut], **PUBLIC_ERRORS}
)
def public_events(request: HttpRequest, convention_id: int) -> list[ConventionEvent]:
    return selectors.public_history(selectors.access_public_convention(convention_id))
