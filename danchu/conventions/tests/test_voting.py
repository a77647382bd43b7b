"""Adoption through a `decisions` Decision: the vote is organised after the posting period, run by the
decisions app (attendance per household, quorum, ballot after a failed meeting, tally), and its result
recorded on the version."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import make_household
from danchu.conventions import services
from danchu.conventions.models import ConventionVersion, VersionState
from danchu.core.errors import DomainError
from danchu.decisions import services as decisions
from danchu.decisions.models import Decision, Option

from .conftest import TZ, at

pytestmark = pytest.mark.django_db
MEETING = dt.datetime(2026, 4, 2, 19, 30, tzinfo=TZ)


def _vote(head, version, present, approving):
    with at(2026, 3, 20):
        decision = services.organise_vote(
            actor=head, version=version, meeting_at=MEETING, meeting_place="Nhà văn hóa"
        )
        decisions.announce(actor=head, decision_id=decision.pk)
    with at(2026, 4, 2, 19):
        decisions.open_voting(actor=head, decision_id=decision.pk)
        for household in present:
            decisions.record_attendance(
                actor=head, decision_id=decision.pk, household_id=household.pk, attendee="Chủ hộ"
            )
    return decision


def test_a_meeting_on_the_system_adopts_the_draft(tree, personas, posted):
    head = personas["village_head"]
    decision = _vote(head, posted, [tree.h1, tree.h2], 2)
    approve = Option.objects.get(question__decision=decision, approves=True)
    with at(2026, 4, 2, 21):
        decisions.record_meeting_counts(actor=head, decision_id=decision.pk, counts={approve.pk: 2})
        decisions.close_voting(actor=head, decision_id=decision.pk)
        decisions.tally(actor=head, decision_id=decision.pk)
        with pytest.raises(DomainError, match="không nhập tay"):
            services.record_meeting(actor=head, version=posted, on=None, present=2, approving=2)
        outcome = services.adopt_from_decision(actor=head, version=posted)
    assert outcome.adopted and outcome.total == 2
    version = ConventionVersion.objects.get(pk=posted.pk)
    assert (version.state, version.households_present, version.households_approving) == (
        VersionState.ADOPTED,
        2,
        2,
    )
    assert version.adopted_on == dt.date(2026, 4, 2) and version.decision_id == decision.pk


def test_the_vote_cannot_be_held_within_the_posting_period(tree, personas, posted):
    with at(2026, 3, 20), pytest.raises(DomainError, match="Chưa hết thời gian niêm yết"):
        services.organise_vote(
            actor=personas["village_head"],
            version=posted,
            meeting_at=dt.datetime(2026, 3, 31, 19, tzinfo=TZ),
            meeting_place="Nhà văn hóa",
        )
    assert not Decision.objects.exists()


def test_a_meeting_short_of_quorum_moves_to_a_household_ballot(tree, personas, posted):
    head = personas["village_head"]
    make_household(tree.village, "003", ["Đỗ Văn Em"])
    decision = _vote(head, posted, [tree.h1], 0)
    approve = Option.objects.get(question__decision=decision, approves=True)
    with at(2026, 4, 2, 21), pytest.raises(DomainError, match="chưa đủ số hộ"):
        decisions.record_meeting_counts(actor=head, decision_id=decision.pk, counts={approve.pk: 1})
    with at(2026, 4, 2, 21), pytest.raises(DomainError, match="chưa kiểm phiếu"):
        services.adopt_from_decision(actor=head, version=posted)
    assert ConventionVersion.objects.get(pk=posted.pk).state == VersionState.POSTED


def test_the_household_ballot_after_the_failed_meeting_adopts(tree, personas, posted):
    from danchu.decisions.models import PaperBallot

    head = personas["village_head"]
    make_household(tree.village, "003", ["Đỗ Văn Em"])
    decision = _vote(head, posted, [tree.h1], 0)
    approve = Option.objects.get(question__decision=decision, approves=True)
    with at(2026, 4, 2, 21):
        decisions.switch_to_ballot(actor=head, decision_id=decision.pk, closes_on=dt.date(2026, 4, 9))
        decisions.issue_paper_ballots(actor=head, decision_id=decision.pk)
    with at(2026, 4, 8):
        for ballot in PaperBallot.objects.filter(decision=decision).order_by("number")[:2]:
            decisions.record_paper_return(
                actor=head, decision_id=decision.pk, code=ballot.code, option_ids=[approve.pk]
            )
    with at(2026, 4, 9, 18):
        decisions.close_voting(actor=head, decision_id=decision.pk)
        decisions.tally(actor=head, decision_id=decision.pk)
        outcome = services.adopt_from_decision(actor=head, version=posted)
    assert outcome.adopted and outcome.total == 3 and outcome.needed == 2
    version = ConventionVersion.objects.get(pk=posted.pk)
    assert version.adoption_form == "ballot" and version.failed_meeting_on == dt.date(2026, 4, 2)
    assert version.file_due_on == dt.date(2026, 4, 16)
