"""Concurrent requests on one state change: exactly one succeeds, the others get a clear refusal."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from conftest import Tree
from danchu.accounts import services as account_services
from danchu.accounts.models import RoleAssignment
from danchu.core.errors import DomainError
from danchu.core.models import AuditEntry
from danchu.core.tests.concurrency import need_shared_database, race
from danchu.units import services
from danchu.units.models import Agency, Household, Unit

pytestmark = pytest.mark.django_db(transaction=True)
N = 6


def _one_success(outcome: Any) -> None:
    assert len(outcome.results) == 1, outcome.errors
    assert len(outcome.errors) == N - 1
    assert all(isinstance(e, DomainError) for e in outcome.errors), outcome.errors


def test_a_village_retired_by_many_at_once_is_retired_once(tree: Tree, personas: dict[str, Any]) -> None:
    need_shared_database()
    official = personas["commune_official"]
    empty = Unit.objects.create(
        parent=tree.commune, kind="thon", tier=4, name="Thôn Trống", name_key="thon trong", path=""
    )
    empty.path = f"{tree.commune.path}{empty.pk}/"
    empty.save()
    outcome = race(N, lambda i: services.retire_unit(actor=official, unit=empty, on=dt.date(2026, 1, 1)))
    _one_success(outcome)
    assert AuditEntry.objects.filter(action="units.unit.retire", object_id=str(empty.pk)).count() == 1


def test_an_agency_closed_by_many_at_once_is_closed_once(tree: Tree, personas: dict[str, Any]) -> None:
    need_shared_database()
    official = personas["commune_official"]
    outcome = race(
        N, lambda i: services.close_agency(actor=official, agency=tree.agency, on=dt.date(2026, 1, 1))
    )
    _one_success(outcome)
    assert Agency.objects.get(pk=tree.agency.pk).closed_on == dt.date(2026, 1, 1)
    assert AuditEntry.objects.filter(action="units.agency.close").count() == 1


def test_a_household_struck_by_many_at_once_is_struck_once(tree: Tree, personas: dict[str, Any]) -> None:
    need_shared_database()
    head = personas["village_head"]
    outcome = race(
        N,
        lambda i: services.dissolve_household(
            actor=head, household=tree.h2, on=dt.date(2026, 1, 1), reason=f"Chuyển đi {i}"
        ),
    )
    _one_success(outcome)
    assert Household.objects.get(pk=tree.h2.pk).dissolved_on is not None
    assert AuditEntry.objects.filter(action="units.household.dissolve").count() == 1


def test_a_member_leaving_twice_at_once_leaves_once(tree: Tree, personas: dict[str, Any]) -> None:
    need_shared_database()
    head = personas["village_head"]
    member = tree.h1.members.order_by("id").last()
    assert member is not None
    outcome = race(N, lambda i: services.resident_leaves(actor=head, resident=member, on=dt.date(2026, 1, 1)))
    _one_success(outcome)
    assert AuditEntry.objects.filter(action="units.resident.leave").count() == 1


def test_a_role_revoked_by_many_at_once_is_revoked_once(tree: Tree, personas: dict[str, Any]) -> None:
    need_shared_database()
    official = personas["commune_official"]
    role = RoleAssignment.objects.get(user=personas["village_head"])
    outcome = race(
        N, lambda i: account_services.revoke_role(actor=official, assignment=role, reason=f"Nghỉ {i}")
    )
    _one_success(outcome)
    assert AuditEntry.objects.filter(action="accounts.role.revoke").count() == 1
