"""Concurrent recognition and adoption of one version: one succeeds, once audited; the others are told
why in Vietnamese, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest

from danchu.conventions import services
from danchu.conventions.models import ConventionEvent, ConventionVersion, Opinion, VersionState
from danchu.core.models import AuditEntry
from danchu.core.tests.concurrency import need_shared_database, race

from .conftest import adopt, at, create, post

pytestmark = pytest.mark.django_db(transaction=True)
RACERS = 8


@pytest.fixture(autouse=True)
def _shared_database() -> None:
    need_shared_database()


def test_concurrent_adoptions_record_one(tree, personas):
    version = post(personas, create(personas, tree))
    with at(2026, 4, 2):
        outcome = race(
            RACERS,
            lambda i: services.record_meeting(
                actor=personas["village_head"], version=version, on=None, present=2, approving=2
            ),
        )
    assert outcome.tally() == {"ok": 1, "refused": RACERS - 1}
    assert ConventionVersion.objects.get(pk=version.pk).state == VersionState.ADOPTED
    assert AuditEntry.objects.filter(action="conventions.version.meeting").count() == 1
    assert ConventionEvent.objects.filter(kind="adopted").count() == 1


def test_concurrent_recognitions_recognise_once(tree, personas):
    version = adopt(personas, post(personas, create(personas, tree)))
    with at(2026, 4, 3):
        services.file_with_commune(actor=personas["village_head"], version=version)
    with at(2026, 4, 6):
        outcome = race(
            RACERS,
            lambda i: services.recognise(
                actor=personas["commune_official"], version=version, decision_number=f"{i}/QĐ-UBND"
            ),
        )
    assert outcome.tally() == {"ok": 1, "refused": RACERS - 1}
    assert AuditEntry.objects.filter(action="conventions.version.recognise").count() == 1
    assert ConventionEvent.objects.filter(kind="recognised").count() == 1


def test_online_and_paper_opinions_of_one_household_at_once_keep_one(tree, personas):
    version = post(personas, create(personas, tree))

    def give(i: int) -> object:
        if i % 2:
            return services.give_opinion(actor=personas["citizen"], version=version, text=f"Trực tuyến {i}")
        return services.record_paper_opinion(
            actor=personas["village_head"], version=version, household_id=tree.h1.pk, text=f"Giấy {i}"
        )

    with at(2026, 3, 10):
        outcome = race(RACERS, give)
    assert set(outcome.tally()) <= {"ok", "refused"}
    assert Opinion.objects.filter(version=version, household=tree.h1).count() == 1
