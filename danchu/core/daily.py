"""The daily round (việc hằng ngày): every domain app's daily jobs, declared in its registry (reminders
before and after deadlines, periods opening, disclosures whose window begins), run in app order by
`run_reminders` and its scheduled task."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from . import registry
from .models import DailyRun


def run(today: dt.date) -> dict[str, int]:
    """Each job's counts, added up by key (jobs prefix their own keys; "notifications" is shared)."""
    counts: Counter[str] = Counter()
    for job in registry.daily_jobs():
        counts.update(job(today))
    return dict(counts)


@dataclass(frozen=True)
class LastRun:
    """The day a job last ran for, and when that run began (what changed after it is new to the job)."""

    day: dt.date
    started_at: dt.datetime


def last_run(job: str) -> LastRun | None:
    row = DailyRun.objects.filter(job=job).values_list("ran_for", "started_at").first()
    return LastRun(*row) if row else None


def records(today: dt.date, since: LastRun | None) -> bool:
    """Whether a run for `today` after `since` becomes the job's last run: not one for a day before it,
    nor a trial for a day after the real today (`run_reminders --date`)."""
    return (since is None or since.day <= today) and today <= timezone.localdate()


@contextmanager
def since_last_run(job: str, today: dt.date) -> Iterator[LastRun | None]:
    """Run a job's body in one transaction, given its last run (None the first time), and record this
    one when the body succeeds. Two workers never handle the same day twice: the job's row is locked on
    PostgreSQL, and SQLite's write transaction (begun IMMEDIATE) serialises them. A failed run records
    nothing and the next one covers its days too. A run for a day before the last one, or after today
    (a trial with `run_reminders --date`), records nothing either, so it never moves the real runs."""
    with transaction.atomic():
        runs = DailyRun.objects.filter(job=job)
        row = runs.select_for_update().values_list("ran_for", "started_at").first()
        if row is None:  # the first run ever (a second worker's first run waits on the unique job)
            DailyRun.objects.get_or_create(
                job=job, defaults={"ran_for": dt.date.min, "started_at": timezone.now()}
            )
            row = runs.select_for_update().values_list("ran_for", "started_at").get()
        # Taken once the row is ours: what changes after this instant is the next run's to see.
        started = timezone.now()
        ran_for, started_at = row
        previous = None if ran_for == dt.date.min else LastRun(ran_for, started_at)
        yield previous
        if records(today, previous):
            runs.update(ran_for=today, started_at=started)
