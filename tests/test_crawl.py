"""Every page reachable from where people start, on the demo data with ids in the millions: no page answers
500, no link leads nowhere, and no href, action, value or src holds a number printed with digit grouping
(`?don-vi=1.517`, `value="2.026"`): ids and years must reach the browser plain (docs/development.md).

Then the places where grouping broke things, checked one by one: the province's completeness drill-down,
the portal's search within a commune, the archive's year filter, the compliance title.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection, transaction
from django.test import Client

from conftest import FIRST_ID
from danchu.accounts.demo import COMMUNE_CODE, PROVINCE_CODE, SIBLING_CODE, seed_demo
from danchu.accounts.models import User
from danchu.reports.demo import ONE_STOP
from danchu.reports.models import ReportRegime
from danchu.units.loader import load_national_units
from danchu.units.models import Generation, Tier, Unit

NOW = dt.datetime(2026, 11, 20, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
PAGE_BUDGET = 200  # pages fetched per persona
PER_SHAPE = 4  # pages fetched per URL shape (the URL with every number as 0): 4 provinces, not 34
# A number with a digit group separator: 1.517, 1,517, 12.345.678; not 12,5, 0,125, 1.2.3 or 2026.
GROUPED = re.compile(r"(?<![\w.,])[1-9]\d{0,2}(?:[.,]\d{3})+(?!\d)")
CHECKED_ATTRIBUTES = {"href", "action", "formaction", "value", "src", "hx-get", "hx-post"}
NOT_FOLLOWED = ("/static/", "/media/", "/django-admin/", "/api/", "/i18n/", "/tai-khoan/dang-xuat/")
DOWNLOADS = re.compile(r"tai-ve|\.(pdf|docx|xlsx|json)(\?|$)")  # files: their links are checked, not fetched
PARSED = ("text/html", "application/atom+xml")

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Demo:
    province: Unit
    commune: Unit
    sibling: Unit


def _analyze() -> None:
    """PostgreSQL plans with statistics, which autovacuum may have taken from earlier tests' rolled-back
    rows ("empty"): with 13,000 units it then nests loops over whole tables (minutes per page)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # sees this transaction's own rows


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[Demo]:
    """The whole unit tree and `seed_demo`, built once for this module and rolled back after it."""

    def unit(code: str, tier: int) -> Unit:
        return Unit.objects.get(code=code, tier=tier, generation=Generation.CURRENT)

    traveller, atomic = time_machine.travel(NOW, tick=False), transaction.atomic()
    traveller.start()
    try:
        with django_db_blocker.unblock():
            atomic.__enter__()  # left at teardown, rolling back: the tests run in savepoints inside it
            load_national_units()
            seed_demo()
            _analyze()
            built = Demo(
                unit(PROVINCE_CODE, Tier.PROVINCE),
                unit(COMMUNE_CODE, Tier.COMMUNE),
                unit(SIBLING_CODE, Tier.COMMUNE),
            )
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
        traveller.stop()


def _client(username: str | None) -> Client:
    client = Client(raise_request_exception=False)  # a 500 is a finding, with its URL, not the end
    if username is not None:
        client.force_login(
            User.objects.get(username=username), backend="django.contrib.auth.backends.ModelBackend"
        )
    return client


