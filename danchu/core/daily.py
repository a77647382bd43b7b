"""The daily job's registry: apps that must act once a day (open periods, announce disclosures whose
window begins) add a function here; `run_reminders` (and its scheduled task) call them all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Job = Callable[[dt.date], dict[str, int]]
_JOBS: list[Job] = []


def register(job: Job) -> None:
    if job not in _JOBS:
        _JOBS.append(job)


def run(today: dt.date) -> dict[str, int]:
    """Each job's counts, merged (keys are prefixed by the jobs themselves)."""
    counts: dict[str, int] = {}
    for job in _JOBS:
        counts.update(job(today))
    return counts
