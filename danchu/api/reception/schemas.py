"""The reception API's schemas (names unique across the whole API)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from ninja import Schema

from danchu.reception.models import (
    MASKED_DENOUNCER,
    Commitment,
    Dialogue,
    DialogueQuestion,
    Visit,
    VisitLetter,
)

from ..base import DbCount, DbId, IsoDate


class ReceptionSessionOut(Schema):
    day: IsoDate
    planned_on: IsoDate
    moved: bool
    host: str
    stand_in: bool


class ReceptionScheduleOut(Schema):
    unit_id: int
    weekdays: list[int]
    morning: str
    afternoon: str
    place: str
    chairman: str
    stand_in: str
    rules_note: str
    published: bool
    sessions: list[ReceptionSessionOut]


class ReceptionScheduleIn(Schema):
    weekdays: list[DbCount]
    morning: str = ""
    afternoon: str = ""
    place: str
    chairman: str
    stand_in: str
    rules_note: str = ""


class ReceptionAbsenceIn(Schema):
    starts_on: IsoDate
    ends_on: IsoDate
    stand_in: str
    reason: str


class ReceptionAbsenceOut(Schema):
    id: int
    starts_on: IsoDate
    ends_on: IsoDate
    stand_in: str
    reason: str


class ReceptionLetterOut(Schema):
    letter_id: int
    tracking_code: str
    classification: str
    outcome: str
    process_by: IsoDate

    @staticmethod
    def resolve_tracking_code(obj: VisitLetter) -> str:
        return obj.letter.tracking_code

    @staticmethod
    def resolve_classification(obj: VisitLetter) -> str:
        return obj.letter.classification

    @staticmethod
    def resolve_outcome(obj: VisitLetter) -> str:
        return obj.letter.outcome

    @staticmethod
    def resolve_process_by(obj: VisitLetter) -> dt.date:
        return obj.letter.process_by


class ReceptionLetterIn(Schema):
    subject: str = ""
    text: str = ""


class ReceptionVisitOut(Schema):
    id: int
    unit_id: int
    number: int
    year: int
    received_on: IsoDate
    host: str
    by_chairman: bool
    visitor_name: str
    visitor_address: str
    id_number: str
    people_count: int
    representatives: list[str]
    subject: str
    kind: str
    documents: str
    handled_before_by: str
    note: str
    answer_due_on: IsoDate | None
    outcome: str
    answered_on: IsoDate | None
    answer: str
    transferred_to: str
    overdue: bool
    letters: list[ReceptionLetterOut]

    @staticmethod
    def resolve_letters(obj: Visit) -> list[VisitLetter]:
        return list(obj.letters.all())

    @staticmethod
    def resolve_representatives(obj: Visit) -> list[str]:
        return [line for line in obj.representatives.splitlines() if line]

    @staticmethod
    def resolve_visitor_name(obj: Visit) -> str:
        return str(MASKED_DENOUNCER) if obj.identity_hidden else obj.visitor_name

    @staticmethod
    def resolve_visitor_address(obj: Visit) -> str:
        return "" if obj.identity_hidden else obj.visitor_address

    @staticmethod
    def resolve_id_number(obj: Visit) -> str:
        return "" if obj.identity_hidden else obj.id_number

    @staticmethod
    def resolve_overdue(obj: Visit) -> bool:
        return obj.overdue_on(timezone.localdate())


class ReceptionVisitIn(Schema):
    received_on: IsoDate
    host: str
    visitor_name: str
    visitor_address: str
    subject: str
    kind: str
    by_chairman: bool = False
    id_number: str = ""
    people_count: DbCount = 1
    representatives: list[str] = []
    documents: str = ""
    handled_before_by: str = ""
    note: str = ""
    letter: bool = False


class ReceptionAnswerIn(Schema):
    outcome: str
    answer: str
    answered_on: IsoDate | None = None
    transferred_to: str = ""


class DialogueTaskOut(Schema):
    id: int
    status: str
    progress: int
    due_on: IsoDate
    done_on: IsoDate | None


class DialogueCommitmentOut(Schema):
    id: int
    text: str
    due_on: IsoDate
    agency: str | None
    task: DialogueTaskOut | None

    @staticmethod
    def resolve_agency(obj: Commitment) -> str | None:
        return obj.agency.name if obj.agency_id and obj.agency else None

    @staticmethod
    def resolve_task(obj: Commitment) -> Any:
        return getattr(obj, "task", None)


class DialogueQuestionOut(Schema):
    id: int
    channel: str
    asker: str
    text: str
    answer: str
    answered_by: str
    commitments: list[DialogueCommitmentOut]

    @staticmethod
    def resolve_asker(obj: DialogueQuestion) -> str:
        return obj.public_asker

    @staticmethod
    def resolve_commitments(obj: DialogueQuestion) -> list[Commitment]:
        return list(obj.commitments.all())


class DialogueSummaryOut(Schema):
    id: int
    unit_id: int
    topic: str
    held_on: IsoDate
    place: str
    audience: str
    chair: str
    questions_until: IsoDate
    state: str


class DialogueOut(DialogueSummaryOut):
    audience_note: str
    cancelled_reason: str
    conclusion: str
    questions: list[DialogueQuestionOut]

    @staticmethod
    def resolve_questions(obj: Dialogue) -> list[DialogueQuestion]:
        return list(obj.questions.all())


class DialogueIn(Schema):
    topic: str
    held_on: IsoDate
    place: str
    audience: str
    chair: str
    questions_until: IsoDate | None = None
    audience_note: str = ""


class DialogueQuestionIn(Schema):
    text: str
    show_name: bool = False
    asker_name: str = ""


class DialogueAnswerIn(Schema):
    answer: str
    answered_by: str


class DialogueCommitmentIn(Schema):
    text: str
    due_on: IsoDate
    agency_id: DbId | None = None


class DialogueMinutesIn(Schema):
    secretary: str
    attendance: DbCount
    opened_at: dt.time
    closed_at: dt.time
    summary: str
    conclusion: str
