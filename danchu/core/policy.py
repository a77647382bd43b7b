"""One permission policy for the whole product.

A permission (`Perm`) is declared by the app that owns it: `core` declares the house's own (units,
households, roles, audit, rulebook, calendar), each domain app declares its own in its `registry`
module with the roles that receive it (see `core.registry`). The policy itself lives in `accounts`
(it knows roles); lower layers ask it through this module so that dependencies keep pointing one
way. `DANCHU_PERMISSION_POLICY` names it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Protocol

from django.conf import settings
from django.db.models import Model, Q, QuerySet
from django.utils.module_loading import import_string

from .actors import Actor
from .errors import PermissionDeniedError


@dataclass(frozen=True)
class Perm:
    """What an actor may do (quyền); every check in the product names one of these.

    `reads_downwards`: a document addressed downwards (a plan, a report regime) is read by the units
    beneath its issuer too. `local_only`: only someone at the unit itself or below it may do it (a
    witness's statement), not the level above nor the system administrator. `province_only`: only a
    role held at a province (or the system administrator) may do it.
    """

    code: str
    label: str = ""
    reads_downwards: bool = False
    local_only: bool = False
    province_only: bool = False

    def __str__(self) -> str:
        return self.code


class CorePerm:
    """The house's own permissions: the unit tree, households, roles, the audit log, the rulebook."""

    VIEW_UNIT = Perm("unit.view", "xem trang nội bộ của đơn vị (cơ quan, thôn, thống kê)")
    MANAGE_UNIT = Perm("unit.manage", "tạo thôn, cơ quan; chuyển đơn vị")
    VIEW_HOUSEHOLDS = Perm("household.view", "xem sổ hộ gia đình và nhân khẩu")
    MANAGE_HOUSEHOLDS = Perm("household.manage", "tạo, sửa hộ gia đình và nhân khẩu")
    MANAGE_ROLES = Perm("role.manage", "giao và thu hồi vai trò trong phạm vi")
    VIEW_AUDIT = Perm("audit.view", "xem nhật ký thay đổi của đối tượng trong phạm vi")
    MANAGE_RULES = Perm("rule.manage", "điều chỉnh tham số pháp lý cho tỉnh", province_only=True)
    MANAGE_CALENDAR = Perm("calendar.manage", "sửa lịch ngày nghỉ (toàn quốc)")

    @classmethod
    def all(cls) -> tuple[Perm, ...]:
        return tuple(value for value in vars(cls).values() if isinstance(value, Perm))


class Policy(Protocol):
    def allowed(self, actor: Actor | None, perm: Perm, target: object) -> bool: ...

    def unit_paths(self, actor: Actor | None, perm: Perm) -> list[str] | None:
        """The paths of the units whose subtrees `actor` holds `perm` over; None means everywhere."""
        ...


@cache
def _policy() -> Policy:
    policy: Policy = import_string(settings.DANCHU_PERMISSION_POLICY)()
    return policy


def allowed(actor: Actor | None, perm: Perm, target: object) -> bool:
    return _policy().allowed(actor, perm, target)


def require(actor: Actor | None, perm: Perm, target: object) -> None:
    """Raise PermissionDeniedError unless `actor` may do `perm` on `target`."""
    if not allowed(actor, perm, target):
        raise PermissionDeniedError()


def unit_paths(actor: Actor | None, perm: Perm) -> list[str] | None:
    """Where `actor` may do `perm`: the tree paths of the subtrees it covers (None: the whole country;
    an empty list: nowhere). Lists across units take their scope from here, never from request data."""
    return _policy().unit_paths(actor, perm)


def within[M: Model](
    queryset: QuerySet[M], actor: Actor | None, perm: Perm, *, path_field: str = "unit__path"
) -> QuerySet[M]:
    """The rows of `queryset` whose unit (reached by `path_field`) lies where `actor` may do `perm`
    (Wagtail-style: the policy gives the scope of a list as a filter, one query)."""
    paths = unit_paths(actor, perm)
    if paths is None:
        return queryset
    if not paths:
        return queryset.none()
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{path_field}__startswith": path})
    return queryset.filter(condition)