class _Page(HTMLParser):
    """The attributes of a page that hold URLs or submitted values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: list[tuple[str, str, str]] = []  # (tag, attribute, value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [
            (tag, name, value) for name, value in attrs if name in CHECKED_ATTRIBUTES and value
        ]


def _attributes(html: str) -> list[tuple[str, str, str]]:
    parser = _Page()
    parser.feed(html)
    return parser.attributes


@dataclass
class Crawl:
    fetched: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)  # links shown to someone who may not open them
    shapes: dict[str, int] = field(default_factory=dict)


def _internal(base: str, href: str) -> str | None:
    url = urljoin(base, href).split("#")[0]
    parts = urlsplit(url)
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return None if path.startswith(NOT_FOLLOWED) else path


def crawl(client: Client, start: list[str]) -> Crawl:
    """Breadth first from `start`, GET only, within PAGE_BUDGET pages and PER_SHAPE pages per URL shape."""
    result, queue, seen = Crawl(), deque((url, "start") for url in start), set(start)
    while queue and len(result.fetched) < PAGE_BUDGET:
        url, source = queue.popleft()
        shape = re.sub(r"\d+", "0", url)
        if result.shapes.get(shape, 0) >= PER_SHAPE:
            continue
        result.shapes[shape] = result.shapes.get(shape, 0) + 1
        response = client.get(url)
        result.fetched.append(url)
        if response.status_code >= 500 or response.status_code == 404:
            result.problems.append(f"{url} (linked from {source}) answers {response.status_code}")
        elif response.status_code == 403:
            result.forbidden.append(f"{url} (linked from {source})")
        links = [response["Location"]] if response.status_code in (301, 302) else []
        if response.get("Content-Type", "").startswith(PARSED):
            for tag, name, value in _attributes(response.content.decode()):
                if GROUPED.search(value) and not value.startswith("/static/"):
                    result.problems.append(f"{url}: <{tag} {name}={value!r}> holds a grouped number")
                if name == "href":
                    links.append(value)
        for href in links:
            target = _internal(url, href)
            if target is not None and target not in seen and not DOWNLOADS.search(target):
                seen.add(target)
                queue.append((target, url))
    return result


def _starts(demo: Demo) -> dict[str, tuple[str | None, list[str]]]:
    commune_portal = f"/don-vi/{demo.commune.pk}/"
    return {
        "province official": ("tinh.noivu", ["/tai-khoan/ban-lam-viec/", "/"]),
        "commune official": ("baichay.vanphong", ["/tai-khoan/ban-lam-viec/", "/", commune_portal]),
        "citizen": ("dan.hogiadinh", ["/tai-khoan/ho-cua-toi/", commune_portal, "/"]),
        "anonymous": (None, [commune_portal, "/"]),
    }


@pytest.mark.parametrize("persona", ["province official", "commune official", "citizen", "anonymous"])
def test_every_reachable_page_prints_ids_and_years_plain(demo, persona):
    assert min(demo.province.pk, demo.commune.pk) >= FIRST_ID  # the ids really are large
    username, start = _starts(demo)[persona]
    result = crawl(_client(username), start)
    print(f"{persona}: {len(result.fetched)} pages, {len(result.shapes)} URL shapes")
    assert result.problems == [], "\n".join(result.problems)
    unopenable = "\n".join(result.forbidden)
    assert result.forbidden == [], f"pages link what their reader may not open:\n{unopenable}"
    assert len(result.fetched) >= 15


def test_province_completeness_drill_down_opens_a_commune(demo):
    client = _client("tinh.noivu")
    regime = ReportRegime.objects.get(unit=demo.province, name=ONE_STOP)
    regime_page = client.get(f"/bao-cao/{regime.pk}/").content.decode()
    period_page = re.findall(rf'href="(/bao-cao/{regime.pk}/ky/[^/"]+/)"', regime_page)[0]
    page = client.get(period_page).content.decode()
    drill = re.search(rf'<a href="([^"]*)">{demo.commune.name}</a>', page)
    assert drill is not None and drill[1] == f"?don-vi={demo.commune.pk}"
    response = client.get(period_page + drill[1])
    assert response.status_code == 200
    trail = f"<strong>{demo.commune.name}</strong></nav>"
    assert trail in response.content.decode()


def _search_units(html: str) -> set[str]:
    results = html.split('id="ket-qua"')[1].split("</ul>")[0]
    return set(re.findall(r'<div class="small muted">([^<·]+?) ·', results))


def test_portal_search_within_a_commune_sends_its_id_and_keeps_to_it(demo):
    client = _client(None)
    page = client.get(f"/don-vi/{demo.commune.pk}/").content.decode()
    form = re.search(r'<form[^>]*action="/tim-kiem/"[^>]*>(.*?)</form>', page, re.S)
    assert form is not None
    sent = re.search(r'<input type="hidden" name="don_vi" value="([^"]*)">', form[1])
    assert sent is not None and sent[1] == str(demo.commune.pk)

    within = client.get("/tim-kiem/", {"don_vi": sent[1], "q": "ngân sách"}).content.decode()
    assert _search_units(within) == {demo.commune.name}
    everywhere = client.get("/tim-kiem/", {"q": "ngân sách"}).content.decode()
    assert _search_units(everywhere) == {demo.commune.name, demo.sibling.name}  # the filter did something


def test_archive_year_filter_sends_and_shows_the_year_plain(demo):
    client = _client(None)
    archive = f"/don-vi/{demo.commune.pk}/luu-tru/"
    page = client.get(archive).content.decode()
    assert '<option value="2026">2026</option>' in page and "2.026" not in page
    filtered = client.get(archive, {"nam": "2026"}).content.decode()
    assert '<option value="2026" selected>2026</option>' in filtered
    assert "Dự toán ngân sách phường năm 2026" in filtered


def test_compliance_title_and_year_links_show_the_year_plain(demo):
    official = _client("baichay.vanphong")
    page = official.get(f"/cong-khai/don-vi/{demo.commune.pk}/tuan-thu/").content.decode()
    assert "Tuân thủ công khai năm 2026" in page and "2.026" not in page
    rollup = _client("tinh.noivu").get(f"/cong-khai/don-vi/{demo.province.pk}/tuan-thu/").content.decode()
    assert "của các xã, phường năm 2026" in rollup and "2.026" not in rollup
    assert f'href="/cong-khai/don-vi/{demo.commune.pk}/tuan-thu/?nam=2026"' in rollup
