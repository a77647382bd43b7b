"""Races on a decision, on SQLite (file) and PostgreSQL: many households at once with second ballots by
another channel at the same moment (0 lost, 0 double), and concurrent state transitions (one wins)."""

from __future__ import annotations

import pytest

from danchu.core.models import AuditEntry
from danchu.core.tests.concurrency import need_shared_database, race
from danchu.decisions import services
from danchu.decisions.models import Choice, Conflict, Participation, Receipt

from .conftest import at, ballot, citizen_of, households, options

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _shared_database() -> None:
    need_shared_database()


def test_households_voting_at_once_with_second_ballots_on_paper(tree, personas):
    head = personas["village_head"]
    with at():
        hs = households(tree.village, 18)
        voters = [(h, citizen_of(h)) for h in hs]
        d = ballot(head, tree.village)
        services.issue_paper_ballots(actor=head, decision_id=d.pk)
        codes = {p.household_id: p.code for p in d.paper_ballots.all()}
        approve = options(d)[0]

        def act(i):
            h, user = voters[i // 2]
            if i % 2 == 0:
                return services.cast_online(
                    actor=user, decision_id=d.pk, household_id=h.pk, option_ids=[approve]
                )
            return services.record_paper_return(
                actor=head, decision_id=d.pk, code=codes[h.pk], option_ids=[approve]
            )

        outcome = race(2 * len(voters), act)
    tally = outcome.tally()
    assert set(tally) <= {"ok", "refused"}, tally
    assert tally["ok"] == len(voters) and tally["refused"] == len(voters)
    assert Participation.objects.filter(decision=d).count() == len(voters)  # 0 lost, 0 double
    assert Choice.objects.filter(decision=d).count() == len(voters)
    assert Receipt.objects.filter(decision=d).count() == len(voters)
    assert Conflict.objects.filter(decision=d).count() == len(voters)


def test_a_vote_racing_the_close_lands_before_it_or_not_at_all(tree, personas):
    head = personas["village_head"]
    with at():
        d = ballot(head, tree.village)
        approve = options(d)[0]
        citizen = personas["citizen"]

        def act(i):
            if i == 0:
                return services.close_voting(actor=head, decision_id=d.pk)
            return services.cast_online(
                actor=citizen, decision_id=d.pk, household_id=tree.h1.pk, option_ids=[approve]
            )

        outcome = race(6, act)
    assert set(outcome.tally()) <= {"ok", "refused"}
    d.refresh_from_db()
    assert d.state == "closed"
    assert Participation.objects.filter(decision=d).count() <= 1


@pytest.mark.parametrize("step", ["close_voting", "open_voting"])
def test_transitions_happen_once(tree, personas, step):
    head = personas["village_head"]
    with at():
        d = ballot(head, tree.village)
        if step == "open_voting":
            from .conftest import road

            d = road(head, tree.village, form="ballot", closes_on=d.closes_on, meeting_at=None)
            services.announce(actor=head, decision_id=d.pk)
        outcome = race(8, lambda i: getattr(services, step)(actor=head, decision_id=d.pk))
    assert outcome.tally() == {"ok": 1, "refused": 7}
    action = "decisions.decision.close" if step == "close_voting" else "decisions.decision.open"
    assert AuditEntry.objects.filter(action=action, object_id=str(d.pk)).count() == 1
    if step == "open_voting":
        assert d.register.count() == 2
