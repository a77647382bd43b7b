"""Đôn đốc báo cáo: the reports expected and not yet sent, through the daily round (the plans' reminder
machinery) and the one notification system. Before the due date and once it has passed the reporting
unit is told; some days later the receiving unit's focal officers are. A report ordered by a plan
directive is reminded by the plan's obligation instead (one message, not two). The same job opens the
periods that have begun."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from danchu.accounts.notifications import Message
from danchu.plans.reminders import Recipients, ScanResult, events, handle

from . import periods, services
from .models import REPORTED, RegimeStatus, Submission

FIELDS = (
    "pk",
    "due_on",
    "period",
    "unit_id",
    "unit__name",
    "regime__name",
    "regime__unit_id",
    "regime__unit__path",
)


def daily_job(today: dt.date) -> dict[str, int]:
    """Reports' part of the daily round: open the periods that have begun, remind the missing reports."""
    result = ScanResult()
    scan(today, result)
    return {**result.rows, "notifications": result.notifications}


def scan(today: dt.date, result: ScanResult) -> None:
    result.rows["reports.periods_opened"] += services.open_due_periods(today)
    expected = Submission.objects.filter(regime__status=RegimeStatus.ACTIVE, obligation__isnull=True).exclude(
        status__in=REPORTED
    )
    for event, marker, window in events(today):
        pending = expected.filter(window, **{f"{marker}__isnull": True}).order_by("pk")
        handle(pending, FIELDS, marker, event, today, _messages, result)


def _messages(rows: list[dict[str, Any]], event: str) -> list[Message]:
    recipients = Recipients(set(), {r["unit_id"] for r in rows} | {r["regime__unit_id"] for r in rows})
    messages = []
    for row in rows:
        what = f"{row['regime__name']} — {periods.label(row['period'])}"
        due = row["due_on"]
        title = {
            "before": f"Sắp đến hạn gửi {due:%d/%m/%Y}: {what}",
            "overdue": f"Quá hạn gửi từ {due:%d/%m/%Y}: {what}",
            "escalate": f"{row['unit__name']} chưa gửi {what}, hạn {due:%d/%m/%Y}",
        }[event]
        unit = row["regime__unit_id"] if event == "escalate" else row["unit_id"]
        url = reverse("reports:submission", args=[row["pk"]])
        messages += [
            Message(user_id=u, key=f"report:{row['pk']}:{event}", title=title, url=url)
            for u in recipients.managers.get(unit, set())
        ]
    return messages
