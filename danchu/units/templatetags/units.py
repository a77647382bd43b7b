"""Template helpers for the unit tree."""

from __future__ import annotations

from typing import Any

from django import template

from danchu.core import policy
from danchu.core.policy import CorePerm

register = template.Library()


@register.filter
def viewable_by(unit: Any, user: Any) -> bool:
    """Whether `user` may open `unit`'s page: a breadcrumb links only the units its reader may see (a
    commune official sees the names of the district and province above, not their pages)."""
    return policy.allowed(user, CorePerm.VIEW_UNIT, unit)
