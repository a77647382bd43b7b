"""In-app notifications with an unread count, and email: one system for every app that reminds users.

Callers describe messages; `deliver` stores them once per (user, event key) and emails the new ones
through the task worker after the transaction commits.
"""

from __future__ import annotations

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

_INSERT = (
    "INSERT INTO accounts_notification (user_id, key, title, body, url, created_at) "
    "VALUES {values} ON CONFLICT (user_id, key) DO NOTHING"
)
_ROWS_PER_INSERT = 1000  # fewer statements for the daily scans; SQLite's own limit may lower it


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

    One parameterised INSERT for the batch: the daily scan may write 10⁵ rows, where building model
    instances costs more than the database does.
    """
    now = timezone.now()
    rows = [(m.user_id, m.key[:120], m.title[:300], m.body, m.url[:300], now) for m in messages]
    if not rows:
        return 0
    limit = connection.features.max_query_params  # None: no limit (PostgreSQL)
    per_insert = _ROWS_PER_INSERT if limit is None else max(1, min(_ROWS_PER_INSERT, limit // 6))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_insert):
            chunk = rows[start : start + per_insert]
            values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(chunk))
            cursor.execute(_INSERT.format(values=values), [value for row in chunk for value in row])
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
