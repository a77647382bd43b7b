"""The daily round (việc hằng ngày): every domain app's daily jobs, declared in its registry (reminders
before and after deadlines, periods opening, disclosures whose window begins), run in app order by
`run_reminders` and its scheduled task."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from . import registry


def run(today: dt.date) -> dict[str, int]:
    """Each job's counts, added up by key (jobs prefix their own keys; "notifications" is shared)."""
    counts: Counter[str] = Counter()
    for job in registry.daily_jobs():
        counts.update(job(today))
    return dict(counts)
