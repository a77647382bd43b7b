"""Citizen initiatives: supports per household, valid for the rulebook's months, reaching the rulebook's
share of the village's households; then the village head puts it to a decision."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danchu.accounts.models import Notification
from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.decisions import services
from danchu.decisions.models import InitiativeState, Support

from .conftest import at, citizen_of, households


def test_supports_reach_the_share_then_a_decision(tree: Any, personas: Any) -> None:
    head = personas["village_head"]
    extra = households(tree.village, 2)  # 4 households: > 1/2 means 3
    with at(2026, 1, 5):
        initiative = services.propose(
            actor=personas["citizen"],
            household_id=tree.h1.pk,
            title="Lắp đèn đường xóm",
            text="Mỗi hộ góp 100.000 đồng",
        )
        with pytest.raises(DomainError, match="đã ủng hộ"):
            services.support(actor=personas["citizen"], initiative_id=initiative.pk, household_id=tree.h1.pk)
        with pytest.raises(DomainError, match="người đại diện"):
            services.support(actor=personas["citizen"], initiative_id=initiative.pk, household_id=tree.h2.pk)
        services.record_paper_support(
            actor=head, initiative_id=initiative.pk, household_id=tree.h2.pk, given_on=dt.date(2026, 1, 5)
        )
    with at(2026, 4, 10):  # the supports of 5/1 lapsed after three months
        services.support(actor=citizen_of(extra[0]), initiative_id=initiative.pk, household_id=extra[0].pk)
        initiative.refresh_from_db()
        assert services.standing(initiative) == (1, 3) and initiative.state == InitiativeState.COLLECTING
        with pytest.raises(DomainError, match="thời hạn hiệu lực"):
            services.record_paper_support(
                actor=head,
                initiative_id=initiative.pk,
                household_id=extra[1].pk,
                given_on=dt.date(2026, 1, 2),
            )
        with pytest.raises(PermissionDeniedError):
            services.record_paper_support(
                actor=personas["sibling_official"],
                initiative_id=initiative.pk,
                household_id=extra[1].pk,
                given_on=dt.date(2026, 4, 10),
            )
    assert Support.objects.count() == 3
    with at(2026, 4, 11):
        Support.objects.filter(household=tree.h1).update(
            given_on=dt.date(2026, 4, 11)
        )  # it gave again on paper
        services.record_paper_support(
            actor=head, initiative_id=initiative.pk, household_id=extra[1].pk, given_on=dt.date(2026, 4, 11)
        )
        initiative.refresh_from_db()
        assert initiative.state == InitiativeState.REACHED
        assert Notification.objects.filter(user=head, key=f"initiative:{initiative.pk}:reached").exists()
        decision = services.put_to_decision(
            actor=head, initiative_id=initiative.pk, form="ballot", closes_on=dt.date(2026, 4, 30)
        )
    assert decision.source == "decisions.initiative" and decision.source_id == initiative.pk
    initiative.refresh_from_db()
    assert initiative.state == InitiativeState.DECIDED and initiative.decision_id == decision.pk


def test_initiative_pages(tree: Any, personas: Any, login: Any) -> None:
    from django.urls import reverse

    from danchu.core.models import AuditEntry

    with at():
        citizen = login(personas["citizen"])
        response = citizen.post(
            reverse("decisions:initiatives"), {"household": tree.h1.pk, "title": "Đèn", "text": "Lắp đèn"}
        )
        assert response.status_code == 302
        initiative = Support.objects.get().initiative
        assert "Hộ bạn đã ủng hộ" in citizen.get(reverse("decisions:initiatives")).content.decode()
        for persona, expected in (
            ("village_head", 200),
            ("commune_official", 200),
            ("citizen", 403),
            ("sibling_official", 403),
        ):
            assert (
                login(personas[persona])
                .get(reverse("decisions:initiative", args=[initiative.pk]))
                .status_code
                == expected
            )
        before = AuditEntry.objects.count()
        refused = login(personas["sibling_official"]).post(
            reverse("decisions:initiative_paper", args=[initiative.pk]),
            {"household": tree.h2.pk, "given_on": "02/03/2026"},
        )
        assert refused.status_code == 403 and AuditEntry.objects.count() == before
        head = login(personas["village_head"])
        head.post(
            reverse("decisions:initiative_paper", args=[initiative.pk]),
            {"household": tree.h2.pk, "given_on": "02/03/2026"},
        )
        initiative.refresh_from_db()
        assert initiative.state == InitiativeState.REACHED  # 2 of 2 households
        response = head.post(reverse("decisions:initiative_put", args=[initiative.pk]), {"form": "online"})
        initiative.refresh_from_db()
        assert initiative.state == InitiativeState.REACHED  # online needs its four preconditions: refused
        response = head.post(
            reverse("decisions:initiative_put", args=[initiative.pk]),
            {"form": "ballot", "closes_on": "20/03/2026"},
        )
        assert response.status_code == 302
        initiative.refresh_from_db()
        assert initiative.state == InitiativeState.DECIDED
