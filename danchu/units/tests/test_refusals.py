"""Every write page of units, accounts and core refuses whoever lacks the right: 403, nothing changed,
no audit entry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from conftest import Tree
from danchu.accounts.models import RoleAssignment, User
from danchu.core.models import AuditEntry, Holiday, Rule
from danchu.units.models import Agency, Household, Resident, Unit

pytestmark = pytest.mark.django_db


def _state() -> list[list[tuple[Any, ...]]]:
    """Every row the write pages may touch, as plain values."""
    return [
        list(Unit.objects.order_by("pk").values_list()),
        list(Agency.objects.order_by("pk").values_list()),
        list(Household.objects.order_by("pk").values_list()),
        list(Resident.objects.order_by("pk").values_list()),
        list(RoleAssignment.objects.order_by("pk").values_list()),
        list(User.objects.order_by("pk").values_list("pk", "username", "full_name", "is_active")),
        list(Rule.objects.order_by("pk").values_list()),
        list(Holiday.objects.order_by("pk").values_list()),
    ]


def _last_member(t: Tree) -> str:
    member = t.h1.members.order_by("id").last()
    assert member is not None
    return str(member.pk)


# (url name, kwargs, POST data): the sibling commune's official may do none of these.
WRITES: list[tuple[str, Callable[[Tree], dict[str, Any]], Callable[[Tree], dict[str, str]]]] = [
    ("units:unit", lambda t: {"unit_id": t.commune.pk}, lambda t: {"name": "Tổ 7", "kind": "to_dan_pho"}),
    (
        "units:agencies",
        lambda t: {"unit_id": t.commune.pk},
        lambda t: {"name": "Hội Nông dân", "kind": "doan_the"},
    ),
    (
        "units:close_agency",
        lambda t: {"agency_id": t.agency.pk},
        lambda t: {"on": "01/07/2026", "reason": "x"},
    ),
    ("units:village", lambda t: {"unit_id": t.village.pk}, lambda t: {"number": "099"}),
    ("units:rename_village", lambda t: {"unit_id": t.village.pk}, lambda t: {"name": "Tổ Một"}),
    ("units:move_village", lambda t: {"unit_id": t.village.pk}, lambda t: {"target_code": t.sibling.code}),
    (
        "units:retire_village",
        lambda t: {"unit_id": t.village.pk},
        lambda t: {"on": "01/07/2026", "reason": "Sáp nhập"},
    ),
    ("units:household", lambda t: {"household_id": t.h1.pk}, lambda t: {"full_name": "Con Út"}),
    (
        "units:household_action",
        lambda t: {"household_id": t.h1.pk, "action": "dai-dien"},
        lambda t: {"resident": _last_member(t)},
    ),
    (
        "units:household_action",
        lambda t: {"household_id": t.h1.pk, "action": "chuyen-di"},
        lambda t: {"resident": _last_member(t), "on": "01/07/2026"},
    ),
    (
        "units:household_action",
        lambda t: {"household_id": t.h2.pk, "action": "xoa-ho"},
        lambda t: {"on": "01/07/2026", "reason": "Chuyển đi"},
    ),
    (
        "units:rules",
        lambda t: {"unit_id": t.province.pk},
        lambda t: {"key": "x", "value": "45", "citation": "QĐ 1/2026", "effective_from": "01/01/2026"},
    ),
    (
        "accounts:roles",
        lambda t: {"unit_id": t.commune.pk},
        lambda t: {"username": "canbo.moi", "role": "agency_officer", "password": "mat-khau-ban-dau-2026"},
    ),
    (
        "accounts:revoke_role",
        lambda t: {"role_id": RoleAssignment.objects.get(user__username="truongthon").pk},
        lambda t: {"reason": "Hết nhiệm kỳ"},
    ),
    (
        "accounts:citizen_account",
        lambda t: {"household_id": t.h2.pk},
        lambda t: {
            "resident": str(t.h2.members.get().pk),
            "username": "dan.moi",
            "password": "mk-dan-2026-x",
        },
    ),
]


@pytest.mark.parametrize(
    ("name", "kwargs", "data"), WRITES, ids=[f"{w[0]}-{i}" for i, w in enumerate(WRITES)]
)
def test_a_write_by_an_official_of_another_commune_is_refused_and_leaves_nothing(
    tree, personas, login, name, kwargs, data
):
    client = login(personas["sibling_official"])
    url, payload = reverse(name, kwargs=kwargs(tree)), data(tree)
    before = _state()
    response = client.post(url, payload)
    assert response.status_code == 403
    assert _state() == before
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("persona", ["oversight_member", "citizen"])
def test_a_retirement_by_someone_without_the_right_is_refused(tree, personas, login, persona):
    client = login(personas[persona])
    before = _state()
    response = client.post(
        reverse("units:retire_village", args=[tree.village.pk]), {"on": "01/07/2026", "reason": "x"}
    )
    assert response.status_code == 403
    assert _state() == before
    assert not AuditEntry.objects.exists()


def test_the_rulebook_and_calendar_are_written_by_administrators_only(tree, personas):
    import datetime as dt

    from django.db import transaction

    from danchu.core import services
    from danchu.core.errors import PermissionDeniedError

    before = _state()
    for persona in ("province_official", "commune_official"):
        with pytest.raises(PermissionDeniedError), transaction.atomic():
            services.save_holiday(
                actor=personas[persona], day=Holiday(date=dt.date(2026, 9, 3), name="Nghỉ", kind="holiday")
            )
    assert _state() == before
    assert not AuditEntry.objects.exists()
