"""Reading and checking indicator values: one place for forms, the API and imports.

Numbers typed by people follow Vietnamese usage ("1.234" is one thousand two hundred and thirty-four,
"12,5" is twelve and a half); numbers from JSON arrive as numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from danchu.core.errors import DomainError

from .models import Indicator, IndicatorKind, ValidationRule

MAX_TEXT = 5000
MAX_NUMBER = Decimal("1e15")
_YES = {"1", "co", "có", "true", "x", "yes"}
_NO = {"0", "khong", "không", "false", "no"}


@dataclass(frozen=True)
class Value:
    number: Decimal | None = None
    denominator: Decimal | None = None
    text: str = ""

    @property
    def empty(self) -> bool:
        return self.number is None and self.denominator is None and not self.text

    def display(self, kind: str) -> str:
        if self.empty:
            return ""
        if kind == IndicatorKind.TEXT:
            return self.text
        if kind == IndicatorKind.BOOLEAN:
            return _("Có") if self.number else _("Không")
        if kind == IndicatorKind.PERCENT:
            if not self.denominator:
                return ""
            return f"{format_number(self.number or 0)}/{format_number(self.denominator)}"
        return format_number(self.number if self.number is not None else Decimal(0))


class ValuesError(DomainError):
    """Every offending value, by indicator code (or row), so a form or an import can show them all."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        lines = "; ".join(f"{code}: {message}" for code, message in self.errors.items())
        super().__init__(
            _("Số liệu chưa hợp lệ (%(len)s lỗi): %(lines)s") % {"len": len(self.errors), "lines": lines}
        )


def format_number(value: Decimal | int | float) -> str:
    """1234567.5 → "1.234.567,5" (Vietnamese grouping)."""
    number = Decimal(str(value)).normalize()
    sign = "-" if number < 0 else ""
    whole, _dot, fraction = f"{abs(number):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def _number(raw: Any, *, whole: bool) -> Decimal:
    if isinstance(raw, bool):
        raise ValueError
    if isinstance(raw, int | float | Decimal):
        value = Decimal(str(raw))
    else:
        text = str(raw).strip().replace(" ", "").replace("\u00a0", "")
        if not re.fullmatch(r"-?[\d.]+(,\d+)?", text):
            raise ValueError
        text = text.replace(".", "").replace(",", ".")
        value = Decimal(text)
    if not value.is_finite() or abs(value) >= MAX_NUMBER:
        raise ValueError
    if whole and value != value.to_integral_value():
        raise ValueError
    return value


def parse(indicator: Indicator, raw: Any, denominator: Any = None) -> Value:
    """One value as typed or sent; raises DomainError with a message in Vietnamese."""
    kind = indicator.kind
    if kind == IndicatorKind.TEXT:
        text = "" if raw is None else str(raw)
        if "\x00" in text:
            raise DomainError(_("chứa ký tự không hợp lệ"))
        text = text.strip()
        if len(text) > MAX_TEXT:
            raise DomainError(_("dài quá %(MAX_TEXT)s ký tự") % {"MAX_TEXT": MAX_TEXT})
        return Value(text=text)
    if _blank(raw) and (kind != IndicatorKind.PERCENT or _blank(denominator)):
        return Value()
    if kind == IndicatorKind.BOOLEAN:
        word = str(raw).strip().lower() if not isinstance(raw, bool) else ("1" if raw else "0")
        if word in _YES:
            return Value(number=Decimal(1), denominator=Decimal(1))
        if word in _NO:
            return Value(number=Decimal(0), denominator=Decimal(1))
        raise DomainError(_("chỉ nhận “có” hoặc “không”"))
    try:
        number = _number(raw, whole=kind == IndicatorKind.INTEGER)
    except (ValueError, InvalidOperation):
        expected = _("một số nguyên") if kind == IndicatorKind.INTEGER else _("một số")
        raise DomainError(
            _("“%(value)s” không phải %(expected)s") % {"value": str(raw)[:30], "expected": expected}
        ) from None
    if number < 0:
        raise DomainError(_("không được âm"))
    if kind != IndicatorKind.PERCENT:
        return Value(number=number)
    try:
        den = _number(denominator, whole=False)
    except (ValueError, InvalidOperation):
        raise DomainError(_("tỷ lệ cần cả tử số và mẫu số là số")) from None
    if den <= 0:
        raise DomainError(_("mẫu số phải lớn hơn 0"))
    return Value(number=number, denominator=den)


def _blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


_COMPARE = {
    "<=": lambda a, b: a <= b,
    "<": lambda a, b: a < b,
    ">=": lambda a, b: a >= b,
    "=": lambda a, b: a == b,
}


def broken_rules(values: Mapping[str, Value], rules: Iterable[ValidationRule]) -> dict[str, str]:
    """The rules a report breaks, keyed by the first code of their left side. A rule is checked only when
    every indicator it names has a value (a report being filled in is not yet wrong)."""
    broken: dict[str, str] = {}
    for rule in rules:
        named = [*rule.left, *rule.right]
        if any(code not in values or values[code].number is None for code in named):
            continue
        left = sum((values[c].number or Decimal(0) for c in rule.left), Decimal(0))
        right = sum((values[c].number or Decimal(0) for c in rule.right), Decimal(0))
        if not _COMPARE[rule.operator](left, right):
            code = rule.left[0]
            broken[code] = _("%(rule_message)s (%(format_number)s so với %(format_number2)s)") % {
                "rule_message": _(rule.message),  # the catalogue's are marked (gettext_noop)
                "format_number": format_number(left),
                "format_number2": format_number(right),
            }
    return broken
