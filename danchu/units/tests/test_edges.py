"""Hostile and careless input in units, accounts and core: an answer with a message, never a 500."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from danchu.accounts import services as account_services
from danchu.accounts.models import RoleAssignment, User
from danchu.core import services as core_services
from danchu.core.errors import DomainError
from danchu.core.models import AuditEntry, Holiday, Rule
from danchu.units import services
from danchu.units.models import Agency, Unit

pytestmark = pytest.mark.django_db
SPOOFED = "abc\u202egpj.exe"  # shows as "abcexe.jpg"


def _api(user: User) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


# An official cannot revoke their own role.


def test_an_official_cannot_revoke_their_own_role(tree, personas, login):
    official = personas["commune_official"]
    own = RoleAssignment.objects.get(user=official)
    client = login(official)
    response = client.post(reverse("accounts:revoke_role", args=[own.pk]), {"reason": "Tự nghỉ"}, follow=True)
    assert "Không thể tự thu hồi vai trò của chính mình" in response.content.decode()
    own.refresh_from_db()
    assert own.revoked_at is None
    assert not AuditEntry.objects.filter(action="accounts.role.revoke").exists()
    # Another manager may.
    with transaction.atomic():
        account_services.revoke_role(
            actor=personas["province_official"], assignment=own, reason="Chuyển công tác"
        )
    own.refresh_from_db()
    assert own.revoked_at is not None


def test_self_revocation_is_refused_through_the_api_too(tree, personas):
    admin = personas["admin"]
    own = RoleAssignment.objects.get(user=admin)
    response = _api(admin).post(
        reverse("api:revoke", args=[own.pk]), json.dumps({"reason": "x"}), content_type="application/json"
    )
    assert response.status_code == 400
    assert "tự thu hồi" in response.json()["detail"]


# Dates and years out of range.


def test_the_calendar_ignores_a_year_out_of_range(tree, personas, login):
    client = login(personas["commune_official"])
    for year in ("99999999", "0", "-5", "1" * 400, "abc"):
        response = client.get(reverse("core:calendar"), {"nam": year})
        assert response.status_code == 200, year


@pytest.mark.parametrize("day", ["31/12/9999", "01/01/0001"])
def test_a_retirement_date_out_of_range_is_a_form_error(tree, personas, login, day):
    empty = Unit.objects.create(
        parent=tree.commune, kind="thon", tier=4, name="Thôn Trống", name_key="thon trong", path=""
    )
    empty.path = f"{tree.commune.path}{empty.pk}/"
    empty.save(update_fields=["path"])
    client = login(personas["commune_official"])
    response = client.post(
        reverse("units:retire_village", args=[empty.pk]), {"on": day, "reason": "Sáp nhập"}, follow=True
    )
    assert response.status_code == 200
    assert "Ngày phải nằm trong khoảng" in response.content.decode()
    empty.refresh_from_db()
    assert empty.valid_to is None and not AuditEntry.objects.exists()


@pytest.mark.parametrize("day", ["31/12/9999", "01/01/0001"])
def test_a_rule_effective_date_out_of_range_is_a_form_error(tree, personas, login, day):
    key = Rule.objects.filter(scope_unit__isnull=True).values_list("key", flat=True).first()
    client = login(personas["province_official"])
    response = client.post(
        reverse("units:rules", args=[tree.province.pk]),
        {"key": key, "value": "1", "citation": "QĐ 1/2026", "effective_from": day},
    )
    assert response.status_code == 400
    assert "Ngày phải nằm trong khoảng" in response.content.decode()
    assert not Rule.objects.filter(scope_unit=tree.province).exists()


def test_services_refuse_dates_out_of_range(tree, personas):
    official, admin = personas["commune_official"], personas["admin"]
    far = dt.date(9999, 12, 31)
    with pytest.raises(DomainError), transaction.atomic():
        services.close_agency(actor=official, agency=tree.agency, on=far)
    with pytest.raises(DomainError), transaction.atomic():
        services.dissolve_household(actor=official, household=tree.h2, on=dt.date(1, 1, 1), reason="x")
    with pytest.raises(DomainError), transaction.atomic():
        core_services.save_holiday(actor=admin, day=Holiday(date=far, name="Tết", kind="holiday"))
    key = Rule.objects.filter(scope_unit__isnull=True).values_list("key", flat=True).first()
    assert key is not None
    with pytest.raises(DomainError), transaction.atomic():
        services.override_rule(
            actor=admin,
            province=tree.province,
            key=key,
            value=1,
            citation="QĐ",
            effective_from=dt.date(1, 1, 1),
        )
    assert Agency.objects.get(pk=tree.agency.pk).closed_on is None
    assert not AuditEntry.objects.exists()


# Characters no database stores, sent to the API.


@pytest.mark.parametrize(
    "body",
    [
        '{"name": "\\ud800"}',
        '{"name": "T\\u00f4\\udfff"}',
        '{"name": "a\\u0000b"}',
        '{"name": "ok", "code": ["\\ud83d"]}',
        '{"\\ud800": "x", "name": "ok"}',
    ],
)
def test_json_with_a_lone_surrogate_or_nul_is_a_400(tree, personas, body):
    client = _api(personas["commune_official"])
    response = client.post(
        reverse("api:create_village", args=[tree.commune.pk]), body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "ký tự không hợp lệ" in response.json()["detail"]
    assert not AuditEntry.objects.exists()


def test_json_that_is_not_json_is_a_400_in_vietnamese(tree, personas):
    client = _api(personas["commune_official"])
    for body in (b"{", b"\xff\xfe", b'{"name": "\xff"}'):
        response = client.post(
            reverse("api:create_village", args=[tree.commune.pk]), body, content_type="application/json"
        )
        assert response.status_code == 400
        assert "JSON hợp lệ" in response.json()["detail"]


def test_a_nul_in_a_query_string_is_a_400(tree, client):
    response = client.get(reverse("api:list_units"), {"q": "a\x00b"})
    assert response.status_code == 400
    assert "ký tự không hợp lệ" in response.json()["detail"]


@pytest.mark.parametrize(
    "body",
    [
        '{"name": "Thôn Mới", "order": 99999999999999999999}',
        '{"name": "Thôn Mới", "ids": [1, -9223372036854775809]}',
        '{"name": "Thôn Mới", "nested": {"n": 9223372036854775808}}',
    ],
)
def test_json_with_an_integer_beyond_64_bits_is_a_400(tree, personas, body):
    """Wherever it sits, such a number would reach the database as an OverflowError (a 500)."""
    client = _api(personas["commune_official"])
    response = client.post(
        reverse("api:create_village", args=[tree.commune.pk]), body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "số nguyên quá lớn" in response.json()["detail"]
    assert not AuditEntry.objects.exists()


def test_a_long_digit_string_in_json_stays_text_but_not_in_a_query(tree, personas, client):
    official = _api(personas["commune_official"])
    body = '{"name": "Thôn 99999999999999999999"}'
    response = official.post(
        reverse("api:create_village", args=[tree.commune.pk]), body, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert client.get(reverse("api:list_units"), {"parent": "99999999999999999999"}).status_code == 400


# Invisible and bidirectional controls are removed from names.


def test_bidi_and_zero_width_characters_are_removed_from_every_name(tree, personas):
    official = personas["commune_official"]
    with transaction.atomic():
        village = services.create_village(actor=official, commune=tree.commune, name=SPOOFED)
        agency = services.create_agency(
            actor=official, unit=tree.commune, name=f"Ban {SPOOFED}", kind="doan_the"
        )
        household = services.create_household(
            actor=official, village=tree.village, number="9\u200b9", address=SPOOFED
        )
        resident = services.add_resident(actor=official, household=household, full_name=f"Lê {SPOOFED}")
        user = account_services.create_user(
            actor=official,
            unit=tree.commune,
            username="moi\u2066",
            full_name=SPOOFED,
            password="mat-khau-2026-x",
        )
        services.rename_unit(actor=official, unit=village, name=f"Thôn {SPOOFED}")
    village.refresh_from_db()
    assert village.name == "Thôn abcgpj.exe"
    assert Agency.objects.get(pk=agency.pk).name == "Ban abcgpj.exe"
    assert (household.number, household.address) == ("99", "abcgpj.exe")
    assert resident.full_name == "Lê abcgpj.exe"
    assert (user.username, user.full_name) == ("moi", "abcgpj.exe")


def test_a_spoofed_name_through_the_api_is_stored_clean(tree, personas):
    client = _api(personas["commune_official"])
    response = client.post(
        reverse("api:create_village", args=[tree.commune.pk]),
        json.dumps({"name": SPOOFED}),
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["name"] == "abcgpj.exe"


# The audit history of an object: the same 404 whether or not it exists, never a 500.


@pytest.mark.parametrize(
    ("object_type", "object_id"),
    [("accounts.user", "1"), ("accounts.user", "999999"), ("auth.permission", "1"), ("khong.co", "x")],
)
def test_the_history_of_an_object_outside_ones_scope_is_a_404(tree, personas, login, object_type, object_id):
    official = personas["commune_official"]
    with transaction.atomic():  # the user exists and has an entry, at national scope
        account_services.create_user(
            actor=personas["admin"], unit=None, username="mot", full_name="Một", password="mat-khau-2026-x"
        )
    client = login(official)
    page = client.get(reverse("core:object_history", args=[object_type, object_id]))
    assert page.status_code == 404
    api = client.get(reverse("api:history", args=[object_type, object_id]))
    assert api.status_code == 404
    assert api.json()["detail"]


def test_a_missing_and_an_existing_national_record_answer_alike(tree, personas, login):
    with transaction.atomic():
        user = account_services.create_user(
            actor=personas["admin"], unit=None, username="mot", full_name="Một", password="mat-khau-2026-x"
        )
    client = login(personas["commune_official"])
    existing = client.get(reverse("api:history", args=["accounts.user", str(user.pk)]))
    missing = client.get(reverse("api:history", args=["accounts.user", "987654"]))
    assert existing.status_code == missing.status_code == 404
    assert existing.json() == missing.json()
