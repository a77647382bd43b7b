"""Hộ của tôi: a citizen's household, and what each domain app offers it (the registry's citizen links)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from danchu.core import registry

pytestmark = pytest.mark.django_db


def test_the_household_page_links_every_apps_offer_and_each_opens(tree, personas, client):
    client.force_login(personas["citizen"])
    page = client.get(reverse("accounts:my_household")).content.decode()
    links = registry.citizen_links()
    assert {link.url_name.split(":")[0] for link in links} >= {"decisions", "petitions", "consultations"}
    for link in links:
        url = reverse(link.url_name, args=[tree.commune.pk] if link.per_commune else [])
        assert f'href="{url}"' in page, link.url_name
        assert client.get(url).status_code == 200, link.url_name
