from __future__ import annotations

import pytest
from django.http import Http404

from danchu.core.errors import PermissionDeniedError
from danchu.core.policy import CorePerm
from danchu.units import selectors

pytestmark = pytest.mark.django_db


def test_search_ignores_diacritics_both_ways(tree):
    assert [u.name for u in selectors.search_units("chanh lo")] == ["Phường Chánh Lộ"]
    assert [u.name for u in selectors.search_units("CHÁNH LỘ")] == ["Phường Chánh Lộ"]
    assert selectors.search_units("   ") == []
    assert [u.name for u in selectors.search_units("dong", within=tree.sibling, generation=None)] == [
        "Thôn Đông"
    ]


def test_search_survives_huge_and_odd_input(tree):
    assert selectors.search_units("x" * 10000) == []
    assert selectors.search_units("%_' OR 1=1 --") == []


def test_ancestors_root_first(tree):
    assert selectors.ancestors(tree.village) == [tree.province, tree.commune]


def test_access_unit_checks_subtree(tree, personas):
    assert (
        selectors.access_unit(
            actor=personas["commune_official"], unit_id=tree.village.pk, perm=CorePerm.VIEW_UNIT
        )
        == tree.village
    )
    with pytest.raises(PermissionDeniedError):
        selectors.access_unit(
            actor=personas["sibling_official"], unit_id=tree.commune.pk, perm=CorePerm.VIEW_UNIT
        )
    with pytest.raises(Http404):
        selectors.access_unit(actor=personas["admin"], unit_id=999999, perm=CorePerm.VIEW_UNIT)
    with pytest.raises(Http404):
        selectors.access_unit(actor=personas["admin"], unit_id="abc", perm=CorePerm.VIEW_UNIT)


def test_citizen_sees_only_own_household(tree, personas):
    citizen = personas["citizen"]
    assert (
        selectors.access_household(actor=citizen, household_id=tree.h1.pk, perm=CorePerm.VIEW_HOUSEHOLDS)
        == tree.h1
    )
    with pytest.raises(PermissionDeniedError):
        selectors.access_household(actor=citizen, household_id=tree.h2.pk, perm=CorePerm.VIEW_HOUSEHOLDS)
    with pytest.raises(PermissionDeniedError):
        selectors.access_household(actor=citizen, household_id=tree.h1.pk, perm=CorePerm.MANAGE_HOUSEHOLDS)


def test_household_counts(tree):
    assert selectors.active_household_count(tree.commune) == 2
    assert selectors.active_household_count(tree.province) == 3
    assert [v.household_count for v in selectors.villages_of(tree.commune)] == [2]
