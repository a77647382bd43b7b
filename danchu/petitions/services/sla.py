"""Đôn đốc phản ánh: the daily scan of open petitions against their clocks.

Three events, each once per clock: a reminder N days before the due date, the overdue mark on the day
after it, and the escalation M days after it. N and M are the house's `reminder.days_before` and
`reminder.escalate_days_overdue`, which a province (or a commune) may override.

The scan asks what came due since its last run (`core.daily.since_last_run`): a petition enters an event
when the event's date fell after that run (the first run: every petition already past it). Nothing is
written per petition: per event, one grouped read of a range of the due-date index says who has how
many, and each person hears once a day, with a count per event and a link to the inbox (overdue first).
An agency with forty overdue petitions and six coming due gets one message, not forty-six emails.

A clock is set at intake and at reopening, never in the past, so only the reminder can be skipped: when
a petition's clock starts inside the reminder window (a one-day category), the agency already has its
date from the message that gave it the petition (or reopened it).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Count, Max, Q, QuerySet, Value
from django.urls import reverse

from danchu.accounts.notifications import Message, deliver
from danchu.core import daily, rulebook
from danchu.core.daily import LastRun
from danchu.core.rulebook import UnitValues

from ..models import OPEN_STATUSES, Letter, Outcome, Petition
from .notify import KIND, managers, responsible

JOB = "petitions.sla"
EVENTS = ("before", "overdue", "escalate")
_DAYS_RULE = {"before": "reminder.days_before", "escalate": "reminder.escalate_days_overdue"}


def _window(event: str, days: int, today: dt.date, since: LastRun | None) -> Q:
    """The petitions (a range of due dates) entering `event` today, for a unit whose N or M is `days`:
    the event's date is in (last run, today]."""
    if event == "before":
        now, after = Q(due_on__gte=today, due_on__lte=today + dt.timedelta(days=days)), "due_on__gt"
        edge = since.day + dt.timedelta(days=days) if since else None
    elif event == "overdue":
        now, after = Q(due_on__lt=today), "due_on__gte"
        edge = since.day if since else None
    else:
        now, after = Q(due_on__lte=today - dt.timedelta(days=days)), "due_on__gt"
        edge = since.day - dt.timedelta(days=days) if since else None
    return now if edge is None else now & Q(**{after: edge})


def _rules(today: dt.date) -> dict[str, UnitValues]:
    values = rulebook.resolvers(*_DAYS_RULE.values(), on=today)
    return {event: values[key] for event, key in _DAYS_RULE.items()}


def _widest(event: str, rules: dict[str, UnitValues]) -> int:
    if event == "overdue":
        return 0
    return rules[event].largest if event == "before" else rules[event].smallest


def due(today: dt.date) -> QuerySet[Petition, int]:
    """Every event today's scan has to tell, as one SQL statement over three ranges of the due-date
    index (by the widest window of any unit): `due(today).count()` is the floor of the benchmark."""
    since, rules = daily.last_run(JOB), _rules(today)
    ranges = [
        Petition.objects.filter(_window(event, _widest(event, rules), today, since), status__in=OPEN_STATUSES)
        .order_by()
        .values_list("id", flat=True)
        for event in EVENTS
    ]
    return ranges[0].union(*ranges[1:], all=True)


class _Lineage:
    def __init__(self, path: str) -> None:
        self.path = path

    def lineage_ids(self) -> list[int]:
        return [int(p) for p in reversed(self.path.strip("/").split("/")) if p]


def _entering(
    event: str, today: dt.date, since: LastRun | None, rules: dict[str, UnitValues]
) -> QuerySet[Petition]:
    """The open petitions entering `event` today. With no override the one window is exact; with
    overrides, the units in the widest window are grouped by their own N (or M), one window each."""
    open_ = Petition.objects.filter(status__in=OPEN_STATUSES)
    if event == "overdue" or not rules[event].overrides:
        return open_.filter(_window(event, _widest(event, rules), today, since))
    # Which units have a petition anywhere in the widest window today (whatever the last run saw).
    widest = _window(event, _widest(event, rules), today, None)
    by_days: dict[int, list[int]] = defaultdict(list)
    for unit_id, path in open_.filter(widest).values_list("unit_id", "unit__path").distinct():
        by_days[rules[event].for_unit(_Lineage(path))].append(unit_id)
    if not by_days:
        return open_.none()
    return open_.filter(
        reduce(
            or_,
            (Q(unit_id__in=units) & _window(event, days, today, since) for days, units in by_days.items()),
        )
    )


def daily_job(today: dt.date) -> dict[str, int]:
    """Petitions' part of the daily round (registry daily_jobs): counts by event, and notifications."""
    with daily.since_last_run(JOB, today) as since:
        rules = _rules(today)
        per_event = [
            _entering(event, today, since, rules)
            .order_by()
            .values("unit_id", "agency_id")
            .annotate(n=Count("id"), last=Max("id"), event=Value(event))
            for event in EVENTS
        ]
        # One statement for the three events: the floor's ranges, grouped by who answers for them.
        groups = list(per_event[0].union(*per_event[1:], all=True))
        sent = deliver(_digests(groups, today))
        late, notified = _letters(today, since)
    counts = {f"petition.{event}": sum(g["n"] for g in groups if g["event"] == event) for event in EVENTS}
    return {**counts, "letter.overdue": late, "notifications": sent + notified}


