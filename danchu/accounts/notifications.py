"""In-app notifications with an unread count, and email: one system for every app that reminds users.

Callers describe messages; `deliver` stores them once per (user, event key) and emails the new ones
through the task worker after the transaction commits.
"""

from __future__ import annotations

import json
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.tasks import task
from django.utils import timezone

from .models import Notification, User

# The batch travels as one JSON array of rows, read back by the database's own JSON functions: one
# statement and one parameter for any number of rows (SQLite limits the parameters of a statement, and
# psycopg quotes each parameter in Python, which for a thousand rows cost more than the insert itself).
# SQLite reads with json_extract (its `->>` needs 3.38; Ubuntu 22.04 has 3.37).
_ROWS = {
    "postgresql": ("json_array_elements(%s::json) AS value", "value ->> {}"),
    "sqlite": ("json_each(%s)", "json_extract(value, '$[{}]')"),
}
_INSERT = (
    "INSERT INTO accounts_notification (user_id, key, title, body, url, created_at) "
    "SELECT CAST({0} AS BIGINT), {1}, {2}, {3}, {4}, %s "
    "FROM {rows} WHERE true ON CONFLICT (user_id, key) DO NOTHING"  # WHERE: SQLite's grammar needs it
)
_ROWS_PER_INSERT = 10_000


def _insert(vendor: str) -> str:
    rows, column = _ROWS[vendor]
    return _INSERT.format(*(column.format(i) for i in range(5)), rows=rows)


def _text(value: str, limit: int | None = None) -> str:
    """A NUL is dropped: PostgreSQL cannot store one, and SQLite's JSON functions end the text there."""
    return value.replace("\x00", "")[:limit]


@dataclass(frozen=True)
class Message:
    user_id: int
    key: str  # the event, e.g. "task:42:overdue": a user gets each event once
    title: str
    body: str = ""
    url: str = ""


def deliver(messages: Iterable[Message]) -> int:
    """Store the messages (an event a user already had is skipped by the unique key) and queue their
    emails; returns how many were offered.

    One INSERT for the batch (ten thousand rows at a time): the daily scans may write 10⁵ rows, where
    building model instances costs more than the database does.
    """
    rows = [
        (m.user_id, _text(m.key, 120), _text(m.title, 300), _text(m.body), _text(m.url, 300))
        for m in messages
    ]
    if not rows:
        return 0
    insert, now = _insert(connection.vendor), timezone.now()
    with connection.cursor() as cursor:
        for start in range(0, len(rows), _ROWS_PER_INSERT):
            chunk = json.dumps(rows[start : start + _ROWS_PER_INSERT], ensure_ascii=False)
            cursor.execute(insert, [now, chunk])
    transaction.on_commit(lambda: send_notification_emails.enqueue())
    return len(rows)


@task()
def send_notification_emails() -> int:
    """Email every notification not yet emailed to users who have an address; a failed one is retried
    on the next run, since only the sent ones are marked."""
    pending = (
        Notification.objects.filter(emailed_at__isnull=True).exclude(user__email="").select_related("user")
    )
    sent: list[int] = []
    for notification in pending.iterator(chunk_size=500):
        # the page's path becomes a link that works from a mail program: on this site's address
        link = (
            f"{settings.DANCHU_SITE_URL}{notification.url}"
            if notification.url.startswith("/")
            else notification.url
        )
        body = f"{notification.body}\n\n{link}".strip()
        try:
            send_mail(f"[danchu] {notification.title}", body, None, [notification.user.email])
        except (OSError, smtplib.SMTPException):
            continue
        sent.append(notification.pk)
    Notification.objects.filter(pk__in=sent).update(emailed_at=timezone.now())
    return len(sent)


def unread_count(user: Any) -> int:
    return (
        Notification.objects.filter(user_id=user.pk, read_at__isnull=True).count()
        if user.is_authenticated
        else 0
    )


def mark_read(*, user: User, ids: list[int] | None = None) -> int:
    """Mark the user's own notifications read (all of them when no ids are given)."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
