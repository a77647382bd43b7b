"""The sessions of the chairman's reception schedule (buổi tiếp công dân định kỳ), read from the schedule,
the chairman's absences and the working-day calendar.

A session whose day is a holiday (or a weekend swapped away) moves to the next working day, as the
communes' published notices say; two sessions that meet on one day are one session. During a recorded
absence the named deputy receives instead. Nothing here is stored: a holiday added to the calendar moves
the session by itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from danchu.core import calendar

from .models import ChairmanAbsence, ReceptionSchedule

# Product choice: the portal shows this many weeks of coming sessions.
PUBLIC_WEEKS = 8
_ONE_DAY = dt.timedelta(days=1)
# A session moved past a long holiday (Tết) stays within this many days of its planned day.
_MOVE_SLACK_DAYS = 21


@dataclass(frozen=True)
class Session:
    """Buổi tiếp: its day, the day it was planned for (different when a holiday moved it), who receives."""

    day: dt.date
    planned_on: dt.date
    host: str
    stand_in: bool
    absence_reason: str = ""

    @property
    def moved(self) -> bool:
        return self.day != self.planned_on


def sessions(
    schedule: ReceptionSchedule, start: dt.date, end: dt.date, absences: list[ChairmanAbsence] | None = None
) -> list[Session]:
    """The sessions from `start` to `end` (both included), in order; one query for the calendar and one
    for the absences (none when they are given)."""
    if not schedule.weekdays or end < start:
        return []
    first, last = start - dt.timedelta(days=_MOVE_SLACK_DAYS), end
    count = calendar.counter(first - _ONE_DAY, last + dt.timedelta(days=_MOVE_SLACK_DAYS))
    if absences is None:
        absences = list(schedule.absences.filter(ends_on__gte=start, starts_on__lte=end))
    found: dict[dt.date, Session] = {}
    planned = first
    while planned <= last:
        if planned.weekday() in schedule.weekdays:
            day = planned
            while count(day - _ONE_DAY, day) == 0:  # not a working day: the next one
                day += _ONE_DAY
            if start <= day <= end and day not in found:
                away = next((a for a in absences if a.starts_on <= day <= a.ends_on), None)
                found[day] = Session(
                    day=day,
                    planned_on=planned,
                    host=away.stand_in if away else schedule.chairman,
                    stand_in=away is not None,
                    absence_reason=away.reason if away else "",
                )
        planned += _ONE_DAY
    return [found[day] for day in sorted(found)]


def session_on(schedule: ReceptionSchedule, day: dt.date) -> Session | None:
    """The session held on `day`, if there is one."""
    found = sessions(schedule, day, day)
    return found[0] if found else None
