"""Every write page of plans refuses those without the right (403, nothing changed, no audit entry);
every list page costs the same number of queries however much it lists; unreadable uploads are a 400."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import make_user
from danchu.accounts.models import Role
from danchu.core.models import AuditEntry
from danchu.plans import services
from danchu.plans.models import Obligation, Plan, PlanItem, Task, TaskUpdate
from danchu.units.models import Agency, Tier

from .samples import as_docx, text_of
from .test_readers import _rezip

pytestmark = pytest.mark.django_db
REFUSED = ("sibling_official", "village_head", "oversight_member", "citizen")


def _import(actor, unit, name="ward-chanh-lo-2023") -> Plan:
    return services.import_plan(actor=actor, unit=unit, file_name="kh.txt", data=text_of(name).encode())


def _issued(actor, unit, name="ward-chanh-lo-2023", tiers=None) -> Plan:
    plan = _import(actor, unit, name)
    Plan.objects.filter(pk=plan.pk).update(issued_on=dt.date(2023, 3, 16))
    return services.issue_plan(actor=actor, plan=Plan.objects.get(pk=plan.pk), cascade_tiers=tiers)


@pytest.fixture
def world(tree, personas) -> dict[str, Any]:
    official = personas["commune_official"]
    province = _issued(
        personas["province_official"], tree.province, "province-quang-ngai-2023", [Tier.COMMUNE]
    )
    draft = _import(official, tree.commune)
    issued = _issued(official, tree.commune, "ward-bai-chay-2024")
    return {
        "draft": draft,
        "issued": issued,
        "province": province,
        "task": Task.objects.filter(plan=issued)[0],
    }


def _state() -> tuple[object, ...]:
    """Everything a plans write could change."""
    return (
        list(Plan.objects.order_by("id").values_list("status", "title", "parent_id", "closing_note")),
        list(PlanItem.objects.order_by("id").values_list("heading", "due_on")),
        list(Task.objects.order_by("id").values_list("status", "progress")),
        TaskUpdate.objects.count(),
        Agency.objects.count(),
        Plan.objects.count(),
        AuditEntry.objects.count(),
    )


# (url name, url args from the world, POST data from the world, refused personas who may do it after all)
Args = Callable[[dict[str, Any]], list[object]]
Data = Callable[[dict[str, Any]], dict[str, object]]
WRITES: list[tuple[str, Args, Data, set[str]]] = [
    (
        "plans:correct",
        lambda w: [w["draft"].pk],
        lambda w: {"title": "Sửa", "year": "2023", "issued_on": "16/03/2023"},
        set(),
    ),
    (
        "plans:correct_item",
        lambda w: [w["draft"].items.order_by("order")[0].pk],
        lambda w: {"heading": "Tuyên truyền", "lead": "Tư pháp"},
        set(),
    ),
    ("plans:link_parent", lambda w: [w["draft"].pk], lambda w: {"parent": str(w["province"].pk)}, set()),
    (
        "plans:create_agencies",
        lambda w: [w["draft"].pk],
        lambda w: {"name": "Bộ phận Văn hóa - Thông tin phường"},
        set(),
    ),
    ("plans:issue", lambda w: [w["draft"].pk], lambda w: {}, set()),
    ("plans:task", lambda w: [w["task"].pk], lambda w: {"status": "in_progress", "progress": "50"}, set()),
    ("plans:close", lambda w: [w["issued"].pk], lambda w: {"note": "Đã hoàn thành các nội dung."}, set()),
    # A sibling commune's official starts their own commune's draft from the province's plan: allowed.
    ("plans:start_from", lambda w: [w["province"].pk], lambda w: {}, {"sibling_official"}),
    (
        "plans:upload",
        lambda w: [w["draft"].unit_id],
        lambda w: {"file": SimpleUploadedFile("kh.txt", text_of("ward-chanh-lo-2023").encode())},
        set(),
    ),
]


REFUSALS = [(p, n, a, d) for n, a, d, also in WRITES for p in REFUSED if p not in also]


@pytest.mark.parametrize(
    ("persona", "name", "args", "data"), REFUSALS, ids=[f"{r[1]}-{r[0]}" for r in REFUSALS]
)
def test_a_write_without_the_right_is_refused_and_changes_nothing(
    world, personas, login, persona, name, args, data
):
    client = login(personas[persona])
    before = _state()
    response = client.post(reverse(name, args=args(world)), data(world))
    assert response.status_code == 403, (name, persona, response.status_code)
    assert "Không có quyền truy cập" in response.content.decode()
    assert _state() == before  # nothing changed, and no audit entry was written


def test_the_same_writes_succeed_for_the_unit_official(world, personas, login):
    """The refusals above are about the persona, not a broken request: the commune's official may."""
    client = login(personas["commune_official"])
    for name, args, data, _also in WRITES:
        entries = AuditEntry.objects.count()
        response = client.post(reverse(name, args=args(world)), data(world))
        assert response.status_code == 302, (name, response.content.decode()[:300])
        assert AuditEntry.objects.count() > entries, name


