"""Template helpers for the unit tree."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from danchu.core import policy, registry
from danchu.core.policy import CorePerm

register = template.Library()


@register.filter
def viewable_by(unit: Any, user: Any) -> bool:
    """Whether `user` may open `unit`'s page: a breadcrumb links only the units its reader may see (a
    commune official sees the names of the district and province above, not their pages)."""
    return policy.allowed(user, CorePerm.VIEW_UNIT, unit)


@register.simple_tag(takes_context=True)
def app_tabs(context: template.Context, unit: Any) -> list[dict[str, Any]]:
    """The domain apps' tabs for this unit (their registry's `unit_tabs`) that the reader may open."""
    user, current = context["request"].user, context.get("tab")
    return [
        {"title": tab.title, "url": reverse(tab.url_name, args=[unit.pk]), "current": tab.key == current}
        for tab in registry.unit_tabs()
        if unit.tier in tab.tiers and any(policy.allowed(user, perm, unit) for perm in tab.perms)
    ]
