"""Elections over JSON (NĐ 59 Arts. 6–8)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Schema, Status

from danchu.accounts.actors import acting_user
from danchu.core.errors import DomainError
from danchu.decisions import services
from danchu.decisions.models import Decision, Election
from danchu.decisions.permissions import DecisionPerm
from danchu.units import selectors as unit_selectors

from ..base import AUTH, ERRORS, IsoDate
from ._router import router
from .core import DecisionOut, Id, Seats, _mine


class ElectionIn(Schema):
    office: str
    election_day: IsoDate
    candidate_ids: list[Id]
    seats: Seats = 1
    place: str = ""


class ElectionStepIn(Schema):
    field: str
    on: IsoDate


class ElectionStepOut(Schema):
    field: str
    label: str
    due_on: IsoDate
    done_on: IsoDate | None
    on_time: bool
    citation: str


@router.post(
    "/units/{unit_id}/elections", response={201: DecisionOut, **ERRORS}, auth=AUTH, summary="Tổ chức bầu cử"
)
def create_election(request: HttpRequest, unit_id: int, payload: ElectionIn) -> Status[Decision]:
    actor = acting_user(request)
    unit = unit_selectors.access_unit(actor=actor, unit_id=unit_id, perm=DecisionPerm.MANAGE)
    election = services.create_election(
        actor=actor,
        unit=unit,
        office=payload.office,
        election_day=payload.election_day,
        candidate_ids=payload.candidate_ids,
        seats=payload.seats,
        place=payload.place,
    )
    return Status(201, election.decision)


@router.get(
    "/decisions/{decision_id}/election-steps", response={200: list[ElectionStepOut], **ERRORS}, auth=AUTH
)
def election_steps(request: HttpRequest, decision_id: int) -> list[dict[str, Any]]:
    decision = _mine(request, decision_id)
    election = Election.objects.filter(decision=decision).first()
    if election is None:
        raise DomainError(_("Việc này không phải cuộc bầu cử."))
    return [{**s.__dict__, "on_time": s.on_time} for s in services.timeline(election)]


@router.post("/decisions/{decision_id}/election-steps", response={200: DecisionOut, **ERRORS}, auth=AUTH)
def record_election_step(request: HttpRequest, decision_id: int, payload: ElectionStepIn) -> Decision:
    services.record_step(
        actor=acting_user(request), decision_id=decision_id, field=payload.field, on=payload.on
    )
    return _mine(request, decision_id)
