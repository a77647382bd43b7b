"""Concurrent requests on one consultation: exactly one succeeds, once audited; the others are refused in
words (never a server error), on SQLite (file database) and on PostgreSQL alike."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from danchu.consultations import services
from danchu.consultations.models import Opinion, OpinionGroup
from danchu.core.models import AuditEntry
from danchu.core.tests.concurrency import need_shared_database
from danchu.core.tests.concurrency import race as run_together
from danchu.disclosures.models import Disclosure

from .conftest import at
from .factories import make

pytestmark = pytest.mark.django_db(transaction=True)
RACERS = 8


@pytest.fixture(autouse=True)
def _shared_database() -> None:
    need_shared_database()


def race(user: Any, send: Any, n: int = RACERS) -> list[int]:
    clients = []
    for _ in range(n):
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        clients.append(client)
    outcome = run_together(n, lambda i: send(clients[i]).status_code)
    assert not outcome.errors, outcome.errors
    return sorted(outcome.results)  # type: ignore[type-var]


def test_concurrent_launches_make_one(tree, personas):
    official = personas["commune_official"]
    with at(2026, 3, 2):
        consultation = make(official, tree.commune, launch=False)
        codes = race(official, lambda c: c.post(f"/api/v1/consultations/{consultation.pk}/launch"))
    assert codes == [200] + [400] * (RACERS - 1), codes
    assert AuditEntry.objects.filter(action="consultations.consultation.launch").count() == 1


def test_concurrent_closings_and_publications_make_one_each(tree, personas):
    official = personas["commune_official"]
    with at(2026, 3, 2):
        consultation = make(official, tree.commune)
    with at(2026, 3, 17):
        codes = race(
            official,
            lambda c: c.post(
                f"/api/v1/consultations/{consultation.pk}/close",
                {"conclusion": "Đã tổng hợp."},
                content_type="application/json",
            ),
        )
        assert codes == [200] + [400] * (RACERS - 1), codes
        codes = race(official, lambda c: c.post(f"/api/v1/consultations/{consultation.pk}/publish"))
    assert codes == [200] + [400] * (RACERS - 1), codes
    assert AuditEntry.objects.filter(action="consultations.consultation.close").count() == 1
    assert Disclosure.objects.count() == 1


def test_the_same_opinions_are_grouped_once(tree, personas):
    official = personas["commune_official"]
    with at(2026, 3, 2):
        consultation = make(official, tree.commune)
        a = services.give(actor=personas["citizen"], consultation=consultation, text="Mở rộng đường")
        b = services.give(actor=personas["citizen"], consultation=consultation, text="Mo rong duong")
        codes = race(
            official,
            lambda c: c.post(
                f"/api/v1/consultations/{consultation.pk}/groups",
                {"label": "Đường", "opinion_ids": [a.pk, b.pk]},
                content_type="application/json",
            ),
        )
    assert codes == [201] + [400] * (RACERS - 1), codes
    assert OpinionGroup.objects.count() == 1


def test_a_double_submitted_opinion_is_kept_once(tree, personas):
    with at(2026, 3, 2):
        consultation = make(personas["commune_official"], tree.commune)
        codes = race(
            personas["citizen"],
            lambda c: c.post(
                f"/api/v1/consultations/{consultation.pk}/opinions",
                {"text": "Đồng ý với dự thảo"},
                content_type="application/json",
            ),
        )
    assert codes == [201] + [400] * (RACERS - 1), codes
    assert Opinion.objects.count() == 1
