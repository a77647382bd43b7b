"""A household's ballot over JSON: what its representative (or authorised member) needs to vote through
the API alone — the questions, their option ids and the households they vote for."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Schema

from danchu.accounts.actors import acting_user
from danchu.decisions import selectors

from ..base import AUTH, ERRORS, IsoDate
from ._router import router


class BallotOptionOut(Schema):
    id: int
    label: str
    amount: int | None


class BallotQuestionOut(Schema):
    id: int
    text: str
    kind: str
    seats: int
    options: list[BallotOptionOut]


class BallotHouseholdOut(Schema):
    id: int
    number: str
    voted: bool


class HouseholdBallotOut(Schema):
    decision_id: int
    title: str
    state: str
    secret: bool
    closes_on: IsoDate | None
    households: list[BallotHouseholdOut]
    questions: list[BallotQuestionOut]


@router.get(
    "/decisions/{decision_id}/ballot",
    response={200: HouseholdBallotOut, **ERRORS},
    auth=AUTH,
    summary="Phiếu biểu quyết của hộ: câu hỏi, phương án và các hộ bạn biểu quyết thay",
)
def household_ballot(request: HttpRequest, decision_id: int) -> dict[str, Any]:
    decision, households = selectors.ballot_for(acting_user(request), decision_id)
    return {
        "decision_id": decision.pk,
        "title": decision.title,
        "state": decision.state,
        "secret": decision.secret,
        "closes_on": decision.closes_on,
        "households": [
            {
                "id": h.pk,
                "number": h.number,
                "voted": selectors.household_participation(decision, h.pk) is not None,
            }
            for h in households
        ],
        "questions": [
            {
                "id": q.pk,
                "text": q.text,
                "kind": q.kind,
                "seats": q.seats,
                "options": [{"id": o.pk, "label": o.label, "amount": o.amount} for o in q.options.all()],
            }
            for q in selectors.questions_of(decision)
        ],
    }
