"""Đôn đốc phản ánh: the daily scan of open petitions against their clocks.

Three events, each once per clock: a reminder N days before the due date, the overdue mark on the day
after it, and the escalation M days after it. N and M are the house's `reminder.days_before` and
`reminder.escalate_days_overdue`, which a province (or a commune) may override.

The scan asks what came due since its last run (`core.daily.since_last_run`): a petition enters an event
when the event's date fell after that run (the first run: every petition already past it). Nothing is
written per petition: one statement reads each event's range of the due-date index (and the letters
past their deadline), grouped by unit and agency and joined to who answers for them; each person hears
once a day, with a count per event and a link to the inbox (overdue first). An agency with forty overdue
petitions and six coming due gets one message, not forty-six emails.

A clock is set at intake and at reopening, never in the past, so only the reminder can be skipped: when
a petition's clock starts inside the reminder window (a one-day category), the agency already has its
date from the message that gave it the petition (or reopened it).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter

from django.db import connection
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from danchu.accounts.models import RoleAssignment
from danchu.accounts.notifications import Message, deliver
from danchu.core import daily, rulebook
from danchu.core.daily import LastRun
from danchu.core.rulebook import UnitValues

from ..models import OPEN_STATUSES, Letter, Outcome, Petition
from .notify import KIND, MANAGER_ROLES, managers

JOB = "petitions.sla"
EVENTS = ("before", "overdue", "escalate")
LETTER = "letter"  # a letter's deadline (hạn xử lý đơn) gone by undecided: read in the same statement
_DAYS_RULE = {"before": "reminder.days_before", "escalate": "reminder.escalate_days_overdue"}


@dataclass(frozen=True)
class _Range:
    """Due dates from `start` (None: any) up to `end`, excluded, entering `event` today: in `units` only
    when some unit has its own N or M (None: every unit)."""

    event: str
    start: dt.date | None
    end: dt.date
    units: tuple[int, ...] | None = None


def _span(
    event: str, days: int, today: dt.date, since: LastRun | None, then: int | None = None
) -> tuple[dt.date | None, dt.date]:
    """The due dates entering `event` today, for a unit whose N or M is `days` today and was `then` on the
    last run's day: the event's date falls after what that run covered (the first run: any date)."""
    one, n = dt.timedelta(days=1), dt.timedelta(days=days)
    was = n if then is None else dt.timedelta(days=then)
    if event == "before":  # due within N days, and not already within N days of the last run
        return (today if since is None else max(today, since.day + was + one)), today + n + one
    if event == "overdue":  # due before today, and not before the last run's day
        return (None if since is None else since.day), today
    # escalate: due M days ago or more, and not M days before the last run's day
    return (None if since is None else since.day - was + one), today - n + one


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


def _ranges(today: dt.date, since: LastRun | None, now: Rules, then: Rules) -> list[_Range]:
    """What enters each event today, and the late letters. With no override one range per event is exact;
    with overrides, the units with an open petition in the widest window are grouped by their own N (or
    M), a range each."""
    ranges = []
    for event in EVENTS:
        if event == "overdue":
            ranges.append(_Range(event, *_span(event, 0, today, since)))
            continue
        if not now[event].overrides and not then[event].overrides:
            ranges.append(
                _Range(event, *_span(event, now[event].national, today, since, then[event].national))
            )
            continue
        start, end = _span(event, _widest(event, now), today, None)
        widest = _open_due(start, end)
        by_days: dict[tuple[int, int], list[int]] = defaultdict(list)
        for unit_id, path in widest.values_list("unit_id", "unit__path").distinct():
            unit = rulebook.PathLineage(path)
            by_days[(now[event].for_unit(unit), then[event].for_unit(unit))].append(unit_id)
        ranges += [
            _Range(event, *_span(event, days, today, since, before), units=tuple(units))
            for (days, before), units in by_days.items()
        ]
    # and the letters whose deadline (hạn xử lý đơn) went by since the last run, undecided
    ranges.append(_Range(LETTER, None if since is None else since.day, today))
    return [r for r in ranges if r.start is None or r.start < r.end]


def _open_due(start: dt.date | None, end: dt.date) -> QuerySet[Petition]:
    """Open petitions due from `start` (None: any day) up to `end`, excluded."""
    rows = Petition.objects.filter(status__in=OPEN_STATUSES, due_on__lt=end)
    return rows if start is None else rows.filter(due_on__gte=start)


def due(today: dt.date) -> QuerySet[Petition, int]:
    """The events today's scan has to tell when no unit has its own N or M, as one SQL statement over
    three ranges of the due-date index: `due(today).count()` is the floor of the benchmark."""
    since = daily.last_run(JOB)
    now, then = _rules(today, since)
    ranges = [
        _open_due(start, end).order_by().values_list("id", flat=True)
        for start, end in (
            _span(event, _widest(event, now), today, since, _widest(event, then)) for event in EVENTS
        )
    ]
    return ranges[0].union(*ranges[1:], all=True)


@dataclass
class _Due:
    """One row of the scan's read: how many petitions (or letters) of a unit and agency enter an event on
    one date, and who answers for them."""

    event: str
    unit_id: int
    agency_id: int | None
    n: int
    bosses: set[int] = field(default_factory=set)  # the unit's managers
    doers: set[int] = field(default_factory=set)  # the agency's officers


# The statuses, the letter's outcome and the roles are the code's own constants, written into the SQL as
# literals (SQLite's planner uses a partial index, letter_pending_idx, only for a condition it can read);
# every value that varies is a parameter.
_OPEN = ", ".join(f"'{status}'" for status in OPEN_STATUSES)
_PETITIONS = (
    f"SELECT {{kind}}, due_on, unit_id, agency_id, COUNT(*) FROM {Petition._meta.db_table} "  # noqa: S608
    f"WHERE status IN ({_OPEN}) AND {{where}} GROUP BY due_on, unit_id, agency_id"
)
_LETTERS = (
    f"SELECT {{kind}}, process_by, unit_id, CAST(NULL AS BIGINT), COUNT(*) "  # noqa: S608
    f"FROM {Letter._meta.db_table} WHERE outcome = '{Outcome.PENDING}' AND {{where}} "
    "GROUP BY process_by, unit_id"
)
# Who answers for each row, joined in the same statement (a list of every unit's id to look them up
# after would grow with a province): the unit's managers and its agency's officers, who are assigned in
# the same unit (an agency belongs to the unit that assigns its officers and receives its petitions).
# Materialised, so that PostgreSQL joins the few grouped rows instead of planning a parallel scan.
_WITH_WHO = (
    "WITH due (kind, day, unit_id, agency_id, n) AS MATERIALIZED ({parts}) "  # noqa: S608
    "SELECT due.*, who.user_id, who.role, who.agency_id "
    f"FROM due LEFT JOIN {RoleAssignment._meta.db_table} who "
    "ON who.unit_id = due.unit_id AND who.revoked_at IS NULL AND ("
    f"who.role IN ({', '.join(f"'{role}'" for role in MANAGER_ROLES)}) OR who.agency_id = due.agency_id)"
)
_KINDS = (*EVENTS, LETTER)


def _read(ranges: Sequence[_Range]) -> list[_Due]:
    """Every range, with who answers for it, in one statement. Written in SQL because the ORM's building
    of this union cost more than the database's reading of it; grouped by date first, so that each part
    is read in its index's order with no sort."""
    parts: list[str] = []
    params: list[dt.date | int] = []
    for r in ranges:
        template, column = (_LETTERS, "process_by") if r.event == LETTER else (_PETITIONS, "due_on")
        where = [f"{column} < %s"]
        params.append(r.end)
        if r.start is not None:
            where.append(f"{column} >= %s")
            params.append(r.start)
        if r.units is not None:
            where.append(f"unit_id IN ({', '.join(['%s'] * len(r.units))})")
            params.extend(r.units)
        parts.append(template.format(kind=_KINDS.index(r.event), where=" AND ".join(where)))
    if not parts:
        return []
    with connection.cursor() as cursor:
        cursor.execute(_WITH_WHO.format(parts=" UNION ALL ".join(parts)), params)
        rows = cursor.fetchall()
    found: dict[tuple[int, object, int, int | None], _Due] = {}
    for kind, day, unit_id, agency_id, n, user, role, user_agency in rows:
        due = found.get((kind, day, unit_id, agency_id))
        if due is None:
            due = found[(kind, day, unit_id, agency_id)] = _Due(_KINDS[kind], unit_id, agency_id, n)
        if role in MANAGER_ROLES:
            due.bosses.add(user)
        if agency_id is not None and user_agency == agency_id:
            due.doers.add(user)
    return list(found.values())


