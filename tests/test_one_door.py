"""The one door: every page and every API operation that names an object in its address reaches it
through an `access_*` selector (`danchu.core.access`), never by a bare query.

The walk asks every URL pattern and every API operation for one real object of the commune, as the
official of the sibling commune (who may not manage it), and fails on any that answers without having
passed the door — or with a server error. A new app's pages are walked by themselves; a new kind of
id in an address must be given a record, so the walk cannot silently skip it: the house's own kinds
are made below, a domain app's in `danchu/<app>/tests/door.py`, whose `records(tree, personas)` returns
{kwarg or "route.kwarg": value} for records of the commune it creates through its services.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, include, path

from conftest import Tree
from danchu.core.access import watch
from danchu.plans.tests.samples import text_of

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

# Addresses that name no record by its id, each with the reason it needs no door.
EXEMPT = {
    "portal:confirm": "a subscription's secret token is the credential itself",
    "portal:unsubscribe": "a subscription's secret token is the credential itself",
    "accounts:password_reset_confirm": "Django's signed reset token is the credential itself",
}
EXEMPT_NAMESPACES = {"admin": "Django's admin site: staff only, with its own permission checks"}


@dataclass(frozen=True)
class Route:
    name: str
    route: str
    kwargs: tuple[str, ...]


def routes(patterns: list[Any] | None = None, prefix: str = "", namespace: str = "") -> Iterator[Route]:
    """Every URL pattern of the site with the names of its arguments (the API is walked apart)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            name = f"{namespace}:{pattern.name}" if namespace else str(pattern.name)
            yield Route(name, route, tuple(re.findall(r"<(?:\w+:)?(\w+)>", route)))


@dataclass
class World:
    """One record of every kind an address can name, all of the commune (Chánh Lộ)."""

    values: dict[str, Any]

    def value(self, route_name: str, kwarg: str) -> Any:
        for key in (f"{route_name}.{kwarg}", f"{route_name.split(':')[0]}.{kwarg}", kwarg):
            if key in self.values:
                return self.values[key]
        raise AssertionError(
            f"{route_name}: the door walk knows no record for “{kwarg}”; add one to tests/test_one_door.py"
        )


@pytest.fixture
def world(tree: Tree, personas: dict[str, Any], django_capture_on_commit_callbacks: Any) -> World:
    from danchu.accounts.models import RoleAssignment
    from danchu.disclosures import services as disclosures
    from danchu.disclosures.models import DisclosureItem
    from danchu.plans import services as plans
    from danchu.reports import services as reports
    from danchu.reports.catalogue import QCDC, codes
    from danchu.units.models import Tier

    official, province = personas["commune_official"], personas["province_official"]
    with (
        time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=TZ), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        plan = plans.import_plan(
            actor=official, unit=tree.commune, file_name="kh.txt", data=text_of("ward-chanh-lo-2023").encode()
        )
        province_plan = plans.import_plan(
            actor=province,
            unit=tree.province,
            file_name="kh.txt",
            data=text_of("province-quang-ngai-2023").encode(),
        )
        draft = disclosures.create_draft(
            actor=official,
            unit=tree.commune,
            title="Dự toán ngân sách phường năm 2026",
            item_codes=["11.2a"],
            body="Tổng thu 12 tỷ đồng.",
            starts_on=dt.date(2026, 3, 2),
        )
        attachment = disclosures.add_attachment(
            actor=official, disclosure=draft, name="du-toan.pdf", data=PDF
        )
        posted = disclosures.create_draft(
            actor=official,
            unit=tree.commune,
            title="Quyết toán ngân sách phường năm 2025",
            item_codes=["11.2a"],
            body="Tổng thu 11 tỷ đồng.",
            starts_on=dt.date(2026, 3, 2),
            channels=["notice_board", "portal"],
        )
        public_attachment = disclosures.add_attachment(
            actor=official, disclosure=posted, name="quyet-toan.pdf", data=PDF
        )
        disclosures.publish(actor=official, disclosure=posted)
        proof = disclosures.record_proof(
            actor=official,
            disclosure=posted,
            channel="notice_board",
            day=dt.date(2026, 3, 2),
            place="Trụ sở UBND phường",
            file_name="anh.png",
            file_data=PNG,
        )
        regime = reports.create_regime(
            actor=province,
            unit=tree.province,
            name="Báo cáo 6 tháng",
            frequency="six_monthly",
            reporter_tiers=[Tier.COMMUNE],
            indicator_codes=codes(QCDC),
            starts_on=dt.date(2026, 1, 1),
        )
        app_records = _app_records(tree, personas)
    submission = regime.submissions.get(unit=tree.commune)
    role = RoleAssignment.objects.get(user=official)
    directive = province_plan.directives.first()
    assert directive is not None
    return World(
        app_records
        | {
            "unit_id": tree.commune.pk,
            "units:village.unit_id": tree.village.pk,
            "units:rename_village.unit_id": tree.village.pk,
            "units:move_village.unit_id": tree.village.pk,
            "units:retire_village.unit_id": tree.village.pk,
            "household_id": tree.h1.pk,
            "agency_id": tree.agency.pk,
            "role_id": role.pk,
            "action": "dai-dien",
            "object_type": "plans.plan",
            "object_id": plan.pk,
            "plan_id": plan.pk,
            "reports:from_directive.plan_id": province_plan.pk,
            "directive_id": directive.pk,
            "plans.item_id": plan.items.first().pk,  # type: ignore[union-attr]
            "task_id": plan.pk and _first_task_id(plan, official),
            "kind": "ke-hoach.pdf",
            "disclosure_id": draft.pk,
            "portal:disclosure.disclosure_id": posted.pk,
            "attachment_id": attachment.pk,
            "portal:attachment.attachment_id": public_attachment.pk,
            "proof_id": proof.pk,
            "disclosures.item_id": DisclosureItem.objects.get(code="11.2a").pk,
            "code": "11.2a",
            "regime_id": regime.pk,
            "period": "2026S1",
            "submission_id": submission.pk,
            "reports:download.kind": "bao-cao.pdf",
            "reports:review.action": "duyet",
        }
    )


