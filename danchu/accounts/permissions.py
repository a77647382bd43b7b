"""The permission policy: what each role may do, over the subtree of the unit where it is held."""

from __future__ import annotations

from functools import cache

from danchu.core import registry
from danchu.core.actors import Actor
from danchu.core.models import AuditEntry, Rule
from danchu.core.policy import CorePerm, Perm
from danchu.units.models import Agency, Household, Resident, Tier, Unit
from danchu.units.scoping import ReadableBelow, UnitScoped

from .models import Role, RoleAssignment

_OFFICIAL = frozenset(
    {
        CorePerm.VIEW_UNIT,
        CorePerm.MANAGE_UNIT,
        CorePerm.VIEW_HOUSEHOLDS,
        CorePerm.MANAGE_HOUSEHOLDS,
        CorePerm.MANAGE_ROLES,
        CorePerm.VIEW_AUDIT,
        CorePerm.MANAGE_RULES,
    }
)
# The house's own permissions by role; each domain app adds its own in its registry (`core.registry`).
CORE_GRANTS: dict[str, frozenset[Perm]] = {
    Role.UNIT_LEADER: _OFFICIAL,
    Role.FOCAL_OFFICER: _OFFICIAL,
    Role.AGENCY_OFFICER: frozenset({CorePerm.VIEW_UNIT}),
    Role.VILLAGE_HEAD: frozenset({CorePerm.VIEW_UNIT, CorePerm.VIEW_HOUSEHOLDS, CorePerm.MANAGE_HOUSEHOLDS}),
    Role.OVERSIGHT_MEMBER: frozenset({CorePerm.VIEW_UNIT}),
    Role.FRONT_OFFICER: frozenset({CorePerm.VIEW_UNIT, CorePerm.VIEW_HOUSEHOLDS}),
    Role.CITIZEN: frozenset(),
}
# Officials are those who see a unit's internal pages.
OFFICIAL_ROLES = frozenset(role for role, perms in CORE_GRANTS.items() if CorePerm.VIEW_UNIT in perms)


@cache
def role_perms(role: str) -> frozenset[Perm]:
    """Everything a role may do: the house's grants and every domain app's."""
    if role == Role.SYSTEM_ADMIN:
        return frozenset(CorePerm.all()) | frozenset(registry.permissions())
    return CORE_GRANTS.get(role, frozenset()) | registry.grants(role)


def active_assignments(actor: Actor) -> list[RoleAssignment]:
    """The actor's active roles, loaded once per request and kept on the user object."""
    cached: list[RoleAssignment] | None = getattr(actor, "_danchu_roles", None)
    if cached is None:
        cached = list(
            RoleAssignment.objects.filter(user_id=actor.pk, revoked_at__isnull=True)
            .select_related("unit", "agency", "resident")
            .order_by("unit__tier", "id")
        )
        actor._danchu_roles = cached  # type: ignore[attr-defined]
    return cached


def forget_assignments(actor: Actor) -> None:
    if hasattr(actor, "_danchu_roles"):
        del actor._danchu_roles


def unit_of(target: object) -> Unit | None:
    """The unit an object belongs to; None for national objects (the national rulebook, the whole log)."""
    if target is None:
        return None
    if isinstance(target, UnitScoped):  # records of apps above this one (plans, reports...) name their unit
        return target.policy_unit
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


def _own_household(actor: Actor, target: object) -> bool:
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

    def allowed(self, actor: Actor | None, perm: Perm, target: object) -> bool:
        if actor is None or not actor.is_authenticated or not actor.is_active:
            return False
        if (
            perm == CorePerm.VIEW_HOUSEHOLDS
            and isinstance(target, Household | Resident)
            and _own_household(actor, target)
        ):
            return True
        unit = unit_of(target)
        if perm.local_only:
            return unit is not None and any(
                perm in role_perms(a.role) and a.unit is not None and a.unit.path.startswith(unit.path)
                for a in active_assignments(actor)
            )
        if perm.reads_downwards and isinstance(target, ReadableBelow) and target.readable_below and unit:
            # A document addressed downwards (a plan) is read by the units beneath its issuer too.
            below = [
                a
                for a in active_assignments(actor)
                if a.unit is not None and a.unit.path.startswith(unit.path)
            ]
            if any(perm in role_perms(a.role) for a in below):
                return True
        for assignment in active_assignments(actor):
            if perm not in role_perms(assignment.role) or not covers(assignment, unit):
                continue
            province_only = perm.province_only and assignment.role != Role.SYSTEM_ADMIN
            if province_only and (assignment.unit is None or assignment.unit.tier != Tier.PROVINCE):
                continue
            return True
        return False

    def unit_paths(self, actor: Actor | None, perm: Perm) -> list[str] | None:
        """The subtrees (by tree path) where `actor` holds `perm`; None for everywhere.

        A `local_only` permission is held at one's own unit and the units above it, which no set of
        subtrees describes: ask `allowed` of each record instead.
        """
        if perm.local_only:
            raise ValueError(f"{perm.code} is held upwards from one's unit, not over subtrees")
        if actor is None or not actor.is_authenticated or not actor.is_active:
            return []
        paths: set[str] = set()
        for assignment in active_assignments(actor):
            if perm not in role_perms(assignment.role):
                continue
            if assignment.role == Role.SYSTEM_ADMIN:
                return None
            if assignment.unit is None:
                continue
            if perm.province_only and assignment.unit.tier != Tier.PROVINCE:
                continue
            paths.add(assignment.unit.path)
        # A subtree inside another adds nothing: keep the outermost paths only.
        return sorted(p for p in paths if not any(p != q and p.startswith(q) for q in paths))
