"""A list's scope comes from the policy: the subtrees where the actor holds the permission."""

from __future__ import annotations

import pytest

from conftest import make_user
from danchu.accounts.models import Role, RoleAssignment
from danchu.core import policy
from danchu.core.policy import CorePerm, Perm
from danchu.units.models import Household

pytestmark = pytest.mark.django_db


def test_unit_paths_follow_the_roles(tree, personas):
    assert policy.unit_paths(personas["admin"], CorePerm.VIEW_HOUSEHOLDS) is None
    assert policy.unit_paths(personas["commune_official"], CorePerm.VIEW_HOUSEHOLDS) == [tree.commune.path]
    assert policy.unit_paths(personas["village_head"], CorePerm.MANAGE_HOUSEHOLDS) == [tree.village.path]
    assert policy.unit_paths(personas["oversight_member"], CorePerm.VIEW_HOUSEHOLDS) == []
    assert policy.unit_paths(personas["anonymous"], CorePerm.VIEW_UNIT) == []
    # Rules are set by a province: a commune's official holds the permission but not at a province.
    assert policy.unit_paths(personas["commune_official"], CorePerm.MANAGE_RULES) == []
    assert policy.unit_paths(personas["province_official"], CorePerm.MANAGE_RULES) == [tree.province.path]


def test_a_subtree_inside_another_is_not_repeated(tree):
    both = make_user("haicap", Role.FOCAL_OFFICER, tree.province)
    RoleAssignment.objects.create(user=both, role=Role.FOCAL_OFFICER, unit=tree.commune)
    RoleAssignment.objects.create(user=both, role=Role.FOCAL_OFFICER, unit=tree.other_province)
    assert policy.unit_paths(both, CorePerm.VIEW_UNIT) == sorted(
        [tree.province.path, tree.other_province.path]
    )


def test_within_filters_a_list_in_one_query(tree, personas, django_assert_num_queries):
    households = Household.objects.all()
    official = personas["commune_official"]
    list(policy.within(households, official, CorePerm.VIEW_HOUSEHOLDS, path_field="village__path"))
    with django_assert_num_queries(1):
        mine = set(policy.within(households, official, CorePerm.VIEW_HOUSEHOLDS, path_field="village__path"))
    assert mine == {tree.h1, tree.h2}
    everything = policy.within(
        households, personas["admin"], CorePerm.VIEW_HOUSEHOLDS, path_field="village__path"
    )
    assert set(everything) == {tree.h1, tree.h2, tree.hs}
    nothing = policy.within(
        households, personas["oversight_member"], CorePerm.VIEW_HOUSEHOLDS, path_field="village__path"
    )
    assert not nothing.exists()


def test_within_agrees_with_allowed_for_every_persona(tree, personas):
    for persona, actor in personas.items():
        for perm in (CorePerm.VIEW_UNIT, CorePerm.VIEW_HOUSEHOLDS, CorePerm.MANAGE_HOUSEHOLDS):
            scoped = set(policy.within(Household.objects.all(), actor, perm, path_field="village__path"))
            allowed = {h for h in Household.objects.all() if policy.allowed(actor, perm, h.village)}
            assert scoped == allowed, (persona, perm)


def test_a_local_only_permission_has_no_subtree(tree, personas):
    with pytest.raises(ValueError, match="upwards"):
        policy.unit_paths(personas["commune_official"], Perm("test.local", local_only=True))
