"""The range of dates and years the product accepts from users (a product choice, not the Law).

A date typed as 31/12/9999 or 01/01/0001 is a slip, and arithmetic on it (a day before, a window
after) leaves what Python's dates can hold; every date and year that comes from a user is checked
against these bounds and refused with a Vietnamese message instead of failing later.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .errors import DomainError

# Product choice: no record the product keeps (units, households, rules, holidays, plans) predates
# 1900 or is planned beyond 2100.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)


def date_range_text() -> str:
    """The accepted range in words, in the active language ("từ 01/01/1900 đến 31/12/2100")."""
    return _("từ %(start)s đến %(end)s") % {
        "start": f"{EARLIEST_DATE:%d/%m/%Y}",
        "end": f"{LATEST_DATE:%d/%m/%Y}",
    }


def in_range(value: dt.date) -> bool:
    return EARLIEST_DATE <= value <= LATEST_DATE


def year_in_range(year: int) -> bool:
    return EARLIEST_DATE.year <= year <= LATEST_DATE.year


def bounded_date(value: dt.date, *, field: str, label: str = gettext_noop("Ngày")) -> dt.date:
    """`value` if within the accepted range; otherwise a DomainError naming the range."""
    if not in_range(value):
        raise DomainError(
            _("%(label)s phải nằm trong khoảng %(range)s.") % {"label": _(label), "range": date_range_text()},
            field=field,
        )
    return value
