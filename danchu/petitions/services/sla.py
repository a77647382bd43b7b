"""Đôn đốc phản ánh: the daily scan of open petitions against their clocks.

Three events, each once per clock (a marker on the row; a reopened petition gets fresh markers): a
reminder N days before the due date to the agency, the overdue mark on the day after it (to the agency
and the unit's managers), and the escalation M days after it to the managers. N and M are the house's
`reminder.days_before` and `reminder.escalate_days_overdue`. The scan reads only the rows that still need
an event (a partial index on open petitions by due date), in plain rows, and writes markers in bulk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from danchu.accounts.notifications import Message, deliver
from danchu.core import rulebook

from ..models import OPEN_STATUSES, Letter, Outcome, Petition
from .notify import KIND, agency_officers, managers, url

CHUNK = 5000
_FIELDS = ("pk", "due_on", "unit_id", "unit__path", "agency_id", "letter__tracking_code", "letter__subject")


def due_queries(today: dt.date) -> Iterator[tuple[str, str, Q]]:
    """(event, marker, which open petitions) with the widest window of any province."""
    before = rulebook.resolver("reminder.days_before", on=today)
    escalate = rulebook.resolver("reminder.escalate_days_overdue", on=today)
    yield "before", "reminded_on", Q(due_on__gte=today, due_on__lte=today + dt.timedelta(days=before.largest))
    yield "overdue", "overdue_on", Q(due_on__lt=today)
    yield "escalate", "escalated_on", Q(due_on__lte=today - dt.timedelta(days=escalate.smallest))


def count_due(today: dt.date) -> int:
    """How many events today's scan has to send (the floor the benchmark compares the scan with)."""
    return sum(
        Petition.objects.filter(window, status__in=OPEN_STATUSES, **{f"{marker}__isnull": True}).count()
        for _event, marker, window in due_queries(today)
    )


class _Lineage:
    def __init__(self, path: str) -> None:
        self.path = path

    def lineage_ids(self) -> list[int]:
        return [int(p) for p in reversed(self.path.strip("/").split("/")) if p]


def daily_job(today: dt.date) -> dict[str, int]:
    """Petitions' part of the daily round (registry daily_jobs): counts by event, and notifications."""
    before = rulebook.resolver("reminder.days_before", on=today)
    escalate = rulebook.resolver("reminder.escalate_days_overdue", on=today)
    counts: dict[str, int] = {}
    sent = 0
    link = _Link()
    for event, marker, window in due_queries(today):
        pending = Petition.objects.filter(window, status__in=OPEN_STATUSES, **{f"{marker}__isnull": True})
        # Unordered, so that the planner reads the event's partial index (only unmarked rows) and not the
        # table in key order; sorted here for chunks in a stable order.
        ids = sorted(pending.values_list("pk", flat=True))
        # Only a province's own N or M (an override) can leave a row of the widest window not yet due.
        resolved = {"before": before, "escalate": escalate}.get(event)
        per_unit = resolved if resolved is not None and resolved.overrides else None
        done = 0
        for start in range(0, len(ids), CHUNK):
            with transaction.atomic():
                rows = list(Petition.objects.filter(pk__in=ids[start : start + CHUNK]).values(*_FIELDS))
                if per_unit is not None:
                    sign = 1 if event == "before" else -1
                    rows = [
                        r
                        for r in rows
                        if r["due_on"]
                        <= today + dt.timedelta(days=sign * per_unit.for_unit(_Lineage(r["unit__path"])))
                    ]
                sent += deliver(_messages(rows, event, link))
                Petition.objects.filter(pk__in=[r["pk"] for r in rows]).update(**{marker: today})
                done += len(rows)
        counts[f"petition.{event}"] = done
    late, notified = _letters(today)
    return {**counts, "letter.overdue": late, "notifications": sent + notified}


class _Link:
    """A petition's page, reversed once for the batch (reverse() per message cost more than the SQL)."""

    _SENTINEL = 987654321987654321

    def __init__(self) -> None:
        self.head, self.tail = url(self._SENTINEL).split(str(self._SENTINEL))

    def __call__(self, petition_id: int) -> str:
        return f"{self.head}{petition_id}{self.tail}"


def _letters(today: dt.date) -> tuple[int, int]:
    """Letters still undecided past their deadline (hạn xử lý đơn): the unit's managers hear once."""
    rows = list(
        Letter.objects.filter(outcome=Outcome.PENDING, process_by__lt=today, overdue_on__isnull=True).values(
            "pk", "unit_id", "tracking_code", "subject", "process_by"
        )
    )
    if not rows:
        return 0, 0
    by_unit = managers({r["unit_id"] for r in rows})
    messages = [
        Message(
            user_id=user,
            key=f"{KIND}:letter:{r['pk']}:overdue",
            title=f"Đơn quá hạn xử lý từ {r['process_by']:%d/%m/%Y}: {r['tracking_code']} "
            f"({r['subject'][:80]})",
            url=reverse("petitions:letter", args=[r["pk"]]),
        )
        for r in rows
        for user in by_unit.get(r["unit_id"], set())
    ]
    with transaction.atomic():
        sent = deliver(messages)
        Letter.objects.filter(pk__in=[r["pk"] for r in rows]).update(overdue_on=today)
    return len(rows), sent


def _messages(rows: list[dict[str, Any]], event: str, link: _Link) -> list[Message]:
    """The agency hears before and at the due date, the managers at and after it (and before it when no
    agency has the petition yet)."""
    by_unit = managers({r["unit_id"] for r in rows})
    by_agency = agency_officers({r["agency_id"] for r in rows if r["agency_id"]})
    out: list[Message] = []
    for r in rows:
        doers = by_agency.get(r["agency_id"], set()) if r["agency_id"] else set()
        bosses = by_unit.get(r["unit_id"], set())
        users = {"before": doers or bosses, "overdue": doers | bosses, "escalate": bosses}[event]
        due = r["due_on"]
        what = f"phản ánh {r['letter__tracking_code']} ({r['letter__subject'][:80]})"
        title = {
            "before": f"Sắp đến hạn {due:%d/%m/%Y}: {what}",
            "overdue": f"Quá hạn từ {due:%d/%m/%Y}: {what}",
            "escalate": f"Phản ánh quá hạn chưa giải quyết: {what}, hạn {due:%d/%m/%Y}",
        }[event]
        key = f"{KIND}:{r['pk']}:{event}:{due:%Y%m%d}"
        page = link(r["pk"])
        out.extend(Message(user_id=u, key=key, title=title, url=page) for u in users)
    return out
