"""`danchu seed_demo` on the real loaded tree: one user per role, idempotent, audit chain intact."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from danchu.accounts.demo import DEMO_PASSWORD
from danchu.accounts.models import Role, RoleAssignment, User
from danchu.core.audit import verify_chain
from danchu.core.models import AuditEntry
from danchu.units.models import Household, Unit

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_every_role_and_is_idempotent(capsys):
    call_command("load_units")
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "baichay.vanphong" in out and DEMO_PASSWORD in out
    assert set(RoleAssignment.objects.values_list("role", flat=True)) == set(Role.values)
    counts = (
        User.objects.count(),
        Unit.objects.count(),
        Household.objects.count(),
        AuditEntry.objects.count(),
    )
    call_command("seed_demo")
    assert (
        User.objects.count(),
        Unit.objects.count(),
        Household.objects.count(),
        AuditEntry.objects.count(),
    ) == counts
    assert verify_chain()[1] is None

    client = Client()
    response = client.post(
        "/tai-khoan/dang-nhap/", {"username": "baichay.vanphong", "password": DEMO_PASSWORD}, follow=True
    )
    assert "Phường Bãi Cháy" in response.content.decode()
    sibling = Client()
    sibling.post("/tai-khoan/dang-nhap/", {"username": "hatu.vanphong", "password": DEMO_PASSWORD})
    bai_chay = Unit.objects.get(code="6673", generation="current", tier=3)
    assert sibling.get(f"/quan-tri/don-vi/{bai_chay.pk}/").status_code == 403


def test_seed_demo_without_units_explains(capsys):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="load_units"):
        call_command("seed_demo")
