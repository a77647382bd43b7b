"""The edges hold: every write page refuses those without the right (403, nothing changed, no audit entry);
witnesses never see drafts; dates and years out of range are refused in words, never a 500; lists cost the
same number of queries whatever their length; the commune page lists the sections domain apps declare."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import PERSONAS
from danchu.core.models import AuditEntry
from danchu.disclosures import services
from danchu.disclosures.models import Disclosure, DisclosureItem

from .conftest import PDF, at, draft

MANAGERS = {"admin", "province_official", "commune_official"}


def _state(disclosure: Disclosure) -> tuple:
    disclosure.refresh_from_db()
    return (disclosure.title, disclosure.state, disclosure.attachments.count(), disclosure.proofs.count())


WRITE_PAGES = [
    ("disclosures:create", lambda d: {"unit_id": d.unit_id},
     {"title": "x", "items": ["11.1"], "starts_on": "02/03/2026"}),
    ("disclosures:edit", lambda d: {"disclosure_id": d.pk},
     {"title": "Đổi", "items": ["11.2a"], "starts_on": "02/03/2026"}),
    ("disclosures:add_attachment", lambda d: {"disclosure_id": d.pk}, None),
    ("disclosures:remove_attachment",
     lambda d: {"disclosure_id": d.pk, "attachment_id": d.attachments.get().pk}, {}),
    ("disclosures:publish", lambda d: {"disclosure_id": d.pk}, {}),
    ("disclosures:withdraw", lambda d: {"disclosure_id": d.pk}, {"reason": "Thử"}),
]  # fmt: skip


@pytest.mark.parametrize(("name", "kwargs", "data"), WRITE_PAGES, ids=[w[0] for w in WRITE_PAGES])
@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - MANAGERS - {"anonymous"}))
def test_write_pages_refuse_who_may_not_manage(tree, personas, login, name, kwargs, data, persona):
    official = personas["commune_official"]
    with at(2026, 3, 2):
        disclosure = draft(official, tree.commune)
        services.add_attachment(actor=official, disclosure=disclosure, name="a.pdf", data=PDF)
        before, entries = _state(disclosure), AuditEntry.objects.count()
        if data is None:
            data = {"file": SimpleUploadedFile("b.pdf", PDF, content_type="application/pdf")}
        response = login(personas[persona]).post(reverse(name, kwargs=kwargs(disclosure)), data)
    assert response.status_code == 403, (name, persona)
    assert _state(disclosure) == before and Disclosure.objects.count() == 1
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - {"admin", "anonymous"}))
def test_catalogue_edits_are_the_administrators(tree, personas, login, persona):
    item = DisclosureItem.objects.get(code="11.12")
    data = {"title": "Đổi", "recurrence": "yearly", "channels": ["notice_board"], "note": ""}
    response = login(personas[persona]).post(reverse("disclosures:edit_item", args=[item.pk]), data)
    assert response.status_code == 403
    assert DisclosureItem.objects.get(pk=item.pk).title == item.title and not AuditEntry.objects.exists()


def test_an_attachment_is_removed_only_from_its_own_disclosure(tree, personas, login):
    official = personas["commune_official"]
    with at(2026, 3, 2):
        one, other = draft(official, tree.commune), draft(official, tree.commune, title="Khác")
        attachment = services.add_attachment(actor=official, disclosure=other, name="a.pdf", data=PDF)
        response = login(official).post(
            reverse("disclosures:remove_attachment", args=[one.pk, attachment.pk])
        )
    assert response.status_code == 404 and other.attachments.count() == 1


def test_village_heads_see_published_disclosures_never_drafts(tree, personas, posted, login):
    official, head = personas["commune_official"], personas["village_head"]
    with at(2026, 3, 2):
        unposted = draft(official, tree.commune, title="Dự thảo chưa công khai")
        services.add_attachment(actor=official, disclosure=unposted, name="a.pdf", data=PDF)
        client = login(head)
        listed = client.get(reverse("disclosures:unit", args=[tree.commune.pk]))
        assert listed.status_code == 200 and posted.title in listed.text
        assert "Dự thảo chưa công khai" not in listed.text
        assert (
            client.get(
                reverse("disclosures:unit", args=[tree.commune.pk]), {"trang-thai": "draft"}
            ).status_code
            == 200
        )
        assert client.get(reverse("disclosures:detail", args=[unposted.pk])).status_code == 404
        assert client.get(reverse("disclosures:detail", args=[posted.pk])).status_code == 200
        assert client.get(f"/api/v1/disclosures/{unposted.pk}").status_code == 404
        api_list = client.get(f"/api/v1/units/{tree.commune.pk}/disclosures").json()
        assert [d["id"] for d in api_list] == [posted.pk]
        file_id = unposted.attachments.get().pk
        assert client.get(reverse("portal:attachment", args=[file_id])).status_code == 404
        officials = login(official)
        assert officials.get(reverse("disclosures:detail", args=[unposted.pk])).status_code == 200
        assert officials.get(reverse("portal:attachment", args=[file_id])).status_code == 200


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "field"),
    [("31/12/9999", "", "starts_on"), ("01/01/0001", "", "starts_on"),
     ("02/03/2026", "31/12/9999", "ends_on"), ("01/06/2023", "", "starts_on")],
)  # fmt: skip
def test_dates_out_of_range_are_a_form_error(tree, personas, login, starts_on, ends_on, field):
    client = login(personas["commune_official"])
    with at(2026, 3, 2):
        response = client.post(
            reverse("disclosures:create", args=[tree.commune.pk]),
            {"title": "Dự toán", "items": ["11.2a"], "starts_on": starts_on, "ends_on": ends_on},
        )
    assert response.status_code == 400 and "phải" in response.text and not Disclosure.objects.exists()


@pytest.mark.parametrize(
    "body",
    [{"starts_on": "9999-12-31"}, {"starts_on": "0001-01-01"},
     {"starts_on": "2026-03-02", "ends_on": "9999-12-31"},
     {"starts_on": "2026-03-02", "document_date": "0001-01-01"}],
)  # fmt: skip
def test_dates_out_of_range_are_a_400_from_the_api(tree, personas, login, body):
    client = login(personas["commune_official"])
    with at(2026, 3, 2):
        response = client.post(
            f"/api/v1/units/{tree.commune.pk}/disclosures",
            {"title": "Dự toán", "items": ["11.2a"], **body},
            content_type="application/json",
        )
        disclosure = draft(personas["commune_official"], tree.commune)
        update = client.put(
            f"/api/v1/disclosures/{disclosure.pk}",
            {"title": "Dự toán", "items": ["11.2a"], **body},
            content_type="application/json",
        )
    assert response.status_code == 400 and "phải từ" in response.json()["detail"]
    assert update.status_code == 400 and Disclosure.objects.count() == 1


# (year, the API's answer: 400 for a number out of range, 422 for no whole number; the portal search's
# answer when the same text names its commune: 404 for a number naming no commune, 200 ignoring a non-number)
@pytest.mark.parametrize(
    ("year", "api_status", "search_status"),
    [
        ("99999999", 400, 404),
        ("9" * 5000, 400, 404),
        ("²⁰²⁶", 422, 200),
        ("-1", 400, 200),
        ("2026abc", 422, 200),
        ("0", 400, 404),
        ("1999", 400, 404),
    ],
)
def test_year_parameters_out_of_range_are_ignored_or_refused(
    tree, personas, posted, client, login, year, api_status, search_status
):
    with at(2026, 3, 10):
        assert client.get(reverse("portal:archive", args=[tree.commune.pk]), {"nam": year}).status_code == 200
        official = login(personas["commune_official"])
        page = official.get(reverse("disclosures:compliance", args=[tree.commune.pk]), {"nam": year})
        assert page.status_code == 200
        api = official.get(f"/api/v1/units/{tree.commune.pk}/disclosure-compliance", {"year": year})
        assert api.status_code == api_status
        search = client.get(reverse("portal:search"), {"q": "du toan", "trang": year, "don_vi": year})
        assert search.status_code == search_status


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_officials_lists_cost_the_same_queries_with_more_disclosures(tree, personas, login):
    official = personas["commune_official"]
    pages = [
        reverse("disclosures:unit", args=[tree.commune.pk]),
        reverse("disclosures:unit", args=[tree.commune.pk]) + "?trang-thai=posted",
        reverse("disclosures:compliance", args=[tree.commune.pk]),
        reverse("disclosures:catalogue"),
        f"/api/v1/units/{tree.commune.pk}/disclosures",
        f"/api/v1/units/{tree.commune.pk}/disclosure-compliance",
        f"/api/v1/public/units/{tree.commune.pk}/disclosures",
        f"/api/v1/public/units/{tree.commune.pk}/disclosures?archive=true",
    ]

    def add(n):
        for i in range(n):
            d = draft(official, tree.commune, title=f"Thông báo {i}", item_codes=["11.3a", "11.10"])
            services.add_attachment(actor=official, disclosure=d, name="a.pdf", data=PDF)
            services.publish(actor=official, disclosure=d)
            services.record_proof(actor=official, disclosure=d, channel="notice_board", day=d.starts_on,
                                  place="Bảng tin")  # fmt: skip

    rollup = reverse("disclosures:compliance", args=[tree.province.pk])
    readers = [(personas["commune_official"], url) for url in pages]
    readers += [(personas["province_official"], rollup), (personas["village_head"], pages[0])]
    with at(2026, 3, 2):
        add(2)
        few = [_count(login(user), url) for user, url in readers]
        add(12)
        many = [_count(login(user), url) for user, url in readers]
    assert few == many


def test_the_commune_page_lists_the_sections_apps_declare(tree, client):
    page = client.get(reverse("portal:unit", args=[tree.commune.pk]))
    assert page.status_code == 200
    assert (
        f'<a href="{reverse("portal:archive", args=[tree.commune.pk])}">Thông tin công khai</a>' in page.text
    )
    province = client.get(reverse("portal:unit", args=[tree.province.pk]))
    assert "Chuyên mục" not in province.text