def _app_records(tree: Tree, personas: dict[str, Any]) -> dict[str, Any]:
    """Each domain app's records for the walk, from its `tests/door.py` (see the module docstring)."""
    from importlib import import_module
    from importlib.util import find_spec

    from danchu.core.registry import domain_apps

    found: dict[str, Any] = {}
    for app in domain_apps():
        module = f"danchu.{app.label}.tests.door"
        if find_spec(f"danchu.{app.label}.tests") is not None and find_spec(module) is not None:
            found |= import_module(module).records(tree, personas)
    return found


def _first_task_id(plan: Any, official: Any) -> int:
    from danchu.plans import services as plans

    plan.issued_on = dt.date(2026, 3, 2)
    plan.save(update_fields=["issued_on"])
    plans.issue_plan(actor=official, plan=plan)
    task = plan.tasks.order_by("pk").first()
    assert task is not None, "the sample plan gives its agencies no task"
    return int(task.pk)


def _call(client: Client, url: str) -> tuple[int, list[Any]]:
    """Ask for `url` (GET, or an empty POST where GET is not allowed); the status and what passed the door."""
    with watch() as seen:
        response = client.get(url)
        if response.status_code == 405:
            response = client.post(url, {})
    return response.status_code, list(seen)


def doorless(client: Client, world: World, candidates: list[Route]) -> list[str]:
    """The addresses among `candidates` that answer without passing the door, or fail on the server."""
    found = []
    for route in candidates:
        if not route.kwargs or route.name in EXEMPT or route.name.split(":")[0] in EXEMPT_NAMESPACES:
            continue
        url = "/" + route.route
        for kwarg in route.kwargs:
            url = re.sub(rf"<(?:\w+:)?{kwarg}>", str(world.value(route.name, kwarg)), url)
        status, seen = _call(client, url)
        if status >= 500 or not seen:
            found.append(f"{route.name} {url} → {status}, door {'passed' if seen else 'not passed'}")
    return found


def api_operations(client: Client) -> list[tuple[str, str, tuple[str, ...]]]:
    """(method, path, path parameters) of every operation in the API's own OpenAPI document."""
    document = client.get("/api/v1/openapi.json").json()
    return [
        (method.upper(), route, tuple(re.findall(r"{(\w+)}", route)))
        for route, operations in document["paths"].items()
        for method in operations
    ]


@pytest.fixture
def sibling(login: Callable[[Any], Client], personas: dict[str, Any]) -> Client:
    return login(personas["sibling_official"])


def test_every_page_that_names_an_object_passes_the_door(world: World, sibling: Client) -> None:
    found = doorless(sibling, world, [r for r in routes() if not r.name.startswith("api:")])
    assert not found, "\n".join(found)


def test_every_api_operation_that_names_an_object_passes_the_door(world: World, sibling: Client) -> None:
    found = []
    for method, route, params in api_operations(sibling):
        if not params:
            continue
        url = route
        for param in params:
            url = url.replace(f"{{{param}}}", str(world.value(f"api:{route}", param)))
        with watch() as seen:
            response = sibling.generic(method, url, b"{}", content_type="application/json")
        # 422: the body did not fit the operation's schema, so the operation itself never ran.
        if response.status_code >= 500 or (not seen and response.status_code != 422):
            door = "passed" if seen else "not passed"
            found.append(f"{method} {url} → {response.status_code}, door {door}")
    assert not found, "\n".join(found)


# The walk's own test: a page that fetches a record by a bare query is caught.


def _bare_plan_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    from danchu.plans.models import Plan

    return HttpResponse(Plan.objects.get(pk=plan_id).title)


@pytest.mark.urls("tests.test_one_door")
def test_the_walk_catches_a_page_that_reaches_an_object_without_the_door(
    world: World, sibling: Client
) -> None:
    bare = [r for r in routes() if r.name == "bare_title"]
    assert len(bare) == 1
    found = doorless(sibling, world, bare)
    assert len(found) == 1 and "door not passed" in found[0]
    assert doorless(sibling, world, [r for r in routes() if r.name == "plans:detail"]) == []


urlpatterns = [
    path("ke-hoach/<int:plan_id>/tieu-de/", _bare_plan_page, name="bare_title"),
    path("", include("danchu.urls")),
]
