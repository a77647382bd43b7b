"""Permission matrix: every page, every persona along the hierarchy (design.md §5)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from conftest import PERSONAS, Tree
from danchu.core.models import AuditEntry

pytestmark = pytest.mark.django_db

OK, LOGIN, DENIED = 200, 302, 403
ALL_OK = dict.fromkeys(PERSONAS, OK)


def expect(allowed: set[str], *, ok: int = OK, anonymous: int = LOGIN) -> dict[str, int]:
    result = {p: (ok if p in allowed else DENIED) for p in PERSONAS}
    result["anonymous"] = anonymous
    return result


OFFICIALS_OF_COMMUNE = {"admin", "province_official", "commune_official", "oversight_member"}
HOUSEHOLD_KEEPERS = {"admin", "province_official", "commune_official", "village_head"}
MANAGERS = {"admin", "province_official", "commune_official"}
LOGGED_IN = set(PERSONAS) - {"anonymous"}


def _with_history(household: Any) -> Any:
    """The household with one audit entry in its village's scope (a page of history needs one)."""
    from django.db import transaction

    from danchu.core import audit

    with transaction.atomic():
        audit.record(
            actor=None, action="units.household.create", obj=household, scope_unit_id=household.village_id
        )
    return household


# (url name, kwargs from the tree, expected status per persona)
GET_VIEWS: list[tuple[str, Callable[[Tree], dict[str, Any]], dict[str, int]]] = [
    ("portal:home", lambda t: {}, ALL_OK),
    ("portal:unit", lambda t: {"unit_id": t.commune.pk}, ALL_OK),
    ("accounts:login", lambda t: {}, {**ALL_OK, **dict.fromkeys(LOGGED_IN, 302)}),
    ("accounts:password_reset", lambda t: {}, ALL_OK),
    ("accounts:workspace", lambda t: {}, {**expect(LOGGED_IN), "citizen": 302}),
    ("accounts:my_household", lambda t: {}, expect(LOGGED_IN)),
    ("accounts:password_change", lambda t: {}, expect(LOGGED_IN)),
    ("units:unit", lambda t: {"unit_id": t.commune.pk}, expect(OFFICIALS_OF_COMMUNE)),
    ("units:agencies", lambda t: {"unit_id": t.commune.pk}, expect(OFFICIALS_OF_COMMUNE)),
    ("units:village", lambda t: {"unit_id": t.village.pk}, expect(HOUSEHOLD_KEEPERS)),
    ("units:household", lambda t: {"household_id": t.h1.pk}, expect(HOUSEHOLD_KEEPERS | {"citizen"})),
    ("units:history", lambda t: {"unit_id": t.commune.pk}, expect(MANAGERS)),
    ("units:rules", lambda t: {"unit_id": t.province.pk}, expect({"admin", "province_official"})),
    ("accounts:roles", lambda t: {"unit_id": t.commune.pk}, expect(MANAGERS)),
    ("core:rulebook", lambda t: {}, expect(LOGGED_IN)),
    ("core:calendar", lambda t: {}, expect(LOGGED_IN)),
    (
        "core:object_history",
        lambda t: {"object_type": "units.household", "object_id": _with_history(t.h1).pk},
        expect(MANAGERS),
    ),
    ("core:audit_integrity", lambda t: {}, expect({"admin"})),
]


@pytest.mark.parametrize(("name", "kwargs", "expected"), GET_VIEWS, ids=[v[0] for v in GET_VIEWS])
@pytest.mark.parametrize("persona", PERSONAS)
def test_get_matrix(tree, personas, login, name, kwargs, expected, persona):
    client = login(personas[persona])
    response = client.get(reverse(name, kwargs=kwargs(tree)))
    assert response.status_code == expected[persona], (name, persona)
    if response.status_code == DENIED:
        assert "Không có quyền truy cập" in response.content.decode()


