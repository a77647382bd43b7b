"""Reads of users and roles."""

from __future__ import annotations

from django.db.models import QuerySet

from danchu.core.access import access
from danchu.core.actors import Actor
from danchu.core.policy import Perm
from danchu.units.models import Unit

from .models import Role, RoleAssignment, User
from .permissions import active_assignments


def access_role(
    *, actor: Actor | None, role_id: int | str, perm: Perm, for_write: bool = False
) -> RoleAssignment:
    """A role assignment, if the actor may do `perm` at its unit; one held nationwide (no unit) is for
    a system administrator."""
    queryset = RoleAssignment.objects.select_related("unit", "user", "agency")
    return access(queryset, role_id, actor=actor, perm=perm, label="vai trò", for_write=for_write)


def roles_at(unit: Unit, *, include_revoked: bool = False) -> QuerySet[RoleAssignment]:
    """Roles held at the unit itself (not its subtree), people first."""
    qs = RoleAssignment.objects.filter(unit=unit).select_related("user", "agency", "resident")
    if not include_revoked:
        qs = qs.filter(revoked_at__isnull=True)
    return qs.order_by("role", "user__username")


def find_user(username: str) -> User | None:
    return User.objects.filter(username__iexact=username.strip()).first()


def citizen_household_ids(actor: Actor) -> list[int]:
    return [
        a.resident.household_id
        for a in active_assignments(actor)
        if a.role == Role.CITIZEN and a.resident is not None
    ]
