"""Every list page of units, accounts and core costs the same number of queries for 2 rows or 20."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import Tree, make_household, make_user
from danchu.accounts.models import Role
from danchu.core import audit
from danchu.core.models import Holiday, Rule
from danchu.units.models import Agency, AgencyKind

pytestmark = pytest.mark.django_db


def _grow(tree: Tree, n: int) -> None:
    """n more of everything the pages list: villages' households, agencies, roles, entries, rules."""
    start = Agency.objects.count()
    for i in range(n):
        tag = f"{start + i:03d}"
        make_household(tree.village, f"9{tag}", [f"Người {tag}", f"Con {tag}"])
        Agency.objects.create(
            unit=tree.commune, name=f"Ban {tag}", name_key=f"ban {tag}", kind=AgencyKind.SECTION
        )
        make_user(f"canbo{tag}", Role.AGENCY_OFFICER, tree.commune)
        Holiday.objects.create(date=dt.date(2026, 1, 1) + dt.timedelta(days=start + i), name=f"Nghỉ {tag}")
        Rule.objects.create(
            key=f"test.rule_{tag}",
            title=f"Quy định {tag}",
            value=1,
            citation="x",
            effective_from=dt.date(2020, 1, 1),
        )
        Rule.objects.create(
            key=f"test.rule_{tag}",
            title=f"Quy định {tag}",
            value=2,
            citation="x",
            effective_from=dt.date(2021, 1, 1),
            scope_unit=tree.province,
        )
        with transaction.atomic():
            audit.record(actor=None, action="test.touch", obj=tree.h1, scope_unit_id=tree.village.pk)
    # one more member in h1 so its page grows too
    tree.h1.members.create(full_name=f"Cháu {start}", name_key=f"chau {start}")


PAGES: list[tuple[str, Callable[[Tree], dict[str, Any]], str]] = [
    ("units:unit", lambda t: {"unit_id": t.commune.pk}, "admin"),
    ("units:unit", lambda t: {"unit_id": t.province.pk}, "admin"),
    ("units:agencies", lambda t: {"unit_id": t.commune.pk}, "commune_official"),
    ("units:village", lambda t: {"unit_id": t.village.pk}, "commune_official"),
    ("units:household", lambda t: {"household_id": t.h1.pk}, "village_head"),
    ("units:history", lambda t: {"unit_id": t.commune.pk}, "commune_official"),
    ("units:rules", lambda t: {"unit_id": t.province.pk}, "province_official"),
    ("accounts:roles", lambda t: {"unit_id": t.commune.pk}, "commune_official"),
    (
        "core:object_history",
        lambda t: {"object_type": "units.household", "object_id": t.h1.pk},
        "commune_official",
    ),
    ("core:rulebook", lambda t: {}, "commune_official"),
    ("core:calendar", lambda t: {}, "commune_official"),
]


def _count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize(
    ("name", "kwargs", "persona"), PAGES, ids=[f"{p[0]}-{i}" for i, p in enumerate(PAGES)]
)
def test_a_list_page_costs_the_same_for_more_rows(tree, personas, login, name, kwargs, persona):
    _grow(tree, 2)
    client = login(personas[persona])
    url = reverse(name, kwargs=kwargs(tree))
    _count(client, url)  # warm the caches a first request fills (session, rulebook)
    small = _count(client, url)
    _grow(tree, 18)
    assert _count(client, url) == small
