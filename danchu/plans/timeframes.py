"""The due date a plan item's time frame implies (thời gian thực hiện → hạn hoàn thành)."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from django.utils.translation import gettext

from danchu.core.errors import DomainError
from danchu.core.rulebook_seed import LAW10_FROM

# The years a plan may carry. The Law on Grassroots Democracy (10/2022/QH15) was adopted on 10/11/2022 and
# took effect on 01/07/2023 (`LAW10_FROM`); the plans that carry it out date from its adoption year, 2022.
# The upper bound is a product choice against typing errors (20233), not a legal rule.
FIRST_PLAN_YEAR = LAW10_FROM.year - 1
LAST_PLAN_YEAR = 2100
_QUARTER_END = {"i": 3, "1": 3, "ii": 6, "2": 6, "iii": 9, "3": 9, "iv": 12, "4": 12}


def check_plan_year(year: int, *, field: str = "year") -> None:
    """Refuse a plan year outside FIRST_PLAN_YEAR–LAST_PLAN_YEAR, in Vietnamese."""
    if not FIRST_PLAN_YEAR <= year <= LAST_PLAN_YEAR:
        raise DomainError(
            gettext("Năm của kế hoạch phải từ %(FIRST_PLAN_YEAR)s đến %(LAST_PLAN_YEAR)s (đã nhập %(year)s).")
            % {"FIRST_PLAN_YEAR": FIRST_PLAN_YEAR, "LAST_PLAN_YEAR": LAST_PLAN_YEAR, "year": year},
            field=field,
        )


def due_from_timeframe(text: str, year: int) -> dt.date:
    """The due date a time frame implies: a date written in it, the end of the quarter or month it names,
    otherwise the end of the plan's year ("Trong năm 2023", "Thường xuyên")."""
    folded = text.lower()
    date = re.search(r"(\d{1,2})/(\d{1,2})(?:/(\d{4}))?", folded)
    if date:
        try:
            return dt.date(int(date.group(3) or year), int(date.group(2)), int(date.group(1)))
        except ValueError:
            pass
    quarter = re.search(r"quý\s+(iv|iii|ii|i|[1-4])\b", folded)
    if quarter:
        month = _QUARTER_END[quarter.group(1)]
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    month_match = re.search(r"tháng\s+(\d{1,2})\b", folded)
    if month_match and 1 <= int(month_match.group(1)) <= 12:
        month = int(month_match.group(1))
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(year, 12, 31)