def daily_job(today: dt.date) -> dict[str, int]:
    """Petitions' part of the daily round (registry daily_jobs): counts by event, and notifications."""
    with daily.since_last_run(JOB, today) as since:
        rows = _read(_ranges(today, since, *_rules(today, since)))
        # A day has one recorded run (the next one for it finds every range empty): its day is the
        # messages' key. A trial run's messages carry their own instant, so they never take its place.
        stamp = f"{today:%Y%m%d}"
        if not daily.records(today, since):
            stamp += f"-trial-{timezone.now():%H%M%S%f}"
        sent = deliver(_messages(rows, stamp))
    counts = {f"petition.{event}": sum(r.n for r in rows if r.event == event) for event in EVENTS}
    return {**counts, "letter.overdue": sum(r.n for r in rows if r.event == LETTER), "notifications": sent}


@dataclass
class _Share:
    """What one person hears today: how many petitions per event, in which units' inboxes."""

    by_event: dict[str, int] = field(default_factory=dict)
    by_unit: dict[int, int] = field(default_factory=dict)
    manager: bool = False  # told as a unit's manager for at least one group
    agencies: set[tuple[int, int | None]] = field(default_factory=set)  # (unit, agency) told as its officer


def _messages(rows: Sequence[_Due], stamp: str) -> list[Message]:
    """The agency hears before and at the due date, the managers at and after it (and before it when no
    agency has the petition yet); each person once a day, with a count per event. The managers hear of
    late letters in a message of their own, which opens the register."""
    shares: dict[int, _Share] = defaultdict(_Share)
    late: dict[int, list[_Due]] = defaultdict(list)
    for r in rows:
        if r.event == LETTER:
            late[r.unit_id].append(r)
            continue
        doers, bosses = r.doers, r.bosses
        users = {"before": doers or bosses, "overdue": doers | bosses, "escalate": bosses}[r.event]
        for user in users:
            share = shares[user]
            share.by_event[r.event] = share.by_event.get(r.event, 0) + r.n
            share.by_unit[r.unit_id] = share.by_unit.get(r.unit_id, 0) + r.n
            if user in bosses:
                share.manager = True
            else:
                share.agencies.add((r.unit_id, r.agency_id))
    inbox = _Inbox()
    return [_digest(user, share, stamp, inbox) for user, share in shares.items()] + [
        _late_letters(user, unit_id, unit_rows, stamp)
        for unit_id, unit_rows in late.items()
        for user in set().union(*(r.bosses for r in unit_rows))
    ]


