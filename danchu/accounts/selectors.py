"""Reads of users and roles."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from danchu.core import policy
from danchu.core.lookup import get_or_404
from danchu.core.policy import CorePerm
from danchu.units.models import Unit

from .models import Role, RoleAssignment, User
from .permissions import active_assignments


def access_role(*, actor: Any, role_id: int | str) -> RoleAssignment:
    """A role assignment the actor may manage (revoke); one held nationwide needs a system administrator."""
    queryset = RoleAssignment.objects.select_related("unit", "user", "agency")
    assignment = get_or_404(queryset, role_id, "vai trò")
    policy.require(actor, CorePerm.MANAGE_ROLES, assignment.unit)
    return assignment


def roles_at(unit: Unit, *, include_revoked: bool = False) -> QuerySet[RoleAssignment]:
    """Roles held at the unit itself (not its subtree), people first."""
    qs = RoleAssignment.objects.filter(unit=unit).select_related("user", "agency", "resident")
    if not include_revoked:
        qs = qs.filter(revoked_at__isnull=True)
    return qs.order_by("role", "user__username")


def find_user(username: str) -> User | None:
    return User.objects.filter(username__iexact=username.strip()).first()


def citizen_household_ids(actor: Any) -> list[int]:
    return [
        a.resident.household_id
        for a in active_assignments(actor)
        if a.role == Role.CITIZEN and a.resident is not None
    ]