@dataclass
class _Share:
    """What one person hears today: how many petitions per event, in which units' inboxes."""

    by_event: dict[str, int] = field(default_factory=dict)
    last_id: int = 0
    by_unit: dict[int, int] = field(default_factory=dict)
    agency_id: int | None = None


def _digests(groups: Sequence[Mapping[str, Any]], today: dt.date) -> list[Message]:
    """The agency hears before and at the due date, the managers at and after it (and before it when no
    agency has the petition yet); each person once a day, with a count per event."""
    by_unit, by_agency = (
        responsible({g["unit_id"] for g in groups}, {g["agency_id"] for g in groups if g["agency_id"]})
        if groups
        else ({}, {})
    )
    shares: dict[int, _Share] = defaultdict(_Share)
    for g in groups:
        doers = by_agency.get(g["agency_id"], set()) if g["agency_id"] else set()
        bosses = by_unit.get(g["unit_id"], set())
        event = g["event"]
        users = {"before": doers or bosses, "overdue": doers | bosses, "escalate": bosses}[event]
        for user in users:
            share = shares[user]
            share.by_event[event] = share.by_event.get(event, 0) + g["n"]
            share.last_id = max(share.last_id, g["last"])
            share.by_unit[g["unit_id"]] = share.by_unit.get(g["unit_id"], 0) + g["n"]
            if user in doers and event != "escalate":
                share.agency_id = g["agency_id"]
    inbox = _Inbox()
    return [_digest(user, share, today, inbox) for user, share in shares.items()]


class _Inbox:
    """A unit's inbox, reversed once for the batch (reverse() per message cost more than the SQL)."""

    _SENTINEL = 987654321987654321

    def __init__(self) -> None:
        self.head, self.tail = reverse("petitions:inbox", args=[self._SENTINEL]).split(str(self._SENTINEL))

    def __call__(self, unit_id: int, agency_id: int | None) -> str:
        link = f"{self.head}{unit_id}{self.tail}"
        return link if agency_id is None else f"{link}?co-quan={agency_id}"


_PARTS = (
    ("overdue", "{n} đã quá hạn"),
    ("escalate", "{n} quá hạn lâu cần chỉ đạo"),
    ("before", "{n} sắp đến hạn"),
)


def _digest(user: int, share: _Share, today: dt.date, inbox: _Inbox) -> Message:
    counts = share.by_event
    title = "Phản ánh cần đôn đốc: " + ", ".join(
        part.format(n=counts[event]) for event, part in _PARTS if event in counts
    )
    unit_id = max(share.by_unit, key=lambda u: share.by_unit[u])
    body = (
        "Mở hộp phản ánh để xem từng phản ánh; phản ánh quá hạn được xếp trước."
        if len(share.by_unit) == 1
        else f"Phản ánh ở {len(share.by_unit)} đơn vị; liên kết mở đơn vị có nhiều nhất."
    )
    # The newest petition told about is in the key: a second run the same day with new entries is a new
    # message, a repeated one is not.
    key = f"{KIND}:digest:{today:%Y%m%d}:{share.last_id}"
    return Message(user_id=user, key=key, title=title, body=body, url=inbox(unit_id, share.agency_id))


def _letters(today: dt.date, since: LastRun | None) -> tuple[int, int]:
    """Letters still undecided past their deadline (hạn xử lý đơn): the unit's managers hear once, with
    the count, the day after the deadline (or when a letter is registered already past it)."""
    late = Letter.objects.filter(outcome=Outcome.PENDING, process_by__lt=today)
    if since is not None:  # a letter can be registered already late (received by post days before)
        late = late.filter(Q(process_by__gte=since.day) | Q(created_at__gt=since.started_at))
    # Pending letters are few: read them plainly (grouping in SQL made the planner walk the register).
    per_unit: dict[int, list[int]] = defaultdict(list)
    for unit_id, pk in late.order_by().values_list("unit_id", "pk"):
        per_unit[unit_id].append(pk)
    groups = [{"unit_id": u, "n": len(ids), "last": max(ids)} for u, ids in per_unit.items()]
    by_unit = managers({g["unit_id"] for g in groups}) if groups else {}
    messages = [
        Message(
            user_id=user,
            key=f"{KIND}:letter-digest:{today:%Y%m%d}:{g['last']}",
            title=f"Quá hạn xử lý đơn: {g['n']} đơn chưa xử lý",
            body="Sổ xử lý đơn liệt kê đơn chưa xử lý trước, theo hạn.",
            url=reverse("petitions:register", args=[g["unit_id"]]),
        )
        for g in groups
        for user in by_unit.get(g["unit_id"], set())
    ]
    return sum(g["n"] for g in groups), deliver(messages)
