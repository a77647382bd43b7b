"""Regressions from the hostile probe: empty ballots, another household's receipt, live secret counts."""

from __future__ import annotations

from typing import Any

import pytest

from danchu.core.errors import DomainError
from danchu.core.models import AuditEntry
from danchu.decisions import selectors, services
from danchu.decisions.models import Choice, Participation

from .conftest import ballot, citizen_of, options

pytestmark = pytest.mark.usefixtures("clock")


def _audits() -> int:
    return AuditEntry.objects.count()


def test_an_empty_or_double_choice_is_refused_and_changes_nothing(tree: Any, personas: Any) -> None:
    d = ballot(personas["village_head"], tree.village)
    approve, disapprove = options(d)
    before = _audits()
    for bad in ([], [approve, disapprove], [approve, approve]):
        with pytest.raises(DomainError) as caught:
            services.cast_online(
                actor=personas["citizen"], decision_id=d.pk, household_id=tree.h1.pk, option_ids=bad
            )
        assert caught.value.field == "options"
    with pytest.raises(DomainError, match="Chưa chọn phương án"):
        services.cast_online(
            actor=personas["citizen"], decision_id=d.pk, household_id=tree.h1.pk, option_ids=[]
        )
    assert not Participation.objects.filter(decision=d).exists()
    assert _audits() == before


def test_a_secret_receipt_changes_only_its_own_households_vote(tree: Any, personas: Any) -> None:
    d = ballot(personas["village_head"], tree.village, matter_code="other", secret=True)
    approve, disapprove = options(d)
    other = citizen_of(tree.h2)
    theirs = services.cast_online(
        actor=other, decision_id=d.pk, household_id=tree.h2.pk, option_ids=[approve]
    )
    services.cast_online(
        actor=personas["citizen"], decision_id=d.pk, household_id=tree.h1.pk, option_ids=[approve]
    )
    before = _audits()
    with pytest.raises(DomainError, match="không phải mã của hộ này"):
        services.cast_online(
            actor=personas["citizen"],
            decision_id=d.pk,
            household_id=tree.h1.pk,
            option_ids=[disapprove],
            receipt=theirs,
        )
    assert list(Choice.objects.filter(decision=d).values_list("option_id", flat=True)) == [approve, approve]
    assert _audits() == before
    services.cast_online(
        actor=other, decision_id=d.pk, household_id=tree.h2.pk, option_ids=[disapprove], receipt=theirs
    )
    services.close_voting(actor=personas["village_head"], decision_id=d.pk)
    assert not Participation.objects.filter(decision=d).exclude(receipt_check="").exists()


def test_secret_counts_stay_hidden_until_tallied(tree: Any, personas: Any) -> None:
    head = personas["village_head"]
    d = ballot(head, tree.village, matter_code="other", secret=True)
    approve, _no = options(d)
    services.cast_online(
        actor=personas["citizen"], decision_id=d.pk, household_id=tree.h1.pk, option_ids=[approve]
    )
    live = selectors.compute_result(d)
    assert live.participated == 1
    assert all(o.count == 0 and not o.passes for q in live.questions for o in q.options)
    assert live.counts_hidden
    services.close_voting(actor=head, decision_id=d.pk)
    d.refresh_from_db()
    assert selectors.compute_result(d).counts_hidden
    d = services.tally(actor=head, decision_id=d.pk)
    shown = selectors.compute_result(d)
    assert not shown.counts_hidden and shown.questions[0].options[0].count == 1


HUGE = 99999999999999999999


def test_huge_integers_are_refused_not_a_500(tree: Any, personas: Any, login: Any) -> None:
    head = personas["village_head"]
    d = ballot(head, tree.village)
    approve, _no = options(d)
    official = login(head)
    created = official.post(
        f"/api/v1/units/{tree.village.pk}/decisions",
        {
            "matter": "infrastructure",
            "title": "Bê tông hóa",
            "form": "ballot",
            "closes_on": "2026-03-20",
            "questions": [
                {"text": "Góp tiền?", "kind": "choice", "options": [{"label": "A", "amount": HUGE}]}
            ],
        },
        content_type="application/json",
    )
    # The API's parser refuses an integer beyond 64 bits before any schema sees it (api/base.py).
    assert created.status_code == 400 and "số nguyên quá lớn" in created.json()["detail"]
    attendance = official.post(
        f"/api/v1/decisions/{d.pk}/attendance",
        {"household_id": HUGE, "attendee": "An"},
        content_type="application/json",
    )
    assert attendance.status_code == 400
    citizen = login(personas["citizen"])
    for body in (
        {"option_ids": [HUGE], "household_id": tree.h1.pk},
        {"option_ids": [approve], "household_id": HUGE},
    ):
        response = citizen.post(f"/api/v1/decisions/{d.pk}/ballots", body, content_type="application/json")
        assert response.status_code == 400
    assert not Participation.objects.filter(decision=d).exists()


def test_the_tally_endpoint_withholds_live_secret_counts(tree: Any, personas: Any, login: Any) -> None:
    head = personas["village_head"]
    d = ballot(head, tree.village, matter_code="other", secret=True)
    approve, _no = options(d)
    services.cast_online(
        actor=personas["citizen"], decision_id=d.pk, household_id=tree.h1.pk, option_ids=[approve]
    )
    official = login(head)
    body = official.get(f"/api/v1/decisions/{d.pk}/tally").json()
    assert body["participated"] == 1 and body["counts_hidden"] is True
    assert all(o["count"] == 0 for q in body["questions"] for o in q["options"])


def test_an_empty_title_is_named_in_vietnamese(tree: Any, personas: Any) -> None:
    with pytest.raises(DomainError) as caught:
        ballot(personas["village_head"], tree.village, title="   ")
    assert caught.value.message == "Trường “Tiêu đề” không được để trống." and caught.value.field == "title"


def test_a_household_reads_its_ballot_through_the_api_and_votes(tree: Any, personas: Any, login: Any) -> None:
    d = ballot(personas["village_head"], tree.village)
    citizen = login(personas["citizen"])
    body = citizen.get(f"/api/v1/decisions/{d.pk}/ballot").json()
    assert [h["id"] for h in body["households"]] == [tree.h1.pk] and body["households"][0]["voted"] is False
    option = body["questions"][0]["options"][0]["id"]
    cast = citizen.post(
        f"/api/v1/decisions/{d.pk}/ballots",
        {"option_ids": [option], "household_id": tree.h1.pk},
        content_type="application/json",
    )
    assert cast.status_code == 200
    stranger = login(citizen_of(tree.hs, "nguoingoai"))
    refused = stranger.get(f"/api/v1/decisions/{d.pk}/ballot")
    assert refused.status_code == 403 and "không phải người đại diện" in refused.json()["detail"]
