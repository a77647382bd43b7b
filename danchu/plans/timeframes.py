"""The due date a plan item's time frame implies (thời gian thực hiện → hạn hoàn thành)."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_QUARTER_END = {"i": 3, "1": 3, "ii": 6, "2": 6, "iii": 9, "3": 9, "iv": 12, "4": 12}


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