def test_an_unreadable_docx_is_a_400_on_the_page_and_the_api(tree, personas, login):
    broken = _rezip(as_docx("ward-chanh-lo-2023"), drop="[Content_Types].xml")
    client = login(personas["commune_official"])
    page = client.post(
        reverse("plans:upload", args=[tree.commune.pk]), {"file": SimpleUploadedFile("kh.docx", broken)}
    )
    assert page.status_code == 400 and "Không đọc được tệp Word" in page.content.decode()
    api = client.post(
        f"/api/v1/units/{tree.commune.pk}/plans", {"file": SimpleUploadedFile("kh.docx", broken)}
    )
    assert api.status_code == 400 and "Không đọc được tệp Word" in api.json()["detail"]
    assert not Plan.objects.exists() and not AuditEntry.objects.exists()


def _queries(client, url: str) -> int:
    client.get(url)  # warm: session, role cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_plan_list_costs_the_same_however_many_plans_and_obligations(tree, personas, login):
    official = personas["commune_official"]
    _issued(personas["province_official"], tree.province, "province-quang-ngai-2023", [Tier.COMMUNE])
    _import(official, tree.commune)
    client = login(official)
    url = reverse("plans:list", args=[tree.commune.pk])
    few = _queries(client, url)
    for _ in range(3):
        _issued(personas["province_official"], tree.province, "province-quang-ngai-2023", [Tier.COMMUNE])
        _import(official, tree.commune, "ward-bai-chay-2024")
    assert Obligation.objects.filter(unit=tree.commune).count() > 5
    assert _queries(client, url) == few


def test_my_tasks_costs_the_same_however_many_tasks(tree, personas, login):
    official = personas["commune_official"]
    officer = make_user("vanphong", Role.AGENCY_OFFICER, tree.commune, agency=tree.agency)
    _issued(official, tree.commune)
    url = reverse("plans:my_tasks")
    counts = {"officer": [_queries(login(officer), url)], "manager": [_queries(login(official), url)]}
    for _ in range(2):
        _issued(official, tree.commune, "ward-bai-chay-2024")
        _issued(official, tree.commune)
    assert Task.objects.filter(agency=tree.agency).count() > 3
    counts["officer"].append(_queries(login(officer), url))
    counts["manager"].append(_queries(login(official), url))
    assert counts["officer"][0] == counts["officer"][1] and counts["manager"][0] == counts["manager"][1]


def test_completeness_costs_the_same_however_many_units_answer(tree, personas, login):
    from conftest import make_unit
    from danchu.units.models import UnitKind

    official = personas["province_official"]
    client = login(official)
    first = _issued(official, tree.province, "province-quang-ngai-2023", [Tier.COMMUNE])
    few = _queries(client, reverse("plans:completeness", args=[first.pk]))
    for i in range(4):
        make_unit(f"Xã Mới {i}", UnitKind.COMMUNE, tree.province, code=f"2199{i}")
    second = _issued(official, tree.province, "province-quang-ngai-2023", [Tier.COMMUNE])
    assert (
        Obligation.objects.filter(directive__plan=second).count()
        == 3 * Obligation.objects.filter(directive__plan=first).count()
    )
    assert _queries(client, reverse("plans:completeness", args=[second.pk])) == few


def test_plans_api_list_costs_the_same_however_many_plans(tree, personas, login):
    official = personas["commune_official"]
    _import(official, tree.commune)
    client = login(official)
    url = f"/api/v1/units/{tree.commune.pk}/plans"
    few = _queries(client, url)
    for _ in range(3):
        _import(official, tree.commune, "ward-bai-chay-2024")
    assert _queries(client, url) == few
