from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.paginator import Paginator
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import formats, translation


class DateForm(forms.Form):
    day = forms.DateField()


def test_vietnamese_dates_are_day_first():
    with translation.override("vi"):
        form = DateForm({"day": "01/07/2025"})
        assert form.is_valid()
        assert form.cleaned_data["day"] == dt.date(2025, 7, 1)
        assert formats.date_format(dt.date(2025, 7, 1), "SHORT_DATE_FORMAT") == "01/07/2025"


def test_vietnamese_number_grouping():
    with translation.override("vi"):
        assert formats.number_format(1234567, use_l10n=True, force_grouping=True) == "1.234.567"
        assert formats.number_format(1.5, decimal_pos=1, use_l10n=True) == "1,5"


def test_templates_print_ids_and_years_plain_and_group_quantities_with_intcomma():
    template = Template("{% load humanize %}?don-vi={{ id }}&nam={{ year }} {{ count|intcomma }}")
    for language, grouped in (("vi", "12.345"), ("en", "12,345")):
        with translation.override(language):
            assert intcomma(12345) == grouped
            assert template.render(Context({"id": 1517, "year": 2026, "count": 12345})) == (
                f"?don-vi=1517&nam=2026 {grouped}"
            )


def test_pager_groups_the_item_count_but_not_page_numbers():
    page, request = Paginator(range(12345), 10).page(1000), RequestFactory().get("/", {"trang": "1000"})
    request.user = AnonymousUser()
    with translation.override("vi"):
        html = render_to_string("partials/pager.html", {"page": page}, request)
        assert "Trang 1000/1235 · 12.345 mục" in html and 'href="?trang=1001"' in html
    with translation.override("en"):
        html = render_to_string("partials/pager.html", {"page": page}, request)
        assert "Page 1000/1235 · 12,345 items" in html


@pytest.mark.django_db
def test_pages_default_to_vietnamese_whatever_the_browser_says(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "vi"
    client.cookies["django_language"] = "en"
    assert client.get("/")["Content-Language"] == "en"


def test_malformed_date_is_refused():
    with translation.override("vi"):
        assert not DateForm({"day": "31/02/2025"}).is_valid()
        assert not DateForm({"day": "ngày   tháng 3 năm 2023"}).is_valid()


@pytest.mark.django_db
def test_english_is_available(client):
    client.cookies["django_language"] = "en"
    body = client.get("/").content.decode()
    assert "Log in" in body and "Provinces and cities" in body
