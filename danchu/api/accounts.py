from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from danchu.accounts import selectors, services
from danchu.accounts.actors import acting_user
from danchu.accounts.models import RoleAssignment
from danchu.accounts.permissions import active_assignments
from danchu.core.errors import DomainError
from danchu.core.policy import CorePerm
from danchu.units import selectors as unit_selectors

from .base import AUTH, ERRORS

router = Router(tags=["accounts"])


class RoleOut(Schema):
    id: int
    user_id: int
    username: str
    role: str
    unit_id: int | None
    agency_id: int | None
    title: str
    active: bool

    @staticmethod
    def resolve_username(obj: RoleAssignment) -> str:
        return obj.user.get_username()

    @staticmethod
    def resolve_active(obj: RoleAssignment) -> bool:
        return obj.revoked_at is None


class MeOut(Schema):
    username: str
    full_name: str
    roles: list[RoleOut]


class GrantIn(Schema):
    username: str
    role: str
    agency_id: int | None = None
    title: str = ""


class RevokeIn(Schema):
    reason: str


@router.get(
    "/me", response={200: MeOut, **ERRORS}, auth=AUTH, summary="Tài khoản đang đăng nhập và các vai trò"
)
def me(request: HttpRequest) -> dict[str, object]:
    user = request.user
    return {
        "username": user.get_username(),
        "full_name": getattr(user, "full_name", ""),
        "roles": active_assignments(user),
    }


@router.get("/units/{unit_id}/roles", response={200: list[RoleOut], **ERRORS}, auth=AUTH)
def list_roles(request: HttpRequest, unit_id: int) -> list[RoleAssignment]:
    unit = unit_selectors.access_unit(actor=request.user, unit_id=unit_id, perm=CorePerm.MANAGE_ROLES)
    return list(selectors.roles_at(unit, include_revoked=True))


@router.post("/units/{unit_id}/roles", response={201: RoleOut, **ERRORS}, auth=AUTH, summary="Giao vai trò")
def grant(request: HttpRequest, unit_id: int, payload: GrantIn) -> Status[RoleAssignment]:
    unit = unit_selectors.access_unit(actor=request.user, unit_id=unit_id, perm=CorePerm.MANAGE_ROLES)
    user = selectors.find_user(payload.username)
    if user is None:
        raise DomainError(
            _("Chưa có tài khoản “%(username)s”.") % {"username": payload.username}, field="username"
        )
    agency = (
        unit_selectors.access_agency(actor=request.user, agency_id=payload.agency_id, perm=CorePerm.VIEW_UNIT)
        if payload.agency_id
        else None
    )
    return Status(
        201,
        services.grant_role(
            actor=acting_user(request),
            user=user,
            role=payload.role,
            unit=unit,
            agency=agency,
            title=payload.title,
        ),
    )


@router.post(
    "/roles/{role_id}/revoke", response={200: RoleOut, **ERRORS}, auth=AUTH, summary="Thu hồi vai trò"
)
def revoke(request: HttpRequest, role_id: int, payload: RevokeIn) -> RoleAssignment:
    assignment = selectors.access_role(actor=request.user, role_id=role_id, perm=CorePerm.MANAGE_ROLES)
    return services.revoke_role(actor=acting_user(request), assignment=assignment, reason=payload.reason)
