"""Pages: bad input gives a Vietnamese message and changes nothing; lists keep a constant query count."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import make_household
from danchu.core.models import AuditEntry
from danchu.units.models import Agency, Unit

pytestmark = pytest.mark.django_db


def test_duplicate_village_is_refused_on_the_page(tree, personas, login):
    client = login(personas["commune_official"])
    before = Unit.objects.count()
    response = client.post(
        reverse("units:unit", args=[tree.commune.pk]), {"name": "tổ dân phố 1", "kind": "thon"}
    )
    assert response.status_code == 400
    assert "Đã có" in response.content.decode()
    assert Unit.objects.count() == before and not AuditEntry.objects.exists()


def test_malformed_date_is_explained(tree, personas, login):
    client = login(personas["commune_official"])
    response = client.post(
        reverse("units:close_agency", args=[tree.agency.pk]), {"on": "31/02/2026", "reason": "x"}, follow=True
    )
    assert "Ngày không hợp lệ" in response.content.decode()
    assert Agency.objects.get(pk=tree.agency.pk).closed_on is None


def test_day_first_dates_are_understood(tree, personas, login):
    client = login(personas["commune_official"])
    client.post(reverse("units:close_agency", args=[tree.agency.pk]), {"on": "01/07/2026", "reason": "x"})
    assert str(Agency.objects.get(pk=tree.agency.pk).closed_on) == "2026-07-01"


def test_role_outside_subtree_cannot_be_granted(tree, personas, login):
    client = login(personas["commune_official"])
    response = client.post(
        reverse("accounts:roles", args=[tree.sibling.pk]), {"username": "tinh", "role": "agency_officer"}
    )
    assert response.status_code == 403
    response = client.post(
        reverse("accounts:roles", args=[tree.commune.pk]), {"username": "ai-do", "role": "agency_officer"}
    )
    assert response.status_code == 400
    assert "Chưa có tài khoản" in response.content.decode()
    response = client.post(
        reverse("accounts:roles", args=[tree.commune.pk]), {"username": "tinh", "role": "village_head"}
    )
    assert "không đặt được" in response.content.decode()
    assert not AuditEntry.objects.exists()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_village_page_query_count_is_constant(tree, personas, login):
    client = login(personas["commune_official"])
    url = reverse("units:village", args=[tree.village.pk])
    few = _queries(client, url)
    for n in range(10, 40):
        make_household(tree.village, f"{n:03d}", [f"Người {n}", f"Người {n}b"])
    assert _queries(client, url) == few


def test_commune_page_query_count_is_constant(tree, personas, login):
    from conftest import make_unit

    client = login(personas["commune_official"])
    url = reverse("units:unit", args=[tree.commune.pk])
    few = _queries(client, url)
    for n in range(2, 30):
        make_unit(f"Tổ dân phố {n}", "to_dan_pho", tree.commune)
    assert _queries(client, url) == few


def test_public_pages_query_count_is_constant(tree, client):
    from conftest import make_unit

    url = reverse("portal:unit", args=[tree.province.pk])
    few = _queries(client, url)
    for n in range(30):
        make_unit(f"Xã Số {n}", "xa", tree.province)
    assert _queries(client, url) == few
    assert _queries(client, reverse("portal:home")) == 1


def test_public_search_without_diacritics(tree, client):
    response = client.get(reverse("portal:home"), {"q": "chanh lo"})
    assert "Phường Chánh Lộ" in response.content.decode()
    response = client.get(reverse("portal:home"), {"q": "z" * 5000})
    assert response.status_code == 200


def test_security_headers(client, db):
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_citizen_account_from_the_household_page(tree, personas, login):
    from danchu.accounts.models import Role, RoleAssignment

    member = tree.h2.members.get()
    url = reverse("accounts:citizen_account", args=[tree.h2.pk])
    data = {"resident": member.pk, "username": "dan.cuong", "password": "mat-khau-dan-2026"}
    assert login(personas["village_head"]).post(url, data).status_code == 403
    response = login(personas["commune_official"]).post(url, data, follow=True)
    assert "Đã cấp tài khoản" in response.content.decode()
    assignment = RoleAssignment.objects.get(user__username="dan.cuong")
    assert assignment.role == Role.CITIZEN and assignment.resident == member
    # A member of another household cannot be attached through this household.
    other = tree.h1.representative
    response = login(personas["commune_official"]).post(
        url, {**data, "resident": other.pk, "username": "dan.khac"}, follow=True
    )
    assert "không thuộc hộ này" in response.content.decode()
    assert not RoleAssignment.objects.filter(user__username="dan.khac").exists()


def test_moving_to_an_unknown_commune_code_is_explained(tree, personas, login):
    client = login(personas["province_official"])
    response = client.post(
        reverse("units:move_village", args=[tree.village.pk]), {"target_code": "99999"}, follow=True
    )
    assert "Không có xã, phường mã “99999”" in response.content.decode()
    tree.village.refresh_from_db()
    assert tree.village.parent == tree.commune
