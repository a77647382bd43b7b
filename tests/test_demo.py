"""`danchu seed_demo` on the real loaded tree: one user per role, idempotent, audit chain intact."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from danchu.accounts.demo import DEMO_PASSWORD
from danchu.accounts.models import Role, RoleAssignment, User
from danchu.core.audit import verify_chain
from danchu.core.models import AuditEntry
from danchu.units.models import Household, Unit

pytestmark = pytest.mark.django_db


@time_machine.travel(dt.datetime(2026, 11, 20, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False)
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

    # Dân biết: Bãi Cháy's compliance page names exactly the mandatory items it has not disclosed.
    page = client.get(f"/cong-khai/don-vi/{bai_chay.pk}/tuan-thu/").content.decode()
    missing = set(re.findall(r'id="muc-([^"]+)" data-finding="missing"', page))
    assert missing == {"11.2b", "11.2c", "11.11"}
    assert (
        'id="muc-11.5" data-finding="late"' in page and 'id="muc-11.7" data-finding="proof_missing"' in page
    )
    ha_tu = Unit.objects.get(code="6652", generation="current", tier=3)
    sibling_page = sibling.get(f"/cong-khai/don-vi/{ha_tu.pk}/tuan-thu/").content.decode()
    assert 'data-finding="missing"' not in sibling_page and 'data-finding="proof_missing"' not in sibling_page
    portal = Client().get(f"/don-vi/{bai_chay.pk}/").content.decode()
    assert "Tiến độ dự án cải tạo đường Hạ Long" in portal


def test_seed_demo_without_units_explains(capsys):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="load_units"):
        call_command("seed_demo")
