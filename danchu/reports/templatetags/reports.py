from __future__ import annotations

from decimal import Decimal

from django import template

from danchu.reports.values import format_number

register = template.Library()


@register.filter
def vn_number(value: Decimal | int | None) -> str:
    """1234567.5 → 1.234.567,5; nothing for a missing value."""
    return "" if value is None else format_number(value)
