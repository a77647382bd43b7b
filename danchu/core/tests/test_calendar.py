from __future__ import annotations

import datetime as dt

import pytest

from danchu.core.calendar import add_working_days, is_working_day, working_days_between
from danchu.core.models import Holiday, HolidayKind

pytestmark = pytest.mark.django_db


def test_weekends_are_skipped():
    friday = dt.date(2026, 11, 20)
    assert add_working_days(friday, 1) == dt.date(2026, 11, 23)
    assert add_working_days(friday, 5) == dt.date(2026, 11, 27)
    assert add_working_days(friday, 0) == friday


def test_tet_2026_is_skipped():
    # Thursday 12/02/2026 + 3 working days: Fri 13, then Tết 16–20/02, then Mon 23, Tue 24.
    assert add_working_days(dt.date(2026, 2, 12), 3) == dt.date(2026, 2, 24)
    assert not is_working_day(dt.date(2026, 2, 17))


def test_makeup_saturday_counts():
    assert is_working_day(dt.date(2025, 4, 26))
    Holiday.objects.create(date=dt.date(2026, 11, 21), name="Làm bù", kind=HolidayKind.MAKEUP_WORKDAY)
    assert add_working_days(dt.date(2026, 11, 20), 1) == dt.date(2026, 11, 21)


def test_working_days_between():
    assert working_days_between(dt.date(2026, 11, 20), dt.date(2026, 11, 27)) == 5
    assert working_days_between(dt.date(2026, 11, 27), dt.date(2026, 11, 20)) == 0


def test_negative_days_refused():
    with pytest.raises(ValueError):
        add_working_days(dt.date(2026, 1, 1), -1)
