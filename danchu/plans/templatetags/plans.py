from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    """A value from a dict in a template: {{ progress|get_item:item.pk }}."""
    return mapping.get(key)
