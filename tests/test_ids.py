"""Test databases hand out realistic ids (≥ 1,000,000, a different range per table), also after the flush
that ends each transactional test: an id printed through number formatting cannot hide behind id 3."""

from __future__ import annotations

import pytest

from conftest import FIRST_ID, make_unit
from danchu.accounts.models import User
from danchu.units.models import UnitKind


def _fresh_ids() -> tuple[int, int]:
    unit = make_unit("Tỉnh Thử", UnitKind.PROVINCE, code="99")
    user = User.objects.create_user(username="thu-id", password="mat-khau-thu-id-2026")
    return unit.pk, user.pk


@pytest.mark.django_db
def test_ids_start_high_and_differ_between_tables():
    unit_id, user_id = _fresh_ids()
    assert unit_id >= FIRST_ID and user_id >= FIRST_ID
    assert unit_id != user_id


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("run", ["first", "after the first one's flush"])
def test_ids_stay_high_in_transactional_tests(run):
    unit_id, user_id = _fresh_ids()
    assert unit_id >= FIRST_ID and user_id >= FIRST_ID
