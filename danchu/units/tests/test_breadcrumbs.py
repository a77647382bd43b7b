"""Breadcrumbs link only the units their reader may open; the apps' tabs follow the registry."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "persona, links_province", [("commune_official", False), ("province_official", True)]
)
def test_a_commune_page_links_the_province_only_for_who_may_open_it(
    tree, personas, client, persona, links_province
):
    client.force_login(personas[persona])
    page = client.get(reverse("units:unit", args=[tree.commune.pk])).content.decode()
    province_page = reverse("units:unit", args=[tree.province.pk])
    assert tree.province.name in page
    assert (f'href="{province_page}"' in page) is links_province
    assert client.get(province_page).status_code == (200 if links_province else 403)


def test_the_apps_tabs_come_from_the_registry_by_tier(tree, personas, client):
    client.force_login(personas["commune_official"])
    commune = client.get(reverse("units:unit", args=[tree.commune.pk])).content.decode()
    for name in ("plans:list", "reports:unit", "disclosures:unit"):
        assert f'href="{reverse(name, args=[tree.commune.pk])}"' in commune
    village = client.get(reverse("units:village", args=[tree.village.pk])).content.decode()
    assert f'href="{reverse("plans:list", args=[tree.village.pk])}"' in village
    assert reverse("reports:unit", args=[tree.village.pk]) not in village
    plans_page = client.get(reverse("plans:list", args=[tree.commune.pk])).content.decode()
    assert f'<a href="{reverse("plans:list", args=[tree.commune.pk])}" aria-current="page">' in plans_page
