from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest
from ninja import Router, Schema

from danchu.core import policy
from danchu.core.models import AuditEntry, Rule
from danchu.core.policy import Perm
from danchu.core.rulebook import in_force

from .base import AUTH, ErrorOut

router = Router(tags=["core"])


class RuleOut(Schema):
    key: str
    title: str
    value: str
    denominator: int
    unit: str
    citation: str
    verified: bool
    effective_from: dt.date
    effective_to: dt.date | None
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


@router.get("/rules", response=list[RuleOut], auth=AUTH, summary="Sổ quy định có hiệu lực vào một ngày")
def rules(request: HttpRequest, on: dt.date | None = None) -> list[Rule]:
    from django.utils import timezone

    return list(Rule.objects.filter(in_force(on or timezone.localdate())).order_by("key", "scope_unit_id"))


@router.get(
    "/audit/{object_type}/{object_id}",
    response={200: list[AuditOut], 403: ErrorOut, 404: ErrorOut},
    auth=AUTH,
    summary="Lịch sử thay đổi của một đối tượng",
)
def history(request: HttpRequest, object_type: str, object_id: str) -> list[AuditEntry]:
    try:
        obj = apps.get_model(object_type)._default_manager.get(pk=object_id)
    except (LookupError, ValueError, ObjectDoesNotExist):
        raise Http404("Không tìm thấy đối tượng.") from None
    policy.require(request.user, Perm.VIEW_AUDIT, obj)
    return list(
        AuditEntry.objects.filter(object_type=object_type, object_id=str(object_id)).order_by("id")[:500]
    )
