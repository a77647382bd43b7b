"""Elections of the village head (NĐ 59 Arts. 6–8): the timeline from the rulebook, secret candidates'
ballot, and taking office only on the commune's recognition."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danchu.accounts.models import Role, RoleAssignment
from danchu.core.errors import DomainError
from danchu.core.models import AuditEntry
from danchu.decisions import selectors, services
from danchu.decisions.models import Mandate, Participation

from .conftest import DAY, at, households

ELECTION_DAY = dt.date(2026, 3, 25)


@pytest.fixture
def election(tree: Any, personas: Any) -> Any:
    with at():
        households(tree.village, 3)
        member = tree.h1.members.exclude(pk=tree.h1.representative_id).get()
        return services.create_election(
            actor=personas["commune_official"],
            unit=tree.village,
            office="village_head",
            election_day=ELECTION_DAY,
            candidate_ids=[tree.h1.representative_id, member.pk],
        )


def test_candidates_must_live_in_the_village(tree: Any, personas: Any) -> None:
    with at(), pytest.raises(DomainError, match="nhân khẩu của thôn"):
        services.create_election(
            actor=personas["commune_official"], unit=tree.village, office="village_head",
            election_day=ELECTION_DAY, candidate_ids=[tree.hs.representative_id],
        )  # fmt: skip


def test_the_timeline_follows_the_rulebook(tree: Any, personas: Any, election: Any) -> None:
    steps = {s.field: s for s in services.timeline(election)}
    assert steps["plan_issued_on"].due_on == ELECTION_DAY - dt.timedelta(days=20)
    assert steps["candidates_sent_on"].due_on == ELECTION_DAY - dt.timedelta(days=15)
    official, d = personas["commune_official"], election.decision
    with at():
        services.announce(actor=official, decision_id=d.pk)
        with pytest.raises(DomainError, match="Chưa đủ các bước"):
            services.open_voting(actor=official, decision_id=d.pk)
        with pytest.raises(DomainError, match="không được sau hôm nay"):
            services.record_step(
                actor=official, decision_id=d.pk, field="plan_issued_on", on=DAY + dt.timedelta(1)
            )
    with at(2026, 3, 12), pytest.raises(DomainError, match="chậm nhất ngày 05/03/2026"):
        services.record_step(
            actor=official, decision_id=d.pk, field="plan_issued_on", on=dt.date(2026, 3, 12)
        )
    assert not AuditEntry.objects.filter(action="decisions.election.step").exists()


def test_winner_takes_office_only_on_recognition(tree: Any, personas: Any, election: Any) -> None:
    official, head, d = personas["commune_official"], personas["village_head"], election.decision
    with at():
        for field in services.MILESTONES:
            services.record_step(actor=official, decision_id=d.pk, field=field, on=DAY)
        services.announce(actor=official, decision_id=d.pk)
        services.open_voting(actor=official, decision_id=d.pk)
        for h in d.register.values_list("household_id", flat=True):
            services.record_attendance(actor=head, decision_id=d.pk, household_id=h, attendee="Đại diện")
        first, second = list(d.questions.get().options.order_by("order").values_list("id", flat=True))
        services.record_meeting_counts(actor=head, decision_id=d.pk, counts={first: 4, second: 1})
        assert not Participation.objects.filter(decision=d).exclude(receipt="").exists()
        services.close_voting(actor=head, decision_id=d.pk)
        services.tally(actor=head, decision_id=d.pk)
        services.publish_result(actor=head, decision_id=d.pk)
        assert not Mandate.objects.exists()
        winner_account = personas["citizen"]  # the representative of h1, the first candidate
        services.recognise(actor=official, decision_id=d.pk, number="9/QĐ-UBND", on=DAY)
    mandate = Mandate.objects.get()
    assert (mandate.resident_id, mandate.starts_on) == (tree.h1.representative_id, DAY)
    heads = RoleAssignment.objects.filter(role=Role.VILLAGE_HEAD, unit=tree.village, revoked_at__isnull=True)
    assert list(heads.values_list("user_id", flat=True)) == [winner_account.pk]
    d.refresh_from_db()
    assert selectors.compute_result(d).passed


def test_election_pages(tree: Any, personas: Any, login: Any) -> None:
    from django.urls import reverse

    client = login(personas["commune_official"])
    url = reverse("decisions:election_create", args=[tree.village.pk])
    with at():
        assert client.get(url).status_code == 200
        data = {"office": "village_head", "election_day": "25/03/2026", "seats": 1,
                "candidates": [tree.h1.representative_id]}  # fmt: skip
        response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()[-3000:]
        detail = client.get(response["Location"]).content.decode()
        assert 'id="election"' in detail and "05/03/2026" in detail  # 20 days before the 25th
        d = selectors.Decision.objects.get()
        step = client.post(
            reverse("decisions:election_step", args=[d.pk]), {"field": "plan_issued_on", "on": "02/03/2026"}
        )
        assert step.status_code == 302
        refused = login(personas["citizen"]).post(
            reverse("decisions:election_step", args=[d.pk]), {"field": "team_set_on", "on": "02/03/2026"}
        )
        assert refused.status_code == 403
    assert d.election.plan_issued_on == DAY and d.election.team_set_on is None