class _Inbox:
    """A unit's inbox, reversed once for the batch (reverse() per message cost more than the SQL)."""

    _SENTINEL = 987654321987654321

    def __init__(self) -> None:
        self.head, self.tail = reverse("petitions:inbox", args=[self._SENTINEL]).split(str(self._SENTINEL))

    def __call__(self, unit_id: int, agency_id: int | None) -> str:
        link = f"{self.head}{unit_id}{self.tail}"
        return link if agency_id is None else f"{link}?co-quan={agency_id}"


def _digest(user: int, share: _Share, stamp: str, inbox: _Inbox) -> Message:
    before, overdue, escalate = (share.by_event.get(event, 0) for event in EVENTS)
    parts = [f"{overdue} đã quá hạn"] if overdue else []
    parts += [f"{escalate} quá hạn lâu cần chỉ đạo"] if escalate else []
    parts += [f"{before} sắp đến hạn"] if before else []
    unit_id = max(share.by_unit.items(), key=itemgetter(1))[0]
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
    return Message(
        user_id=user,
        key=f"{KIND}:digest:{stamp}",
        title="Phản ánh cần đôn đốc: " + ", ".join(parts),
        body=body,
        url=inbox(unit_id, agency_id),
    )


def _late_letters(user: int, unit_id: int, rows: Sequence[_Due], stamp: str) -> Message:
    """Letters still undecided past their deadline (hạn xử lý đơn), told once, the day after it. A letter
    registered already past a deadline the scan has gone by is told at registration
    (`letter_registered`)."""
    count = sum(r.n for r in rows)
    return Message(
        user_id=user,
        key=f"{KIND}:letter-digest:{stamp}:{unit_id}",
        title=f"Quá hạn xử lý đơn: {count} đơn chưa xử lý",
        body="Sổ xử lý đơn liệt kê đơn chưa xử lý trước, theo hạn.",
        url=reverse("petitions:register", args=[unit_id]),
    )


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
