from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from conftest import PASSWORD
from danchu.accounts import services
from danchu.accounts.models import Role, RoleAssignment, User
from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_grant_within_subtree_with_audit(tree, personas):
    user = User.objects.create_user(username="moi", password=PASSWORD)
    assignment = services.grant_role(
        actor=personas["commune_official"],
        user=user,
        role=Role.VILLAGE_HEAD,
        unit=tree.village,
        title="Trưởng thôn",
    )
    assert assignment.granted_by == personas["commune_official"]
    entry = AuditEntry.objects.get(action="accounts.role.grant")
    assert entry.after["role"] == "village_head" and entry.scope_unit_id == tree.village.pk


def test_grant_outside_subtree_is_refused(tree, personas):
    user = User.objects.create_user(username="moi", password=PASSWORD)
    with pytest.raises(PermissionDeniedError):
        services.grant_role(
            actor=personas["commune_official"], user=user, role=Role.FOCAL_OFFICER, unit=tree.sibling
        )
    with pytest.raises(PermissionDeniedError):
        services.grant_role(
            actor=personas["commune_official"], user=user, role=Role.FOCAL_OFFICER, unit=tree.province
        )
    assert not RoleAssignment.objects.filter(user=user).exists()
    assert not AuditEntry.objects.exists()


def test_only_admins_make_admins(tree, personas):
    user = User.objects.create_user(username="moi", password=PASSWORD)
    with pytest.raises(PermissionDeniedError):
        services.grant_role(actor=personas["province_official"], user=user, role=Role.SYSTEM_ADMIN, unit=None)
    services.grant_role(actor=personas["admin"], user=user, role=Role.SYSTEM_ADMIN, unit=None)


@pytest.mark.parametrize(
    ("role", "unit", "message"),
    [
        (Role.VILLAGE_HEAD, "commune", "không đặt được"),
        (Role.UNIT_LEADER, "village", "không đặt được"),
        (Role.CITIZEN, "village", "gắn với một nhân khẩu"),
        ("vua", "commune", "Vai trò không hợp lệ"),
    ],
)
def test_role_must_fit_the_unit(tree, personas, role, unit, message):
    user = User.objects.create_user(username="moi", password=PASSWORD)
    with pytest.raises(DomainError, match=message):
        services.grant_role(actor=personas["admin"], user=user, role=role, unit=getattr(tree, unit))


def test_duplicate_grant_and_revoke(tree, personas):
    actor = personas["commune_official"]
    user = personas["oversight_member"]
    with pytest.raises(DomainError, match="đã có vai trò này"):
        services.grant_role(actor=actor, user=user, role=Role.OVERSIGHT_MEMBER, unit=tree.commune)
    assignment = RoleAssignment.objects.get(user=user)
    services.revoke_role(actor=actor, assignment=assignment, reason="Hết nhiệm kỳ")
    with pytest.raises(DomainError, match="đã được thu hồi"):
        services.revoke_role(actor=actor, assignment=assignment, reason="x")
    # After revocation the same role can be granted again; the old row stays.
    services.grant_role(actor=actor, user=user, role=Role.OVERSIGHT_MEMBER, unit=tree.commune)
    assert RoleAssignment.objects.filter(user=user).count() == 2


def test_agency_must_belong_to_the_unit(tree, personas):
    user = User.objects.create_user(username="moi", password=PASSWORD)
    with pytest.raises(DomainError, match="Cơ quan phải thuộc"):
        services.grant_role(
            actor=personas["admin"],
            user=user,
            role=Role.AGENCY_OFFICER,
            unit=tree.commune,
            agency=tree.sibling_agency,
        )


def test_create_user_validates_password_and_name(tree, personas):
    actor = personas["commune_official"]
    with pytest.raises(DomainError):
        services.create_user(actor=actor, unit=tree.commune, username="u1", full_name="A", password="123")
    with pytest.raises(DomainError, match="đã có người dùng"):
        services.create_user(actor=actor, unit=tree.commune, username="XA", full_name="A", password=PASSWORD)
    user = services.create_user(
        actor=actor, unit=tree.commune, username="u1", full_name="A", password=PASSWORD
    )
    assert user.password.startswith("md5$") and user.check_password(PASSWORD)  # hashed (MD5 in tests)
    with pytest.raises(PermissionDeniedError):
        services.create_user(
            actor=personas["sibling_official"],
            unit=tree.commune,
            username="u2",
            full_name="B",
            password=PASSWORD,
        )


def test_bootstrap_admin_only_once(db):
    services.bootstrap_system_admin(username="goc", password=PASSWORD)
    with pytest.raises(DomainError, match="đã có quản trị viên"):
        services.bootstrap_system_admin(username="goc2", password=PASSWORD)


def test_login_locks_after_repeated_failures(tree, personas, client):
    url = reverse("accounts:login")
    for _ in range(5):
        response = client.post(url, {"username": "xa", "password": "sai-mat-khau"})
    response = client.post(url, {"username": "xa", "password": PASSWORD})
    assert response.status_code == 429
    assert "Tạm khoá đăng nhập" in response.content.decode()


def test_login_then_workspace(tree, personas, client):
    response = client.post(reverse("accounts:login"), {"username": "xa", "password": PASSWORD}, follow=True)
    assert "Bàn làm việc" in response.content.decode() and "Phường Chánh Lộ" in response.content.decode()


def test_wrong_password_message_in_vietnamese(tree, personas, client):
    response = client.post(reverse("accounts:login"), {"username": "xa", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập" in response.content.decode()


def test_password_reset_flow(tree, personas, client):
    client.post(reverse("accounts:password_reset"), {"email": "xa@example.test"})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/dat-lai-mat-khau/" in line)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    new = "mat-khau-moi-hon-2026"
    response = client.post(response.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    response = client.post(reverse("accounts:login"), {"username": "xa", "password": new})
    assert response.status_code == 302
