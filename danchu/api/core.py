from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema

from danchu.core.audit import access_history
from danchu.core.models import AuditEntry, Rule
from danchu.core.rulebook import in_force

from .base import AUTH, ERRORS, IsoDate

router = Router(tags=["core"])


class RuleOut(Schema):
    key: str
    title: str
    value: str
    denominator: int
    unit: str
    citation: str
    verified: bool
    effective_from: IsoDate
    effective_to: IsoDate | None
    scope_unit_id: int | None

    @staticmethod
    def resolve_value(obj: Rule) -> str:
        return f"{obj.value.normalize():f}"


class AuditOut(Schema):
    id: int
    at: dt.datetime
    actor_label: str
    action: str
    object_type: str
    object_id: str
    object_repr: str
    before: dict[str, object] | None
    after: dict[str, object] | None
    hash: str


@router.get(
    "/rules",
    response={200: list[RuleOut], **ERRORS},
    auth=AUTH,
    summary="Sổ quy định có hiệu lực vào một ngày",
)
def rules(request: HttpRequest, on: IsoDate | None = None) -> list[Rule]:
    from django.utils import timezone

    return list(Rule.objects.filter(in_force(on or timezone.localdate())).order_by("key", "scope_unit_id"))


@router.get(
    "/audit/{object_type}/{object_id}",
    response={200: list[AuditOut], **ERRORS},
    auth=AUTH,
    summary="Lịch sử thay đổi của một đối tượng",
)
def history(request: HttpRequest, object_type: str, object_id: str) -> list[AuditEntry]:
    _name, entries = access_history(actor=request.user, object_type=object_type, object_id=object_id)
    return list(entries[:500])
