"""Đôn đốc: the daily reminder scan over open tasks and obligations.

Three events each: N days before the date (to those responsible), once the date has passed (to them),
and M days after it (to the focal officers of the unit that gave the work). N and M come from the
rulebook and may differ per province. Each event is handled once: a marker on the row keeps the daily
scan to what still needs a message, and the notification's unique (user, event) key makes a second
message impossible even if two scans race.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.tasks import default_task_backend, task
from django.urls import reverse
from django.utils import timezone

from danchu.accounts.models import Role, RoleAssignment
from danchu.accounts.notifications import Message, deliver
from danchu.core import daily, rulebook

from .models import DirectiveKind, Obligation, PlanStatus, Task, TaskStatus

MANAGER_ROLES = (Role.FOCAL_OFFICER, Role.UNIT_LEADER)
CHUNK = 5000
# Product choice (not a legal rule): the daily round runs at 07:00 local time, before the working day.
DAILY_RUN_HOUR = 7


@dataclass
class ScanResult:
    rows: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    notifications: int = 0


class Recipients:
    """Who receives what, loaded for a whole batch in two queries."""

    def __init__(self, agency_ids: set[int], unit_ids: set[int]) -> None:
        roles = (
            RoleAssignment.objects.filter(revoked_at__isnull=True)
            .filter(Q(agency_id__in=agency_ids) | Q(unit_id__in=unit_ids, role__in=MANAGER_ROLES))
            .values_list("user_id", "agency_id", "unit_id", "role")
        )
        self.by_agency: dict[int, set[int]] = defaultdict(set)
        self.managers: dict[int, set[int]] = defaultdict(set)
        for user_id, agency_id, unit_id, role in roles:
            if agency_id in agency_ids:
                self.by_agency[agency_id].add(user_id)
            if unit_id in unit_ids and role in MANAGER_ROLES:
                self.managers[unit_id].add(user_id)


def scan(today: dt.date | None = None) -> ScanResult:
    """The whole daily round (every app's daily jobs, plans' first), with its counts."""
    counts = daily.run(today or timezone.localdate())
    notifications = counts.pop("notifications", 0)
    return ScanResult(rows=defaultdict(int, counts), notifications=notifications)


def daily_job(today: dt.date) -> dict[str, int]:
    """Plans' part of the daily round: tasks and obligations before, at and after their dates."""
    result = ScanResult()
    _scan_plans(today, result)
    return {**result.rows, "notifications": result.notifications}


def events(today: dt.date) -> tuple[tuple[str, str, Q], ...]:
    """(event, marker field, which due dates) for the three reminders, widest window for the batch."""
    before = rulebook.resolver("reminder.days_before", on=today)
    escalate = rulebook.resolver("reminder.escalate_days_overdue", on=today)
    return (
        (
            "before",
            "reminded_before_at",
            Q(due_on__gte=today, due_on__lte=today + dt.timedelta(days=before.largest)),
        ),
        ("overdue", "reminded_overdue_at", Q(due_on__lt=today)),
        ("escalate", "escalated_at", Q(due_on__lte=today - dt.timedelta(days=escalate.smallest))),
    )


def _scan_plans(today: dt.date, result: ScanResult) -> None:
    open_tasks = Task.objects.filter(Q(plan__status=PlanStatus.ISSUED) | Q(plan__isnull=True)).exclude(
        status=TaskStatus.DONE
    )
    open_obligations = Obligation.objects.filter(fulfilled_at__isnull=True)
    for event, marker, window in events(today):
        for queryset, handler in ((open_tasks, _task_messages), (open_obligations, _obligation_messages)):
            pending = queryset.filter(window, **{f"{marker}__isnull": True}).order_by("pk")
            handle(pending, _FIELDS[queryset.model], marker, event, today, handler, result)


