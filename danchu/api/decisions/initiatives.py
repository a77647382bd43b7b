"""Citizen initiatives over JSON."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Schema, Status

from danchu.accounts.actors import acting_user
from danchu.decisions import selectors, services
from danchu.decisions.models import Initiative

from ..base import AUTH, ERRORS, PUBLIC_ERRORS
from ._router import router
from .core import Id


class InitiativeIn(Schema):
    household_id: Id
    title: str
    text: str


class InitiativeSupportIn(Schema):
    household_id: Id


class InitiativeOut(Schema):
    id: int
    unit_id: int
    title: str
    text: str
    state: str
    valid_supports: int
    needed: int
    decision_id: int | None


def _initiative(initiative: Initiative) -> dict[str, Any]:
    valid, needed = services.standing(initiative)
    return {
        "id": initiative.pk,
        "unit_id": initiative.unit_id,
        "title": initiative.title,
        "text": initiative.text,
        "state": initiative.state,
        "valid_supports": valid,
        "needed": needed,
        "decision_id": initiative.decision_id,
    }


@router.post("/initiatives", response={201: InitiativeOut, **ERRORS}, auth=AUTH, summary="Đề xuất sáng kiến")
def propose_initiative(request: HttpRequest, payload: InitiativeIn) -> Status[dict[str, Any]]:
    initiative = services.propose(
        actor=acting_user(request), household_id=payload.household_id, title=payload.title, text=payload.text
    )
    return Status(201, _initiative(initiative))


@router.get("/initiatives/{initiative_id}", response={200: InitiativeOut, **PUBLIC_ERRORS})
def get_initiative(request: HttpRequest, initiative_id: int) -> dict[str, Any]:
    return _initiative(selectors.public_initiative(initiative_id))


@router.post("/initiatives/{initiative_id}/supports", response={200: InitiativeOut, **ERRORS}, auth=AUTH)
def support_initiative(
    request: HttpRequest, initiative_id: int, payload: InitiativeSupportIn
) -> dict[str, Any]:
    initiative = selectors.public_initiative(initiative_id)
    services.support(
        actor=acting_user(request), initiative_id=initiative.pk, household_id=payload.household_id
    )
    return _initiative(selectors.public_initiative(initiative_id))
