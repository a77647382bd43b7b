"""The unit switcher: which of their roles an official is acting in right now (kept in the session)."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from .models import Role, RoleAssignment
from .permissions import OFFICIAL_ROLES, active_assignments

SESSION_KEY = "danchu_role_id"


@dataclass(frozen=True)
class Workspace:
    current: RoleAssignment | None
    roles: list[RoleAssignment]

    @property
    def is_official(self) -> bool:
        return self.current is not None and self.current.role in OFFICIAL_ROLES

    @property
    def is_citizen(self) -> bool:
        return any(r.role == Role.CITIZEN for r in self.roles)


def current_workspace(request: HttpRequest) -> Workspace:
    cached: Workspace | None = getattr(request, "_danchu_workspace", None)
    if cached is not None:
        return cached
    roles = active_assignments(request.user)
    chosen = request.session.get(SESSION_KEY)
    current = next((r for r in roles if r.pk == chosen), None)
    if current is None:
        current = next((r for r in roles if r.role in OFFICIAL_ROLES), roles[0] if roles else None)
    workspace = Workspace(current=current, roles=roles)
    request._danchu_workspace = workspace  # type: ignore[attr-defined]
    return workspace


def switch_role(request: HttpRequest, role_id: int) -> RoleAssignment | None:
    """Act in another of one's own roles; a role that is not the user's is ignored."""
    role = next((r for r in active_assignments(request.user) if r.pk == role_id), None)
    if role is not None:
        request.session[SESSION_KEY] = role.pk
        if hasattr(request, "_danchu_workspace"):
            del request._danchu_workspace
    return role
