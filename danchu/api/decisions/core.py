"""Dân bàn, dân quyết over JSON: officials draft, open, record and tally; households vote; anyone reads
published results. The same services and selectors as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Schema, Status
from pydantic import Field

from danchu.accounts.actors import acting_user
from danchu.decisions import selectors, services
from danchu.decisions.models import Decision
from danchu.decisions.permissions import DecisionPerm
from danchu.units import selectors as unit_selectors

from ..base import AUTH, ERRORS, PUBLIC_ERRORS, IsoDate
from ._router import router

LIST_LIMIT = 500  # product choice: the most decisions one answer carries
_BIG = 2**63 - 1  # the largest integer a database column holds: beyond it is a 422, not a 500
Id = Annotated[int, Field(ge=1, le=_BIG)]
Count = Annotated[int, Field(ge=0, le=_BIG)]
Seats = Annotated[int, Field(ge=1, le=32767)]


class DecisionOptionIn(Schema):
    label: str
    amount: Annotated[int, Field(ge=-_BIG, le=_BIG)] | None = None


class DecisionQuestionIn(Schema):
    text: str
    kind: str = "approve"
    options: list[DecisionOptionIn] = []
    seats: Seats = 1


class DecisionIn(Schema):
    matter: str
    title: str
    form: str
    questions: list[DecisionQuestionIn]
    description: str = ""
    secret: bool | None = None
    meeting_at: dt.datetime | None = None
    meeting_place: str = ""
    closes_on: IsoDate | None = None
    electronic_returns: bool = False
    online_head_front_agreed_on: IsoDate | None = None
    online_community_agreed_on: IsoDate | None = None
    online_ubnd_told_on: IsoDate | None = None
    online_front_told_on: IsoDate | None = None


class DecisionOut(Schema):
    id: int
    unit_id: int
    matter: str
    title: str
    form: str
    secret: bool
    state: str
    closes_on: IsoDate | None
    electronic_returns: bool
    denominator: int | None
    passed: bool | None
    digest: str
    recognition_due_on: IsoDate | None
    recognised_on: IsoDate | None


class DecisionOptionResultOut(Schema):
    id: int
    label: str
    amount: int | None
    count: int
    passes: bool


class DecisionQuestionResultOut(Schema):
    id: int
    text: str
    kind: str
    seats: int
    options: list[DecisionOptionResultOut]
    passed: bool


class DecisionResultOut(Schema):
    decision_id: int
    state: str
    denominator: int
    participated: int
    by_channel: dict[str, int]
    needed: int
    rule: str
    share: str
    inclusive: bool
    citation: str
    verified: bool
    passed: bool | None
    recognised: bool
    digest: str
    questions: list[DecisionQuestionResultOut]
    receipts: list[str]
    counts_hidden: bool = False  # a secret vote's option counts are withheld (0) until it is tallied


class BallotIn(Schema):
    option_ids: list[Id]


class OnlineBallotIn(BallotIn):
    household_id: Id
    receipt: str = ""


class PaperReturnIn(BallotIn):
    code: str


class ReceiptOut(Schema):
    receipt: str


class AttendanceIn(Schema):
    household_id: Id
    attendee: str
    authorised: bool = False


class MeetingCountIn(Schema):
    option_id: Id
    count: Count


class SwitchIn(Schema):
    closes_on: IsoDate
    electronic_returns: bool = False


class RecognitionIn(Schema):
    number: str
    on: IsoDate


class MeetingStatusOut(Schema):
    denominator: int
    present: int
    quorum_needed: int
    quorate: bool
    threshold_needed: int
    reachable: bool


def _result(decision: Decision) -> dict[str, Any]:
    result = selectors.compute_result(decision)
    t = result.threshold
    return {
        "decision_id": result.decision_id,
        "state": result.state,
        "denominator": result.denominator,
        "participated": result.participated,
        "by_channel": result.by_channel,
        "needed": result.needed,
        "rule": t.key,
        "share": f"{t.share.numerator}/{t.share.denominator}",
        "inclusive": t.inclusive,
        "citation": t.citation,
        "verified": t.verified,
        "passed": result.passed,
        "recognised": result.recognised,
        "digest": result.digest,
        "questions": [{**q.__dict__, "options": [o.__dict__ for o in q.options]} for q in result.questions],
        "receipts": selectors.receipts_of(decision) if decision.tallied_at else [],
        "counts_hidden": result.counts_hidden,
    }


def _mine(request: HttpRequest, decision_id: int) -> Decision:
    return selectors.access_decision(
        actor=acting_user(request), decision_id=decision_id, perm=DecisionPerm.VIEW
    )


@router.get("/units/{unit_id}/decisions", response={200: list[DecisionOut], **ERRORS}, auth=AUTH)
def unit_decisions(request: HttpRequest, unit_id: int) -> list[Decision]:
    unit = unit_selectors.access_unit(actor=acting_user(request), unit_id=unit_id, perm=DecisionPerm.VIEW)
    return list(selectors.unit_decisions(acting_user(request), unit.path)[:LIST_LIMIT])


@router.post(
    "/units/{unit_id}/decisions",
    response={201: DecisionOut, **ERRORS},
    auth=AUTH,
    summary="Soạn việc bàn và quyết định",
)
def create_decision(request: HttpRequest, unit_id: int, payload: DecisionIn) -> Status[Decision]:
    actor = acting_user(request)
    unit = unit_selectors.access_unit(actor=actor, unit_id=unit_id, perm=DecisionPerm.MANAGE)
    decision = services.create_decision(
        actor=actor,
        unit=unit,
        matter_code=payload.matter,
        title=payload.title,
        form=payload.form,
        description=payload.description,
        secret=payload.secret,
        meeting_at=payload.meeting_at,
        meeting_place=payload.meeting_place,
        closes_on=payload.closes_on,
        electronic_returns=payload.electronic_returns,
        online_preconditions={name: getattr(payload, name) for name in services.ONLINE_PRECONDITIONS},
        questions=[
            services.QuestionSpec(
                q.text, q.kind, [services.OptionSpec(o.label, o.amount) for o in q.options], q.seats
            )
            for q in payload.questions
        ],
    )
    return Status(201, decision)


@router.get("/decisions/{decision_id}", response={200: DecisionOut, **ERRORS}, auth=AUTH)
def get_decision(request: HttpRequest, decision_id: int) -> Decision:
    return _mine(request, decision_id)


@router.get("/decisions/{decision_id}/meeting", response={200: MeetingStatusOut, **ERRORS}, auth=AUTH)
def meeting(request: HttpRequest, decision_id: int) -> dict[str, Any]:
    status = selectors.meeting_status(_mine(request, decision_id))
    return {
        "denominator": status.denominator,
        "present": status.present,
        "quorum_needed": status.quorum_needed,
        "quorate": status.quorate,
        "threshold_needed": status.threshold_needed,
        "reachable": status.reachable,
    }


@router.get("/decisions/{decision_id}/tally", response={200: DecisionResultOut, **ERRORS}, auth=AUTH)
def decision_tally(request: HttpRequest, decision_id: int) -> dict[str, Any]:
    return _result(_mine(request, decision_id))


_STEPS = {
    "announce": services.announce,
    "open": services.open_voting,
    "paper-ballots": services.issue_paper_ballots,
    "close": services.close_voting,
    "tally": services.tally,
    "publish": services.publish_result,
}


def _step(name: str) -> None:
    service = _STEPS[name]

    def handler(request: HttpRequest, decision_id: int) -> Decision:
        service(actor=acting_user(request), decision_id=decision_id)
        return _mine(request, decision_id)

    handler.__name__ = f"decision_{name.replace('-', '_')}"
    router.post(f"/decisions/{{decision_id}}/{name}", response={200: DecisionOut, **ERRORS}, auth=AUTH)(
        handler
    )


for _name in _STEPS:
    _step(_name)


@router.post("/decisions/{decision_id}/attendance", response={200: DecisionOut, **ERRORS}, auth=AUTH)
def attendance(request: HttpRequest, decision_id: int, payload: AttendanceIn) -> Decision:
    services.record_attendance(
        actor=acting_user(request),
        decision_id=decision_id,
        household_id=payload.household_id,
        attendee=payload.attendee,
        authorised=payload.authorised,
    )
    return _mine(request, decision_id)


@router.post("/decisions/{decision_id}/meeting-counts", response={200: DecisionOut, **ERRORS}, auth=AUTH)
def meeting_counts(request: HttpRequest, decision_id: int, payload: list[MeetingCountIn]) -> Decision:
    counts = {row.option_id: row.count for row in payload}
    services.record_meeting_counts(actor=acting_user(request), decision_id=decision_id, counts=counts)
    return _mine(request, decision_id)


@router.post("/decisions/{decision_id}/switch-to-ballot", response={200: DecisionOut, **ERRORS}, auth=AUTH)
def switch(request: HttpRequest, decision_id: int, payload: SwitchIn) -> Decision:
    services.switch_to_ballot(
        actor=acting_user(request),
        decision_id=decision_id,
        closes_on=payload.closes_on,
        electronic_returns=payload.electronic_returns,
    )
    return _mine(request, decision_id)


@router.post("/decisions/{decision_id}/paper-returns", response={200: ReceiptOut, **ERRORS}, auth=AUTH)
def paper_return(request: HttpRequest, decision_id: int, payload: PaperReturnIn) -> dict[str, str]:
    receipt = services.record_paper_return(
        actor=acting_user(request), decision_id=decision_id, code=payload.code, option_ids=payload.option_ids
    )
    return {"receipt": receipt}


@router.post(
    "/decisions/{decision_id}/ballots",
    response={200: ReceiptOut, **ERRORS},
    auth=AUTH,
    summary="Biểu quyết trực tuyến của hộ (người đại diện hoặc người được ủy quyền)",
)
def cast(request: HttpRequest, decision_id: int, payload: OnlineBallotIn) -> dict[str, str]:
    receipt = services.cast_online(
        actor=acting_user(request),
        decision_id=decision_id,
        household_id=payload.household_id,
        option_ids=payload.option_ids,
        receipt=payload.receipt,
    )
    return {"receipt": receipt}


@router.post("/decisions/{decision_id}/recognition", response={200: DecisionOut, **ERRORS}, auth=AUTH)
def recognition(request: HttpRequest, decision_id: int, payload: RecognitionIn) -> Decision:
    services.recognise(
        actor=acting_user(request), decision_id=decision_id, number=payload.number, on=payload.on
    )
    return _mine(request, decision_id)


@router.get("/public/decisions/{decision_id}", response={200: DecisionResultOut, **PUBLIC_ERRORS})
def public_result(request: HttpRequest, decision_id: int) -> dict[str, Any]:
    return _result(selectors.public_decision(decision_id))