def handle(
    pending: QuerySet[Any],
    fields: tuple[str, ...],
    marker: str,
    event: str,
    today: dt.date,
    handler: Callable[[list[dict[str, Any]], str], list[Message]],
    result: ScanResult,
) -> None:
    """Send one event for the pending rows and mark them, in chunks of plain rows (no model instances: a
    national scan touches ~10⁵ rows). `fields` must name the issuer's path as "…unit__path"."""
    before = rulebook.resolver("reminder.days_before", on=today)
    escalate = rulebook.resolver("reminder.escalate_days_overdue", on=today)
    model = pending.model
    ids = list(pending.values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        with transaction.atomic():
            rows = list(model.objects.filter(pk__in=ids[start : start + CHUNK]).values(*fields))
            due = [row for row in rows if _applies(row, event, today, before, escalate)]
            result.notifications += deliver(handler(due, event))
            model.objects.filter(pk__in=[row["pk"] for row in due]).update(**{marker: timezone.now()})
            result.rows[f"{model._meta.model_name}.{event}"] += len(due)


_FIELDS = {
    Task: (
        "pk",
        "due_on",
        "agency_id",
        "plan_id",
        "unit_id",
        "unit__path",
        "plan__number",
        "plan__symbol",
        "item__path",
        "assignment__name",
        "title",
    ),
    Obligation: (
        "pk",
        "due_on",
        "unit_id",
        "unit__name",
        "directive__kind",
        "directive__plan_id",
        "directive__plan__unit_id",
        "directive__plan__unit__path",
        "directive__plan__number",
        "directive__plan__symbol",
    ),
}
_KIND_LABELS = dict(DirectiveKind.choices)


def _issuer_path(row: dict[str, Any]) -> str:
    path = next((value for key, value in row.items() if key.endswith("unit__path") and value), "/")
    return str(path)


def _applies(
    row: dict[str, Any],
    event: str,
    today: dt.date,
    before: rulebook.UnitValues,
    escalate: rulebook.UnitValues,
) -> bool:
    unit = rulebook.PathLineage(_issuer_path(row))
    if event == "before":
        return bool(row["due_on"] <= today + dt.timedelta(days=before.for_unit(unit)))
    if event == "escalate":
        return bool(row["due_on"] <= today - dt.timedelta(days=escalate.for_unit(unit)))
    return True


def _number(number: str, symbol: str) -> str:
    return f"{number or '   '}/{symbol}" if symbol else number


def _task_messages(rows: list[dict[str, Any]], event: str) -> list[Message]:
    recipients = Recipients({r["agency_id"] for r in rows if r["agency_id"]}, {r["unit_id"] for r in rows})
    messages = []
    for row in rows:
        managers = recipients.managers.get(row["unit_id"], set())
        doers = recipients.by_agency.get(row["agency_id"] or -1) or managers
        users = managers if event == "escalate" else doers
        if row["plan_id"] is None:  # a task another app opened (a decision's implementation…)
            what = f"“{row['title']}”"
        else:
            plan = _number(row["plan__number"], row["plan__symbol"])
            what = f"{row['item__path']} của kế hoạch {plan} ({row['assignment__name']})"
        due = row["due_on"]
        title = {
            "before": f"Sắp đến hạn {due:%d/%m/%Y}: nhiệm vụ {what}",
            "overdue": f"Quá hạn từ {due:%d/%m/%Y}: nhiệm vụ {what}",
            "escalate": f"Nhiệm vụ quá hạn chưa hoàn thành: {what}, hạn {due:%d/%m/%Y}",
        }[event]
        url = reverse("plans:task", args=[row["pk"]])
        messages += [Message(user_id=u, key=f"task:{row['pk']}:{event}", title=title, url=url) for u in users]
    return messages


def _obligation_messages(rows: list[dict[str, Any]], event: str) -> list[Message]:
    units = {r["unit_id"] for r in rows} | {r["directive__plan__unit_id"] for r in rows}
    recipients = Recipients(set(), units)
    messages = []
    for row in rows:
        unit = row["directive__plan__unit_id"] if event == "escalate" else row["unit_id"]
        plan = _number(row["directive__plan__number"], row["directive__plan__symbol"])
        what = f"{_KIND_LABELS[row['directive__kind']]} theo kế hoạch {plan}"
        due = row["due_on"]
        title = {
            "before": f"Sắp đến hạn {due:%d/%m/%Y}: {what}",
            "overdue": f"Quá hạn từ {due:%d/%m/%Y}: {what}",
            "escalate": f"{row['unit__name']} chưa thực hiện: {what}, hạn {due:%d/%m/%Y}",
        }[event]
        url = reverse("plans:detail", args=[row["directive__plan_id"]])
        messages += [
            Message(user_id=u, key=f"obligation:{row['pk']}:{event}", title=title, url=url)
            for u in recipients.managers.get(unit, set())
        ]
    return messages


@task()
def daily_reminders() -> dict[str, int]:
    """The scheduled job: scan, then book tomorrow's run (the worker is the only scheduler)."""
    result = scan()
    if default_task_backend.supports_defer:
        tomorrow = timezone.localtime() + dt.timedelta(days=1)
        run_after = tomorrow.replace(hour=DAILY_RUN_HOUR, minute=0, second=0, microsecond=0)
        daily_reminders.using(run_after=run_after).enqueue()
    return {**result.rows, "notifications": result.notifications}
