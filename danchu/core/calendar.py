"""Working-day arithmetic (ngày làm việc): Monday to Friday, less holidays, plus make-up days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from .models import Holiday, HolidayKind

# Enough to cross Tết plus weekends for any statutory period expressed in working days.
_SLACK_DAYS = 30


def _exceptions(start: dt.date, end: dt.date) -> tuple[set[dt.date], set[dt.date]]:
    rows = Holiday.objects.filter(date__gte=start, date__lte=end).values_list("date", "kind")
    holidays = {d for d, kind in rows if kind == HolidayKind.HOLIDAY}
    makeups = {d for d, kind in rows if kind == HolidayKind.MAKEUP_WORKDAY}
    return holidays, makeups


def _is_working(day: dt.date, holidays: set[dt.date], makeups: set[dt.date]) -> bool:
    if day in makeups:
        return True
    return day.weekday() < 5 and day not in holidays


def is_working_day(day: dt.date) -> bool:
    holidays, makeups = _exceptions(day, day)
    return _is_working(day, holidays, makeups)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (the start day itself does not count)."""
    if days < 0:
        raise ValueError("days must be non-negative")
    holidays, makeups = _exceptions(start, start + dt.timedelta(days=days * 2 + _SLACK_DAYS))
    current, remaining = start, days
    while remaining:
        current += dt.timedelta(days=1)
        if _is_working(current, holidays, makeups):
            remaining -= 1
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 when end ≤ start)."""
    return counter(start, end)(start, end)


def counter(first: dt.date, last: dt.date) -> Callable[[dt.date, dt.date], int]:
    """`working_days_between` for many pairs of days within [first, last], the holidays loaded once."""
    holidays, makeups = _exceptions(first, last)

    def count(start: dt.date, end: dt.date) -> int:
        day, total = start, 0
        while day < end:
            day += dt.timedelta(days=1)
            total += _is_working(day, holidays, makeups)
        return total

    return count
