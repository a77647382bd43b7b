from __future__ import annotations

import pytest

from danchu.accounts.models import RoleAssignment
from danchu.core import policy
from danchu.core.models import Rule
from danchu.core.policy import CorePerm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "target", "perm", "allowed"),
    [
        ("admin", "sibling_village", CorePerm.MANAGE_UNIT, True),
        ("province_official", "village", CorePerm.MANAGE_UNIT, True),
        ("province_official", "other_province", CorePerm.VIEW_UNIT, False),
        ("commune_official", "village", CorePerm.MANAGE_HOUSEHOLDS, True),
        ("commune_official", "commune", CorePerm.MANAGE_ROLES, True),
        ("commune_official", "province", CorePerm.VIEW_UNIT, False),
        ("commune_official", "sibling", CorePerm.VIEW_UNIT, False),
        ("commune_official", "sibling_village", CorePerm.VIEW_HOUSEHOLDS, False),
        ("sibling_official", "commune", CorePerm.VIEW_UNIT, False),
        ("sibling_official", "village", CorePerm.VIEW_HOUSEHOLDS, False),
        ("village_head", "village", CorePerm.MANAGE_HOUSEHOLDS, True),
        ("village_head", "village", CorePerm.MANAGE_UNIT, False),
        ("village_head", "commune", CorePerm.VIEW_UNIT, False),
        ("oversight_member", "commune", CorePerm.VIEW_UNIT, True),
        ("oversight_member", "village", CorePerm.VIEW_HOUSEHOLDS, False),
        ("oversight_member", "commune", CorePerm.MANAGE_UNIT, False),
        ("citizen", "village", CorePerm.VIEW_UNIT, False),
        ("anonymous", "commune", CorePerm.VIEW_UNIT, False),
    ],
)
def test_policy_over_the_subtree(tree, personas, persona, target, perm, allowed):
    assert policy.allowed(personas[persona], perm, getattr(tree, target)) is allowed


def test_citizen_household_access(tree, personas):
    citizen = personas["citizen"]
    assert policy.allowed(citizen, CorePerm.VIEW_HOUSEHOLDS, tree.h1)
    assert policy.allowed(citizen, CorePerm.VIEW_HOUSEHOLDS, tree.h1.representative)
    assert not policy.allowed(citizen, CorePerm.VIEW_HOUSEHOLDS, tree.h2)
    assert not policy.allowed(citizen, CorePerm.MANAGE_HOUSEHOLDS, tree.h1)


def test_rules_are_for_the_province_only(tree, personas):
    assert policy.allowed(personas["province_official"], CorePerm.MANAGE_RULES, tree.province)
    assert not policy.allowed(personas["commune_official"], CorePerm.MANAGE_RULES, tree.commune)
    national = Rule.objects.filter(scope_unit__isnull=True).first()
    assert not policy.allowed(personas["province_official"], CorePerm.MANAGE_RULES, national)
    assert policy.allowed(personas["admin"], CorePerm.MANAGE_RULES, national)


def test_revoked_role_grants_nothing(tree, personas):
    user = personas["commune_official"]
    RoleAssignment.objects.filter(user=user).update(revoked_at="2026-01-01T00:00:00Z")
    user = type(user).objects.get(pk=user.pk)
    assert not policy.allowed(user, CorePerm.VIEW_UNIT, tree.commune)


def test_inactive_user_has_no_rights(tree, personas):
    user = personas["commune_official"]
    user.is_active = False
    assert not policy.allowed(user, CorePerm.VIEW_UNIT, tree.commune)
