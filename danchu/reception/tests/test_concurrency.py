"""Concurrent writes on one record: exactly one succeeds and is audited once; the others are refused in
words (never a server error); two desks logging at once get two numbers. SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt

import pytest

from danchu.core.models import AuditEntry
from danchu.core.tests.concurrency import need_shared_database, race
from danchu.reception import services
from danchu.reception.models import DialogueState, Visit

from .conftest import announce, at, log, make_schedule

pytestmark = pytest.mark.django_db(transaction=True)
RACERS = 8


@pytest.fixture(autouse=True)
def _shared_database() -> None:
    need_shared_database()


def test_eight_publications_of_the_schedule_make_one(tree, personas):
    official = personas["commune_official"]
    with at(2026, 3, 2):
        make_schedule(official, tree.commune)
        outcome = race(RACERS, lambda i: services.publish_schedule(actor=official, unit=tree.commune))
    assert outcome.tally() == {"ok": 1, "refused": RACERS - 1}
    assert AuditEntry.objects.filter(action="reception.schedule.publish").count() == 1


def test_eight_desks_logging_at_once_get_eight_numbers(tree, personas):
    official = personas["commune_official"]
    with at(2026, 3, 2):
        outcome = race(RACERS, lambda i: log(official, tree.commune, visitor_name=f"Người {i}"))
    assert outcome.tally() == {"ok": RACERS}
    assert sorted(Visit.objects.values_list("number", flat=True)) == list(range(1, RACERS + 1))


def test_eight_answers_to_one_visit_make_one(tree, personas):
    official = personas["commune_official"]
    with at(2026, 3, 2):
        visit = log(official, tree.commune)
        outcome = race(
            RACERS,
            lambda i: services.answer_visit(
                actor=official, visit=visit, outcome="accepted", answer=f"Lần {i}"
            ),
        )
    assert outcome.tally() == {"ok": 1, "refused": RACERS - 1}
    assert AuditEntry.objects.filter(action="reception.visit.answer").count() == 1


def test_eight_minutes_of_one_dialogue_make_one(tree, personas):
    official = personas["commune_official"]
    with at(2026, 3, 2):
        dialogue = announce(official, tree.commune, held_on=dt.date(2026, 3, 2), questions_until=None)
        outcome = race(
            RACERS,
            lambda i: services.record_minutes(
                actor=official,
                dialogue=dialogue,
                secretary="Thư ký",
                attendance=10 + i,
                opened_at=dt.time(8),
                closed_at=dt.time(9),
                summary="Diễn biến",
                conclusion="Kết luận",
            ),
        )
    assert outcome.tally() == {"ok": 1, "refused": RACERS - 1}
    dialogue.refresh_from_db()
    assert dialogue.state == DialogueState.HELD
    assert AuditEntry.objects.filter(action="reception.dialogue.minutes").count() == 1


def test_eight_identical_questions_at_once_make_one(tree, personas):
    with at(2026, 3, 2):
        dialogue = announce(personas["commune_official"], tree.commune)
        citizen = personas["citizen"]
        outcome = race(
            RACERS, lambda i: services.register_question(actor=citizen, dialogue=dialogue, text="Vỉa hè?")
        )
    assert outcome.tally() == {"ok": 1, "refused": RACERS - 1}
    assert dialogue.questions.count() == 1
