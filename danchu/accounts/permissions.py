"""The permission policy: what each role may do, over the subtree of the unit where it is held."""

from __future__ import annotations

from typing import Any

from danchu.core.models import AuditEntry, Rule
from danchu.core.policy import Perm
from danchu.units.models import Agency, Household, Resident, Tier, Unit

from .models import Role, RoleAssignment

_OFFICIAL_ADMIN = frozenset(
    {
        Perm.VIEW_PLANS,
        Perm.MANAGE_PLANS,
        Perm.VIEW_REPORTS,
        Perm.SUBMIT_REPORTS,
        Perm.MANAGE_REPORTS,
        Perm.VIEW_DISCLOSURES,
        Perm.MANAGE_DISCLOSURES,
        Perm.RECORD_DISCLOSURE_PROOF,
        Perm.VIEW_UNIT,
        Perm.MANAGE_UNIT,
        Perm.VIEW_HOUSEHOLDS,
        Perm.MANAGE_HOUSEHOLDS,
        Perm.MANAGE_ROLES,
        Perm.VIEW_AUDIT,
        Perm.MANAGE_RULES,
    }
)

ROLE_PERMS: dict[str, frozenset[Perm]] = {
    Role.SYSTEM_ADMIN: frozenset(Perm),
    Role.UNIT_LEADER: _OFFICIAL_ADMIN,
    Role.FOCAL_OFFICER: _OFFICIAL_ADMIN,
    Role.AGENCY_OFFICER: frozenset(
        {Perm.VIEW_UNIT, Perm.VIEW_PLANS, Perm.VIEW_REPORTS, Perm.VIEW_DISCLOSURES}
    ),
    Role.VILLAGE_HEAD: frozenset(
        {
            Perm.VIEW_UNIT,
            Perm.VIEW_HOUSEHOLDS,
            Perm.MANAGE_HOUSEHOLDS,
            Perm.VIEW_PLANS,
            Perm.RECORD_DISCLOSURE_PROOF,
        }
    ),
    Role.OVERSIGHT_MEMBER: frozenset(
        {Perm.VIEW_UNIT, Perm.VIEW_PLANS, Perm.VIEW_REPORTS, Perm.VIEW_DISCLOSURES}
    ),
    Role.FRONT_OFFICER: frozenset(
        {Perm.VIEW_UNIT, Perm.VIEW_HOUSEHOLDS, Perm.VIEW_PLANS, Perm.VIEW_REPORTS, Perm.VIEW_DISCLOSURES}
    ),
    Role.CITIZEN: frozenset(),
}
OFFICIAL_ROLES = frozenset(role for role, perms in ROLE_PERMS.items() if Perm.VIEW_UNIT in perms)
# Documents addressed downwards are read by the units below their issuer too.
_READ_DOWNWARDS = frozenset({Perm.VIEW_PLANS, Perm.VIEW_REPORTS})
# Only the province may change a legal parameter for its territory.
_PROVINCE_ONLY = frozenset({Perm.MANAGE_RULES})
# Proof of posting is a witness's statement: only someone at the unit itself or below it (a village head
# who read the notice out) can give it, not an official of the level above or the system administrator.
_LOCAL_ONLY = frozenset({Perm.RECORD_DISCLOSURE_PROOF})


def active_assignments(actor: Any) -> list[RoleAssignment]:
    """The actor's active roles, loaded once per request and kept on the user object."""
    cached: list[RoleAssignment] | None = getattr(actor, "_danchu_roles", None)
    if cached is None:
        cached = list(
            RoleAssignment.objects.filter(user_id=actor.pk, revoked_at__isnull=True)
            .select_related("unit", "agency", "resident")
            .order_by("unit__tier", "id")
        )
        actor._danchu_roles = cached
    return cached


def forget_assignments(actor: Any) -> None:
    if hasattr(actor, "_danchu_roles"):
        del actor._danchu_roles


def unit_of(target: Any) -> Unit | None:
    """The unit an object belongs to; None for national objects (the national rulebook, the whole log)."""
    if target is None:
        return None
    scoped = getattr(target, "policy_unit", None)
    if isinstance(scoped, Unit):  # records of apps above this one (plans, reports...) name their unit
        return scoped
    if isinstance(target, Unit):
        return target
    if isinstance(target, Agency):
        return target.unit
    if isinstance(target, Household):
        return target.village
    if isinstance(target, Resident):
        return target.household.village
    if isinstance(target, RoleAssignment):
        return target.unit
    if isinstance(target, Rule):
        return target.scope_unit
    if isinstance(target, AuditEntry):
        return Unit.objects.filter(pk=target.scope_unit_id).first() if target.scope_unit_id else None
    raise TypeError(f"no unit for {type(target).__name__}")


def _own_household(actor: Any, target: Any) -> bool:
    household_id = target.pk if isinstance(target, Household) else getattr(target, "household_id", None)
    return any(
        a.role == Role.CITIZEN and a.resident is not None and a.resident.household_id == household_id
        for a in active_assignments(actor)
    )


def covers(assignment: RoleAssignment, unit: Unit | None) -> bool:
    """Whether the role's unit is `unit` or one of its ancestors."""
    if assignment.role == Role.SYSTEM_ADMIN:
        return True
    if unit is None or assignment.unit is None:
        return False
    return unit.path.startswith(assignment.unit.path)


class UnitSubtreePolicy:
    """Authority over a unit covers its subtree; a system administrator covers everything."""

    def allowed(self, actor: Any, perm: Perm, target: Any) -> bool:
        if actor is None or not actor.is_authenticated or not actor.is_active:
            return False
        if (
            perm == Perm.VIEW_HOUSEHOLDS
            and isinstance(target, Household | Resident)
            and _own_household(actor, target)
        ):
            return True
        unit = unit_of(target)
        if perm in _LOCAL_ONLY:
            return unit is not None and any(
                perm in ROLE_PERMS[a.role] and a.unit is not None and a.unit.path.startswith(unit.path)
                for a in active_assignments(actor)
            )
        if perm in _READ_DOWNWARDS and getattr(target, "readable_below", False) and unit is not None:
            # A document addressed downwards (a plan) is read by the units beneath its issuer too.
            below = [
                a
                for a in active_assignments(actor)
                if a.unit is not None and a.unit.path.startswith(unit.path)
            ]
            if any(perm in ROLE_PERMS[a.role] for a in below):
                return True
        for assignment in active_assignments(actor):
            if perm not in ROLE_PERMS[assignment.role] or not covers(assignment, unit):
                continue
            province_only = perm in _PROVINCE_ONLY and assignment.role != Role.SYSTEM_ADMIN
            if province_only and (assignment.unit is None or assignment.unit.tier != Tier.PROVINCE):
                continue
            return True
        return False