# Writes: (url name, kwargs, POST data, who may); a refused write leaves no audit entry.
POST_VIEWS: list[tuple[str, Callable[[Tree], dict[str, Any]], Callable[[Tree], dict[str, str]], set[str]]] = [
    (
        "units:unit",
        lambda t: {"unit_id": t.commune.pk},
        lambda t: {"name": "Tổ 7", "kind": "to_dan_pho"},
        MANAGERS,
    ),
    (
        "units:agencies",
        lambda t: {"unit_id": t.commune.pk},
        lambda t: {"name": "Hội Nông dân", "kind": "doan_the"},
        MANAGERS,
    ),
    (
        "units:close_agency",
        lambda t: {"agency_id": t.agency.pk},
        lambda t: {"on": "01/07/2026", "reason": "x"},
        MANAGERS,
    ),
    ("units:village", lambda t: {"unit_id": t.village.pk}, lambda t: {"number": "099"}, HOUSEHOLD_KEEPERS),
    ("units:rename_village", lambda t: {"unit_id": t.village.pk}, lambda t: {"name": "Tổ Một"}, MANAGERS),
    (
        "units:move_village",
        lambda t: {"unit_id": t.village.pk},
        lambda t: {"target_code": t.sibling.code},
        {"admin", "province_official"},
    ),
    (
        "units:household",
        lambda t: {"household_id": t.h1.pk},
        lambda t: {"full_name": "Con Út"},
        HOUSEHOLD_KEEPERS,
    ),
    (
        "units:household_action",
        lambda t: {"household_id": t.h1.pk, "action": "dai-dien"},
        lambda t: {"resident": str(t.h1.members.order_by("id").last().pk)},
        HOUSEHOLD_KEEPERS,
    ),
    (
        "units:household_action",
        lambda t: {"household_id": t.h2.pk, "action": "xoa-ho"},
        lambda t: {"on": "01/07/2026", "reason": "Chuyển đi"},
        HOUSEHOLD_KEEPERS,
    ),
    (
        "units:rules",
        lambda t: {"unit_id": t.province.pk},
        lambda t: {
            "key": "disclosure.posting_min_days",
            "value": "45",
            "citation": "QĐ 1/2026/QĐ-UBND",
            "effective_from": "01/01/2026",
        },
        {"admin", "province_official"},
    ),
    (
        "accounts:citizen_account",
        lambda t: {"household_id": t.h2.pk},
        lambda t: {
            "resident": str(t.h2.members.get().pk),
            "username": "dan.moi",
            "password": "mat-khau-dan-2026",
        },
        MANAGERS,
    ),
    (
        "accounts:roles",
        lambda t: {"unit_id": t.commune.pk},
        lambda t: {
            "username": "canbo.moi",
            "role": "agency_officer",
            "full_name": "Cán Bộ Mới",
            "password": "mat-khau-ban-dau-2026",
        },
        MANAGERS,
    ),
]


@pytest.mark.parametrize(
    ("name", "kwargs", "data", "allowed"), POST_VIEWS, ids=[f"{v[0]}-{i}" for i, v in enumerate(POST_VIEWS)]
)
@pytest.mark.parametrize("persona", PERSONAS)
def test_post_matrix(tree, personas, login, name, kwargs, data, allowed, persona):
    client = login(personas[persona])
    response = client.post(reverse(name, kwargs=kwargs(tree)), data(tree))
    if persona == "anonymous":
        assert response.status_code == LOGIN and "dang-nhap" in response["Location"]
        assert not AuditEntry.objects.exists()
    elif persona in allowed:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert AuditEntry.objects.exists()
    else:
        assert response.status_code == DENIED
        assert not AuditEntry.objects.exists()


def test_revoke_and_switch_role(tree, personas, login):
    from danchu.accounts.models import RoleAssignment

    target = RoleAssignment.objects.get(user=personas["village_head"])
    sibling = login(personas["sibling_official"])
    assert (
        sibling.post(reverse("accounts:revoke_role", args=[target.pk]), {"reason": "x"}).status_code == DENIED
    )
    commune = login(personas["commune_official"])
    response = commune.post(reverse("accounts:revoke_role", args=[target.pk]), {"reason": "Hết nhiệm kỳ"})
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.revoked_at is not None and target.revoked_reason == "Hết nhiệm kỳ"
    # Switching to a role one does not hold is ignored.
    response = commune.post(reverse("accounts:switch_role"), {"role": str(target.pk)})
    assert response.status_code == 302
    assert commune.session.get("danchu_role_id") is None


def test_unknown_objects_are_404_in_vietnamese(tree, personas, login):
    client = login(personas["admin"])
    response = client.get(reverse("units:unit", args=[987654]))
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
    assert client.get("/khong-co-trang-nay/").status_code == 404
    assert client.get(reverse("core:object_history", args=["khong.co", "1"])).status_code == 404
