"""Template helpers for citizen reception."""

from __future__ import annotations

from typing import Any

from django import template

from danchu.core import policy

from ..permissions import ReceptionPerm

register = template.Library()


@register.filter
def reception_readable_by(unit: Any, user: Any) -> bool:
    """Whether `user` may open the unit's reception pages (the unit header links them only then)."""
    return policy.allowed(user, ReceptionPerm.VIEW, unit)
