"""Concurrent writes on one petition: exactly one succeeds and is audited once; the others are refused in
words. Identical submissions at the same instant make one letter. SQLite (file) and PostgreSQL alike."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import make_user
from danchu.accounts.models import Role
from danchu.core.models import AuditEntry
from danchu.core.tests.concurrency import need_shared_database, race
from danchu.petitions.models import Letter, Petition, Status
from danchu.petitions.services import petitions, rating
from danchu.petitions.services.photos import Upload

from .conftest import at, jpeg, report

pytestmark = pytest.mark.django_db(transaction=True)
RACERS = 8


@pytest.fixture(autouse=True)
def _shared_database() -> None:
    need_shared_database()


def test_one_start_of_many(tree: Any, personas: Any, light: Any, works: Any) -> None:
    doer = make_user("ktht", Role.AGENCY_OFFICER, tree.commune, agency=works)
    with at(2026, 3, 2):
        petition = report(tree.commune, light)
        petitions.route(actor=personas["commune_official"], petition=petition)
        outcome = race(RACERS, lambda i: petitions.start(actor=doer, petition=petition))
    assert outcome.tally() == {"ok": 1, "refused": RACERS - 1}
    assert AuditEntry.objects.filter(action="petitions.petition.start").count() == 1


def test_one_answer_of_many(tree: Any, personas: Any, light: Any) -> None:
    official = personas["commune_official"]
    with at(2026, 3, 2):
        petition = report(tree.commune, light)
        petitions.route(actor=official, petition=petition)
        outcome = race(
            RACERS,
            lambda i: petitions.resolve(
                actor=official, petition=petition, answer=f"Xong {i}", evidence=[Upload("x.jpg", jpeg())]
            ),
        )
    assert outcome.tally() == {"ok": 1, "refused": RACERS - 1}
    assert Petition.objects.get(pk=petition.pk).photos.filter(kind="evidence").count() == 1


def test_one_reopening_of_many(tree: Any, personas: Any, light: Any) -> None:
    official = personas["commune_official"]
    with at(2026, 3, 2):
        petition = report(tree.commune, light)
        petitions.route(actor=official, petition=petition)
        petitions.resolve(
            actor=official, petition=petition, answer="Xong", evidence=[Upload("x.jpg", jpeg())]
        )
        code = petition.letter.tracking_code
        outcome = race(
            RACERS, lambda i: rating.rate(actor=None, petition=petition, rating="not_satisfied", code=code)
        )
    assert outcome.tally() == {"ok": 1, "refused": RACERS - 1}
    found = Petition.objects.get(pk=petition.pk)
    assert found.reopened == 1 and found.status == Status.IN_PROGRESS


def test_identical_submissions_at_once_make_one_letter(tree: Any, light: Any) -> None:
    with at(2026, 3, 2):
        outcome = race(RACERS, lambda i: report(tree.commune, light, photos=0).pk)
    assert not outcome.errors, outcome.errors
    assert len(set(outcome.results)) == 1 and Letter.objects.count() == 1
