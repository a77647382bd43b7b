"""Breadcrumbs name every unit above, and link only those the reader may open."""

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
