"""The pages: permission matrix over the personas, refusals of every write view, the main path through
the pages, the public register, exports, and query counts that do not grow with the data."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import PERSONAS
from danchu.conventions.models import Convention, ConventionVersion, Opinion, VersionState
from danchu.core.models import AuditEntry

from .conftest import TEXT, adopt, at, create, post, recognise

pytestmark = pytest.mark.django_db
OK, LOGIN, DENIED = 200, 302, 403


def expect(allowed: set[str]) -> dict[str, int]:
    return {p: LOGIN if p == "anonymous" else (OK if p in allowed else DENIED) for p in PERSONAS}


READERS = {"admin", "province_official", "commune_official", "village_head", "oversight_member"}
PAGES = [
    ("conventions:unit", lambda t, c: {"unit_id": t.commune.pk}, expect(READERS - {"village_head"})),
    ("conventions:unit", lambda t, c: {"unit_id": t.village.pk}, expect(READERS)),
    ("conventions:create", lambda t, c: {"unit_id": t.village.pk}, expect({"admin", "village_head"})),
    ("conventions:detail", lambda t, c: {"convention_id": c.pk}, expect(READERS)),
    ("conventions:version", lambda t, c: {"version_id": c.versions.get().pk}, expect(READERS)),
    ("conventions:edit", lambda t, c: {"version_id": c.versions.get().pk}, expect({"admin", "village_head"})),
    ("conventions:posted", lambda t, c: {}, expect(set(PERSONAS) - {"anonymous"})),
    ("conventions:version_pdf", lambda t, c: {"version_id": c.versions.get().pk}, expect(READERS)),
    ("conventions:version_docx", lambda t, c: {"version_id": c.versions.get().pk}, expect(READERS)),
]


@pytest.mark.parametrize(
    ("name", "kwargs", "expected"), PAGES, ids=[f"{p[0]}-{i}" for i, p in enumerate(PAGES)]
)
def test_permission_matrix(tree, personas, login, drafted, name, kwargs, expected):
    url = reverse(name, kwargs=kwargs(tree, drafted))
    with at(2026, 3, 3):
        got = {p: login(personas[p]).get(url).status_code for p in PERSONAS}
    assert got == expected


def test_opinion_page_is_for_the_households_of_the_village(tree, personas, login, posted):
    url = reverse("conventions:opinion", args=[posted.pk])
    with at(2026, 3, 3):
        got = {p: login(personas[p]).get(url).status_code for p in PERSONAS}
    assert got == expect({"admin", "citizen"}) | {"admin": OK}


WRITES = [
    ("conventions:post", "version", {"posted_on": "02/03/2026", "place": "Nhà văn hóa"}),
    ("conventions:meeting", "version", {"on": "02/04/2026", "present": "2", "approving": "2"}),
    ("conventions:ballot", "version", {"on": "02/04/2026", "returned": "2", "approving": "2"}),
    ("conventions:paper_opinion", "version", {"household": "0", "text": "x", "given_on": "03/03/2026"}),
    ("conventions:file", "version", {}),
    ("conventions:vote", "version", {"meeting_day": "02/04/2026", "meeting_place": "Nhà văn hóa"}),
    ("conventions:adopt_decision", "version", {}),
    ("conventions:recognise", "version", {"on": "03/03/2026", "decision_number": "1/QĐ"}),
    ("conventions:refuse", "version", {"on": "03/03/2026", "reason": "x"}),
    ("conventions:amend", "convention", {"summary": "x"}),
    ("conventions:review", "convention", {"on": "03/03/2026", "notes": "x"}),
    ("conventions:force", "convention", {"kind": "suspended", "on": "03/03/2026", "reason": "x"}),
]


@pytest.mark.parametrize(("name", "target", "data"), WRITES, ids=[w[0] for w in WRITES])
@pytest.mark.parametrize("persona", ["sibling_official", "citizen", "oversight_member"])
def test_write_views_refuse_outsiders(tree, personas, login, drafted, name, target, data, persona):
    version = drafted.versions.get()
    arg = version.pk if target == "version" else drafted.pk
    audits = AuditEntry.objects.count()
    with at(2026, 3, 3):
        response = login(personas[persona]).post(reverse(name, args=[arg]), data)
    assert response.status_code == DENIED
    assert AuditEntry.objects.count() == audits
    assert ConventionVersion.objects.get(pk=version.pk).state == VersionState.DRAFT


def test_the_whole_path_through_the_pages(tree, personas, login):
    head, official, citizen = personas["village_head"], personas["commune_official"], personas["citizen"]
    with at(2026, 3, 2):
        response = login(head).post(
            reverse("conventions:create", args=[tree.village.pk]),
            {"kind": "huong_uoc", "title": "Hương ước TDP 1", "text": TEXT},
        )
        version = ConventionVersion.objects.get()
        assert response.status_code == 302
        login(head).post(
            reverse("conventions:post", args=[version.pk]),
            {"posted_on": "02/03/2026", "place": "Nhà văn hóa"},
        )
    with at(2026, 3, 5):
        page = login(citizen).get(reverse("conventions:posted"))
        assert "Hương ước TDP 1" in page.content.decode()
        login(citizen).post(
            reverse("conventions:opinion", args=[version.pk]), {"text": "Đồng ý", "article_number": "3"}
        )
    assert Opinion.objects.get().channel == "online"
    with at(2026, 3, 20):  # too early: a Vietnamese message, nothing saved
        response = login(head).post(
            reverse("conventions:meeting", args=[version.pk]),
            {"on": "20/03/2026", "present": "2", "approving": "2"},
            follow=True,
        )
        assert "Chưa hết thời gian niêm yết" in response.content.decode()
    with at(2026, 4, 2):
        login(head).post(
            reverse("conventions:meeting", args=[version.pk]),
            {"on": "02/04/2026", "present": "2", "approving": "2"},
        )
        login(head).post(reverse("conventions:file", args=[version.pk]))
    with at(2026, 4, 6):
        page = login(official).get(reverse("conventions:version", args=[version.pk]))
        assert "Xem xét công nhận" in page.content.decode()
        login(official).post(
            reverse("conventions:recognise", args=[version.pk]),
            {"on": "06/04/2026", "decision_number": "12/QĐ-UBND"},
        )
    assert ConventionVersion.objects.get().state == VersionState.RECOGNISED
    login(personas["anonymous"])
    register = login(personas["anonymous"]).get(reverse("conventions:register", args=[tree.commune.pk]))
    assert "Hương ước TDP 1" in register.content.decode()


def test_overdue_filing_shows_on_the_pages(tree, personas, login, posted):
    version = adopt(personas, posted)
    with at(2026, 4, 10):
        page = (
            login(personas["village_head"])
            .get(reverse("conventions:version", args=[version.pk]))
            .content.decode()
        )
        listing = (
            login(personas["commune_official"])
            .get(reverse("conventions:unit", args=[tree.commune.pk]))
            .content.decode()
        )
    assert "Quá hạn gửi hồ sơ" in page and "Quá hạn gửi hồ sơ" in listing


def test_public_register_hides_drafts_and_serves_the_text(tree, personas, client, drafted, in_force):
    assert client.get(reverse("conventions:public", args=[drafted.pk])).status_code in (200, 404)
    other = create(personas, tree)
    assert client.get(reverse("conventions:public", args=[other.pk])).status_code == 404
    page = client.get(reverse("conventions:public", args=[in_force.pk]))
    assert page.status_code == 200 and "Vệ sinh môi trường" in page.content.decode()
    version = in_force.current
    pdf = client.get(reverse("conventions:pdf", args=[in_force.pk, version.pk]))
    docx = client.get(reverse("conventions:docx", args=[in_force.pk, version.pk]))
    assert pdf.content.startswith(b"%PDF") and docx.content.startswith(b"PK")
    draft_version = other.versions.get()
    assert client.get(reverse("conventions:pdf", args=[other.pk, draft_version.pk])).status_code == 404


def _many(tree: Any, personas: Any, n: int) -> None:
    text = TEXT + "".join(f"Điều {i}. Điều thêm {i}\nNội dung {i}.\n" for i in range(4, 4 + n))
    for _ in range(n):
        version = post(personas, create(personas, tree, text))
        recognise(personas, adopt(personas, version))


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_conventions_or_articles(tree, personas, client, login):
    register = reverse("conventions:register", args=[tree.commune.pk])
    unit = reverse("conventions:unit", args=[tree.commune.pk])
    _many(tree, personas, 1)
    first = Convention.objects.get()
    public = reverse("conventions:public", args=[first.pk])
    small = (_queries(client, register), _queries(client, public))
    official = login(personas["commune_official"])
    small_unit = _queries(official, unit)
    _many(tree, personas, 4)
    login(personas["anonymous"])
    assert (_queries(client, register), _queries(client, public)) == small
    longest = Convention.objects.order_by("-id").first()
    assert longest is not None and longest.current.articles.count() > first.current.articles.count()
    assert _queries(client, reverse("conventions:public", args=[longest.pk])) == small[1]
    assert _queries(login(personas["commune_official"]), unit) == small_unit


def test_pages_speak_english_too(tree, personas, client, in_force, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("conventions:public", args=[in_force.pk])).content.decode()
    assert "Recognised versions" in page and "Download .pdf" in page
