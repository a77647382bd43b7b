"""Concurrent requests on one disclosure: exactly one succeeds, once audited and once announced; the others
are refused in words (never a server error), on SQLite and on PostgreSQL alike."""

from __future__ import annotations

from typing import Any

import pytest
from django.tasks.signals import task_enqueued
from django.test import Client, override_settings

from danchu.core.models import AuditEntry
from danchu.core.tests.concurrency import need_shared_database
from danchu.core.tests.concurrency import race as run_together
from danchu.disclosures import mail, services
from danchu.disclosures.models import DisclosureState, Subscription

from .conftest import at, draft

pytestmark = pytest.mark.django_db(transaction=True)
RACERS = 12
QUEUE = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@pytest.fixture(autouse=True)
def _shared_database() -> None:
    """Threads need one database; a transactional test empties it, so the rulebook and the catalogue
    that migrations install are put back."""
    need_shared_database()


def race(user: Any, send: Any, n: int = RACERS) -> list[int]:
    """`n` clients, each logged in as `user` beforehand, send at the same instant; their status codes."""
    clients = []
    for _ in range(n):
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        clients.append(client)
    outcome = run_together(n, lambda i: send(clients[i]).status_code)
    assert not outcome.errors, outcome.errors
    return sorted(outcome.results)  # type: ignore[type-var]


class Queued:
    """The announcement mails queued for the worker while the block runs (from any thread)."""

    def __init__(self) -> None:
        self.announcements: list[Any] = []

    def __call__(self, sender: Any, task_result: Any, **kwargs: Any) -> None:
        if task_result.task.func is mail.send_announcement.func:
            self.announcements.append(list(task_result.args))


def test_twenty_publications_of_one_draft_make_one(tree, personas):
    official = personas["commune_official"]
    Subscription.objects.create(
        email="dan@example.vn", unit=tree.commune, token="t" * 40, confirmed_at="2026-01-01T00:00Z"
    )
    queued = Queued()
    with at(2026, 3, 2), override_settings(TASKS=QUEUE):
        disclosure = draft(official, tree.commune)
        task_enqueued.connect(queued)
        try:
            codes = race(official, lambda c: c.post(f"/api/v1/disclosures/{disclosure.pk}/publish"))
        finally:
            task_enqueued.disconnect(queued)
    assert codes == [200] + [400] * (RACERS - 1), codes
    assert AuditEntry.objects.filter(action="disclosures.disclosure.publish").count() == 1
    assert queued.announcements == [[disclosure.pk]]
    disclosure.refresh_from_db()
    assert disclosure.state == DisclosureState.PUBLISHED


def test_concurrent_publication_pages_make_one(tree, personas):
    official = personas["commune_official"]
    with at(2026, 3, 2):
        disclosure = draft(official, tree.commune)
        codes = race(official, lambda c: c.post(f"/cong-khai/{disclosure.pk}/phat-hanh/"))
    assert codes == [302] * RACERS  # each page says, after the redirect, whether it was the one
    assert AuditEntry.objects.filter(action="disclosures.disclosure.publish").count() == 1


def test_concurrent_withdrawals_make_one(tree, personas):
    official = personas["commune_official"]
    with at(2026, 3, 2):
        disclosure = services.publish(actor=official, disclosure=draft(official, tree.commune))
        codes = race(
            official,
            lambda c: c.post(
                f"/api/v1/disclosures/{disclosure.pk}/withdraw",
                {"reason": "Sai số liệu"},
                content_type="application/json",
            ),
        )
    assert codes == [200] + [400] * (RACERS - 1), codes
    assert AuditEntry.objects.filter(action="disclosures.disclosure.withdraw").count() == 1


def test_one_loudspeaker_day_is_logged_once(tree, personas):
    official = personas["commune_official"]
    with at(2026, 3, 2):
        disclosure = services.publish(
            actor=official,
            disclosure=draft(official, tree.commune, channels=["portal", "loudspeaker"]),
        )
        codes = race(
            personas["village_head"],
            lambda c: c.post(
                f"/api/v1/disclosures/{disclosure.pk}/proofs",
                {"channel": "loudspeaker", "day": "2026-03-02", "place": "Loa tổ 1"},
            ),
        )
    assert codes == [201] + [400] * (RACERS - 1), codes
    assert disclosure.proofs.count() == 1


def test_concurrent_confirmations_and_unsubscriptions_record_once(tree):
    with at(2026, 3, 2):
        subscription = services.subscribe(email="dan@example.vn", unit=tree.commune)
        confirmed = run_together(RACERS, lambda i: services.confirm(token=subscription.token))
        left = run_together(RACERS, lambda i: services.unsubscribe(token=subscription.token))
    assert not confirmed.errors and not left.errors
    actions = list(AuditEntry.objects.values_list("action", flat=True).order_by("id"))
    assert actions == [
        "disclosures.subscription.request",
        "disclosures.subscription.confirm",
        "disclosures.subscription.unsubscribe",
    ]
