"""The JSON API calls the same services: same permissions, same Vietnamese errors, audit entries."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from danchu.core.models import AuditEntry
from danchu.units.models import Unit

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client(enforce_csrf_checks=False)
    if user.is_authenticated:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def post(client: Client, url: str, data: dict) -> object:
    return client.post(url, json.dumps(data), content_type="application/json")


def test_openapi_schema_is_served(db, client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/units" in schema["paths"]
    assert "/api/v1/villages/{unit_id}/households" in schema["paths"]


def test_public_unit_browsing(tree, client):
    provinces = client.get("/api/v1/units").json()
    assert {p["name"] for p in provinces} == {"Tỉnh Quảng Ngãi", "Thành phố Hải Phòng"}
    children = client.get(f"/api/v1/units?parent={tree.province.pk}").json()
    assert {c["name"] for c in children} == {"Phường Chánh Lộ", "Xã Nam Chính"}
    found = client.get("/api/v1/units", {"q": "nam chinh"}).json()
    assert [u["code"] for u in found] == ["21101"]
    assert client.get("/api/v1/units/999999").status_code == 404


def test_create_village_through_the_api(tree, personas):
    client = _client(personas["commune_official"])
    response = post(
        client, f"/api/v1/units/{tree.commune.pk}/villages", {"name": "Tổ dân phố 5", "kind": "to_dan_pho"}
    )
    assert response.status_code == 201, response.content
    assert response.json()["parent_id"] == tree.commune.pk
    assert AuditEntry.objects.filter(action="units.village.create", channel="api").count() == 1


def test_api_errors_are_vietnamese_and_change_nothing(tree, personas):
    client = _client(personas["commune_official"])
    before = Unit.objects.count()
    response = post(client, f"/api/v1/units/{tree.commune.pk}/villages", {"name": "Tổ dân phố 1"})
    assert response.status_code == 400
    assert "Đã có" in response.json()["detail"]
    response = post(client, f"/api/v1/units/{tree.sibling.pk}/villages", {"name": "Thôn Mới"})
    assert response.status_code == 403
    assert response.json()["detail"] == "Bạn không có quyền thực hiện thao tác này."
    response = client.post(
        f"/api/v1/units/{tree.commune.pk}/villages", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert Unit.objects.count() == before and not AuditEntry.objects.exists()


def test_anonymous_cannot_write(tree):
    response = post(Client(), f"/api/v1/units/{tree.commune.pk}/villages", {"name": "X"})
    assert response.status_code == 401


def test_households_and_residents(tree, personas):
    head = _client(personas["village_head"])
    response = post(head, f"/api/v1/villages/{tree.village.pk}/households", {"number": "010"})
    assert response.status_code == 201
    household_id = response.json()["id"]
    response = post(
        head,
        f"/api/v1/households/{household_id}/residents",
        {"full_name": "Hoàng Văn Giang", "birth_year": 1980, "is_representative": True},
    )
    assert response.status_code == 201
    assert head.get(f"/api/v1/households/{household_id}").json()["representative_id"] == response.json()["id"]
    sibling = _client(personas["sibling_official"])
    assert sibling.get(f"/api/v1/households/{household_id}").status_code == 403
    assert sibling.get(f"/api/v1/villages/{tree.village.pk}/households").status_code == 403
    citizen = _client(personas["citizen"])
    assert citizen.get(f"/api/v1/households/{tree.h1.pk}/residents").status_code == 200
    assert citizen.get(f"/api/v1/households/{tree.h2.pk}").status_code == 403


def test_roles_me_rules_and_history(tree, personas):
    client = _client(personas["commune_official"])
    me = client.get("/api/v1/me").json()
    assert me["roles"][0]["role"] == "focal_officer"
    response = post(
        client, f"/api/v1/units/{tree.commune.pk}/roles", {"username": "tinh", "role": "agency_officer"}
    )
    assert response.status_code == 201
    role_id = response.json()["id"]
    response = post(client, f"/api/v1/roles/{role_id}/revoke", {"reason": "Điều động"})
    assert response.json()["active"] is False
    rules = client.get("/api/v1/rules").json()
    assert any(r["key"] == "complaint.accept_within_days" and r["value"] == "10" for r in rules)
    history = client.get(f"/api/v1/audit/accounts.roleassignment/{role_id}").json()
    assert [h["action"] for h in history] == ["accounts.role.grant", "accounts.role.revoke"]
    sibling = _client(personas["sibling_official"])
    assert sibling.get(f"/api/v1/audit/accounts.roleassignment/{role_id}").status_code == 403
    assert sibling.get(f"/api/v1/units/{tree.commune.pk}/roles").status_code == 403
