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


def _window(event: str, days: int, today: dt.date, since: LastRun | None, then: int | None = None) -> Q:
    """The petitions (a range of due dates) entering `event` today, for a unit whose N or M is `days`
    today and was `then` on the last run's day: the event's date falls after what that run covered."""
    then = days if then is None else then
    if event == "before":
        now, after = Q(due_on__gte=today, due_on__lte=today + dt.timedelta(days=days)), "due_on__gt"
        edge = since.day + dt.timedelta(days=then) if since else None
    elif event == "overdue":
        now, after = Q(due_on__lt=today), "due_on__gte"
        edge = since.day if since else None
    else:
        now, after = Q(due_on__lte=today - dt.timedelta(days=days)), "due_on__gt"
        edge = since.day - dt.timedelta(days=then) if since else None
    return now if edge is None else now & Q(**{after: edge})


Rules = dict[str, UnitValues]


def _rules(today: dt.date, since: LastRun | None) -> tuple[Rules, Rules]:
    """N and M today and on the last run's day (a changed N or M moves a window's far end, while its near
    end stays where the last run stopped: nothing is skipped or told twice)."""
    days = [today] if since is None else [today, since.day]
    values = rulebook.resolvers_on(list(_DAYS_RULE.values()), days)
    now = {event: values[today][key] for event, key in _DAYS_RULE.items()}
    then = now if since is None else {event: values[since.day][key] for event, key in _DAYS_RULE.items()}
    return now, then


def _widest(event: str, rules: Rules) -> int:
    if event == "overdue":
        return 0
    return rules[event].largest if event == "before" else rules[event].smallest


def due(today: dt.date) -> QuerySet[Petition, int]:
    """The events today's scan has to tell when no unit has its own N or M, as one SQL statement over
    three ranges of the due-date index: `due(today).count()` is the floor of the benchmark."""
    since = daily.last_run(JOB)
    now, then = _rules(today, since)
    ranges = [
        Petition.objects.filter(
            _window(event, _widest(event, now), today, since, _widest(event, then)), status__in=OPEN_STATUSES
        )
        .order_by()
        .values_list("id", flat=True)
        for event in EVENTS
    ]
    return ranges[0].union(*ranges[1:], all=True)


def _entering(
    event: str, today: dt.date, since: LastRun | None, now: Rules, then: Rules
) -> QuerySet[Petition]:
    """The open petitions entering `event` today. With no override the one window is exact; with
    overrides, the units in the widest window are grouped by their own N (or M), one window each."""
    open_ = Petition.objects.filter(status__in=OPEN_STATUSES)
    if event == "overdue":
        return open_.filter(_window(event, 0, today, since))
    if not now[event].overrides and not then[event].overrides:
        return open_.filter(_window(event, now[event].national, today, since, then[event].national))
    # Which units have a petition anywhere in the widest window today (whatever the last run saw).
    widest = _window(event, _widest(event, now), today, None)
    by_days: dict[tuple[int, int], list[int]] = defaultdict(list)
    for unit_id, path in open_.filter(widest).values_list("unit_id", "unit__path").distinct():
        unit = rulebook.PathLineage(path)
        by_days[(now[event].for_unit(unit), then[event].for_unit(unit))].append(unit_id)
    if not by_days:
        return open_.none()
    return open_.filter(
        reduce(
            or_,
            (
                Q(unit_id__in=units) & _window(event, days, today, since, before)
                for (days, before), units in by_days.items()
            ),
        )
    )


def daily_job(today: dt.date) -> dict[str, int]:
    """Petitions' part of the daily round (registry daily_jobs): counts by event, and notifications."""
    with daily.since_last_run(JOB, today) as since:
        now, then = _rules(today, since)
        per_event = [
            _entering(event, today, since, now, then)
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
    manager: bool = False  # told as a unit's manager for at least one group
    agencies: set[tuple[int, int]] = field(default_factory=set)  # (unit, agency) told as its officer


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
            if user in bosses:
                share.manager = True
            else:
                share.agencies.add((g["unit_id"], g["agency_id"]))
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
    # An agency's officer opens the inbox filtered to the agency; anyone who also manages, or answers for
    # several agencies, opens it whole, so that every petition counted is in the list.
    agency_id = None
    if not share.manager and len(share.agencies) == 1:
        unit_id, agency_id = next(iter(share.agencies))
    body = (
        "Mở hộp phản ánh để xem từng phản ánh; phản ánh quá hạn được xếp trước."
        if len(share.by_unit) == 1
        else f"Phản ánh ở {len(share.by_unit)} đơn vị; liên kết mở đơn vị có nhiều nhất."
    )
    # The newest petition told about is in the key: a repeated run is not a second message.
    key = f"{KIND}:digest:{today:%Y%m%d}:{share.last_id}"
    return Message(user_id=user, key=key, title=title, body=body, url=inbox(unit_id, agency_id))


def _letters(today: dt.date, since: LastRun | None) -> tuple[int, int]:
    """Letters still undecided past their deadline (hạn xử lý đơn): the unit's managers hear once, with
    the count, the day after the deadline. A letter registered already past a deadline the scan has gone
    by is told at registration (`letter_registered`)."""
    late = Letter.objects.filter(outcome=Outcome.PENDING, process_by__lt=today)
    if since is not None:
        late = late.filter(process_by__gte=since.day)
    # Pending letters are few: read them plainly (grouping in SQL made the planner walk the register).
    per_unit: dict[int, list[int]] = defaultdict(list)
    for unit_id, pk in late.order_by().values_list("unit_id", "pk"):
        per_unit[unit_id].append(pk)
    by_unit = managers(set(per_unit)) if per_unit else {}
    messages = [
        Message(
            user_id=user,
            key=f"{KIND}:letter-digest:{today:%Y%m%d}:{max(ids)}",
            title=f"Quá hạn xử lý đơn: {len(ids)} đơn chưa xử lý",
            body="Sổ xử lý đơn liệt kê đơn chưa xử lý trước, theo hạn.",
            url=reverse("petitions:register", args=[unit_id]),
        )
        for unit_id, ids in per_unit.items()
        for user in by_unit.get(unit_id, set())
    ]
    return sum(len(ids) for ids in per_unit.values()), deliver(messages)


def letter_registered(letter: Letter) -> int:
    """A letter registered with its deadline already behind the daily scan's last run (received by post
    days before): the scan will not reach back to it, so the unit's managers hear now."""
    last = daily.last_run(JOB)
    if last is None or letter.process_by >= last.day:
        return 0  # the next run tells it, if it is still pending then
    users = managers({letter.unit_id}).get(letter.unit_id, set())
    title = (
        f"Đơn vào sổ đã quá hạn xử lý từ {letter.process_by:%d/%m/%Y}: {letter.tracking_code} "
        f"({letter.subject[:80]})"
    )
    url = reverse("petitions:letter", args=[letter.pk])
    return deliver(
        Message(user_id=u, key=f"{KIND}:letter:{letter.pk}:late", title=title, url=url) for u in users
    )
