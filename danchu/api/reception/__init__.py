"""Tiếp công dân and đối thoại over JSON: officials keep the schedule, the log and its answers, hold
dialogues and record answers and commitments; anyone reads the published schedule and the dialogues;
a signed-in person of the commune registers a question. The same services and selectors as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Status

from danchu.accounts.actors import acting_user
from danchu.reception import schedule as sessions
from danchu.reception import selectors, services
from danchu.reception.models import (
    Commitment,
    Dialogue,
    DialogueQuestion,
    ReceptionSchedule,
    Visit,
    VisitKind,
    VisitLetter,
)
from danchu.reception.permissions import ReceptionPerm
from danchu.reception.services.commitments import add_commitment
from danchu.units import selectors as unit_selectors

from ..base import AUTH, ERRORS, PUBLIC_ERRORS
from .schemas import (
    DialogueAnswerIn,
    DialogueCommitmentIn,
    DialogueCommitmentOut,
    DialogueIn,
    DialogueMinutesIn,
    DialogueOut,
    DialogueQuestionIn,
    DialogueQuestionOut,
    DialogueSummaryOut,
    ReceptionAbsenceIn,
    ReceptionAbsenceOut,
    ReceptionAnswerIn,
    ReceptionLetterIn,
    ReceptionLetterOut,
    ReceptionScheduleIn,
    ReceptionScheduleOut,
    ReceptionVisitIn,
    ReceptionVisitOut,
)

router = Router(tags=["reception"])
# Product choices: the most rows one answer carries.
VISIT_LIST_LIMIT = 500
DIALOGUE_LIST_LIMIT = 200


def _schedule_out(schedule: ReceptionSchedule) -> dict[str, Any]:
    today = timezone.localdate()
    found = sessions.sessions(schedule, today, today + dt.timedelta(weeks=sessions.PUBLIC_WEEKS))
    return {
        "unit_id": schedule.unit_id,
        "weekdays": schedule.weekdays,
        "morning": schedule.morning,
        "afternoon": schedule.afternoon,
        "place": schedule.place,
        "chairman": schedule.chairman,
        "stand_in": schedule.stand_in,
        "rules_note": schedule.rules_note,
        "published": schedule.published_at is not None,
        "sessions": [
            {
                "day": s.day,
                "planned_on": s.planned_on,
                "moved": s.moved,
                "host": s.host,
                "stand_in": s.stand_in,
            }
            for s in found
        ],
    }


def _dialogue(dialogue: Dialogue) -> Dialogue:
    selectors.attach_tasks(dialogue)
    return dialogue


# Officials ---------------------------------------------------------------------------------------------


@router.get("/units/{unit_id}/reception-schedule", response={200: ReceptionScheduleOut, **ERRORS}, auth=AUTH)
def get_schedule(request: HttpRequest, unit_id: int) -> dict[str, Any]:
    unit = unit_selectors.access_unit(actor=acting_user(request), unit_id=unit_id, perm=ReceptionPerm.VIEW)
    schedule = selectors.schedule_of(unit)
    if schedule is None:
        raise Http404("Đơn vị chưa lập lịch tiếp công dân.")
    return _schedule_out(schedule)


@router.put(
    "/units/{unit_id}/reception-schedule",
    response={200: ReceptionScheduleOut, **ERRORS},
    auth=AUTH,
    summary="Lập, sửa lịch tiếp công dân",
)
def put_schedule(request: HttpRequest, unit_id: int, payload: ReceptionScheduleIn) -> dict[str, Any]:
    unit = unit_selectors.access_unit(actor=acting_user(request), unit_id=unit_id, perm=ReceptionPerm.MANAGE)
    return _schedule_out(services.save_schedule(actor=acting_user(request), unit=unit, **payload.dict()))


@router.post(
    "/units/{unit_id}/reception-schedule/publish",
    response={200: ReceptionScheduleOut, **ERRORS},
    auth=AUTH,
    summary="Công bố lịch tiếp công dân",
)
def publish_schedule(request: HttpRequest, unit_id: int) -> dict[str, Any]:
    unit = unit_selectors.access_unit(actor=acting_user(request), unit_id=unit_id, perm=ReceptionPerm.MANAGE)
    return _schedule_out(services.publish_schedule(actor=acting_user(request), unit=unit))


@router.post(
    "/units/{unit_id}/reception-schedule/absences",
    response={201: ReceptionAbsenceOut, **ERRORS},
    auth=AUTH,
    summary="Ghi ngày Chủ tịch vắng, người tiếp thay",
)
def add_absence(request: HttpRequest, unit_id: int, payload: ReceptionAbsenceIn) -> Status[Any]:
    unit = unit_selectors.access_unit(actor=acting_user(request), unit_id=unit_id, perm=ReceptionPerm.MANAGE)
    return Status(201, services.record_absence(actor=acting_user(request), unit=unit, **payload.dict()))


@router.get("/units/{unit_id}/reception-visits", response={200: list[ReceptionVisitOut], **ERRORS}, auth=AUTH)
def list_visits(
    request: HttpRequest, unit_id: int, year: int | None = None, kind: str = "", overdue: bool = False
) -> list[Visit]:
    unit = unit_selectors.access_unit(actor=acting_user(request), unit_id=unit_id, perm=ReceptionPerm.VIEW)
    filters = selectors.LogFilter(
        year=year if year is not None and 1900 <= year <= 2100 else None,
        kind=kind if kind in VisitKind.values else "",
        overdue=overdue,
    )
    rows = selectors.log(unit, filters, timezone.localdate())[:VISIT_LIST_LIMIT]
    return selectors.mark_identity(acting_user(request), unit, rows)


@router.post(
    "/units/{unit_id}/reception-visits",
    response={201: ReceptionVisitOut, **ERRORS},
    auth=AUTH,
    summary="Ghi sổ tiếp công dân",
)
def create_visit(request: HttpRequest, unit_id: int, payload: ReceptionVisitIn) -> Status[Visit]:
    unit = unit_selectors.access_unit(actor=acting_user(request), unit_id=unit_id, perm=ReceptionPerm.MANAGE)
    values = payload.dict()
    values["representatives"] = "\n".join(values["representatives"])
    visit = services.log_visit(actor=acting_user(request), unit=unit, **values)
    return Status(
        201, selectors.access_visit(actor=acting_user(request), visit_id=visit.pk, perm=ReceptionPerm.VIEW)
    )


@router.get("/reception-visits/{visit_id}", response={200: ReceptionVisitOut, **ERRORS}, auth=AUTH)
def get_visit(request: HttpRequest, visit_id: int) -> Visit:
    return selectors.access_visit(actor=acting_user(request), visit_id=visit_id, perm=ReceptionPerm.VIEW)


@router.post(
    "/reception-visits/{visit_id}/answer",
    response={200: ReceptionVisitOut, **ERRORS},
    auth=AUTH,
    summary="Trả lời người được tiếp (Điều 28)",
)
def answer_visit(request: HttpRequest, visit_id: int, payload: ReceptionAnswerIn) -> Visit:
    visit = selectors.access_visit(actor=acting_user(request), visit_id=visit_id, perm=ReceptionPerm.MANAGE)
    answered = services.answer_visit(actor=acting_user(request), visit=visit, **payload.dict())
    return selectors.mark_identity(acting_user(request), answered.unit, [answered])[0]


@router.post(
    "/reception-visits/{visit_id}/letters",
    response={201: ReceptionLetterOut, **ERRORS},
    auth=AUTH,
    summary="Vào sổ xử lý đơn một đơn của lượt tiếp",
)
def create_letter(request: HttpRequest, visit_id: int, payload: ReceptionLetterIn) -> Status[VisitLetter]:
    visit = selectors.access_visit(actor=acting_user(request), visit_id=visit_id, perm=ReceptionPerm.MANAGE)
    return Status(201, services.produce_letter(actor=acting_user(request), visit=visit, **payload.dict()))


@router.post(
    "/units/{unit_id}/dialogues",
    response={201: DialogueOut, **ERRORS},
    auth=AUTH,
    summary="Thông báo buổi đối thoại trực tiếp",
)
def create_dialogue(request: HttpRequest, unit_id: int, payload: DialogueIn) -> Status[Dialogue]:
    unit = unit_selectors.access_unit(actor=acting_user(request), unit_id=unit_id, perm=ReceptionPerm.MANAGE)
    dialogue = services.plan_dialogue(actor=acting_user(request), unit=unit, **payload.dict())
    return Status(201, _dialogue(selectors.public_dialogue(dialogue.pk)))


@router.post(
    "/dialogues/{dialogue_id}/questions",
    response={201: DialogueQuestionOut, **ERRORS},
    auth=AUTH,
    summary="Đăng ký câu hỏi cho buổi đối thoại (người dân, Trưởng thôn)",
)
def register_question(
    request: HttpRequest, dialogue_id: int, payload: DialogueQuestionIn
) -> Status[DialogueQuestion]:
    dialogue = selectors.access_dialogue(
        actor=acting_user(request), dialogue_id=dialogue_id, perm=ReceptionPerm.ASK
    )
    question = services.register_question(actor=acting_user(request), dialogue=dialogue, **payload.dict())
    return Status(201, question)


@router.post(
    "/dialogue-questions/{question_id}/answer",
    response={200: DialogueQuestionOut, **ERRORS},
    auth=AUTH,
    summary="Trả lời câu hỏi",
)
def answer_question(request: HttpRequest, question_id: int, payload: DialogueAnswerIn) -> DialogueQuestion:
    question = selectors.access_question(
        actor=acting_user(request), question_id=question_id, perm=ReceptionPerm.MANAGE
    )
    return services.answer_question(actor=acting_user(request), question=question, **payload.dict())


@router.post(
    "/dialogue-questions/{question_id}/commitments",
    response={201: DialogueCommitmentOut, **ERRORS},
    auth=AUTH,
    summary="Ghi cam kết (thành nhiệm vụ theo dõi)",
)
def create_commitment(
    request: HttpRequest, question_id: int, payload: DialogueCommitmentIn
) -> Status[Commitment]:
    actor = acting_user(request)
    question = selectors.access_question(actor=actor, question_id=question_id, perm=ReceptionPerm.MANAGE)
    agency = None
    if payload.agency_id is not None:
        agency = unit_selectors.access_agency(
            actor=actor, agency_id=payload.agency_id, perm=ReceptionPerm.MANAGE
        )
    commitment = add_commitment(
        actor=actor, question=question, text=payload.text, due_on=payload.due_on, agency=agency
    )
    return Status(201, commitment)


@router.post(
    "/dialogues/{dialogue_id}/minutes",
    response={200: DialogueOut, **ERRORS},
    auth=AUTH,
    summary="Lập biên bản buổi đối thoại",
)
def record_minutes(request: HttpRequest, dialogue_id: int, payload: DialogueMinutesIn) -> Dialogue:
    dialogue = selectors.access_dialogue(
        actor=acting_user(request), dialogue_id=dialogue_id, perm=ReceptionPerm.MANAGE
    )
    services.record_minutes(actor=acting_user(request), dialogue=dialogue, **payload.dict())
    return _dialogue(selectors.public_dialogue(dialogue.pk))


# Public ------------------------------------------------------------------------------------------------


@router.get(
    "/public/units/{unit_id}/reception-schedule", response={200: ReceptionScheduleOut, **PUBLIC_ERRORS}
)
def public_schedule(request: HttpRequest, unit_id: int) -> dict[str, Any]:
    unit = unit_selectors.public_unit(unit_id)
    schedule = selectors.published_schedule(unit)
    if schedule is None:
        raise Http404("Xã, phường chưa công bố lịch tiếp công dân.")
    return _schedule_out(schedule)


@router.get("/public/units/{unit_id}/dialogues", response={200: list[DialogueSummaryOut], **PUBLIC_ERRORS})
def public_dialogues(request: HttpRequest, unit_id: int) -> list[Dialogue]:
    unit = unit_selectors.public_unit(unit_id)
    return list(selectors.public_dialogues(unit)[:DIALOGUE_LIST_LIMIT])


@router.get("/public/dialogues/{dialogue_id}", response={200: DialogueOut, **PUBLIC_ERRORS})
def public_dialogue(request: HttpRequest, dialogue_id: int) -> Dialogue:
    return _dialogue(selectors.public_dialogue(dialogue_id))
