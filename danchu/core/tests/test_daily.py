"""The daily round's record of each job's last run (core.daily.since_last_run)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from danchu.core import daily
from danchu.core.models import DailyRun

pytestmark = pytest.mark.django_db


@time_machine.travel(dt.datetime(2026, 3, 10, 7, tzinfo=dt.timezone(dt.timedelta(hours=7))), tick=False)
def test_a_job_sees_its_last_run_and_a_failed_run_records_nothing() -> None:
    day = dt.date(2026, 3, 2)
    assert daily.last_run("thu.viec") is None
    with daily.since_last_run("thu.viec", day) as since:
        assert since is None  # the first run
    with daily.since_last_run("thu.viec", day + dt.timedelta(days=1)) as since:
        assert since is not None and since.day == day
    with pytest.raises(RuntimeError), daily.since_last_run("thu.viec", day + dt.timedelta(days=2)):
        raise RuntimeError("hỏng giữa chừng")
    last = daily.last_run("thu.viec")
    assert last is not None and last.day == day + dt.timedelta(days=1)
    with daily.since_last_run("thu.viec", day) as since:  # a run for an earlier day never moves it back
        assert since is not None and since.day == day + dt.timedelta(days=1)
    assert DailyRun.objects.get(job="thu.viec").ran_for == day + dt.timedelta(days=1)


@time_machine.travel(dt.datetime(2026, 3, 10, 7, tzinfo=dt.timezone(dt.timedelta(hours=7))), tick=False)
def test_a_run_for_a_day_after_today_records_nothing() -> None:
    with daily.since_last_run("thu.viec", dt.date(2026, 3, 10)):
        pass
    with daily.since_last_run("thu.viec", dt.date(2026, 3, 11)) as since:  # a trial for tomorrow
        assert since is not None and since.day == dt.date(2026, 3, 10)
    last = daily.last_run("thu.viec")
    assert last is not None and last.day == dt.date(2026, 3, 10)
