"""Concurrent state changes: of requests racing on one plan, the first wins and the others are refused
clearly (a DomainError, a 400, a message), never a 500 nor a second audit entry. Real threads, each on its
own database connection, started together; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from danchu.core.errors import DomainError
from danchu.core.models import AuditEntry
from danchu.core.tests.concurrency import race
from danchu.plans import services
from danchu.plans.models import ItemAssignment, Obligation, Plan, PlanStatus, Task, TaskUpdate
from danchu.units.models import Agency, Tier

from .samples import text_of

pytestmark = pytest.mark.django_db(transaction=True)
N = 12


def _draft(actor, unit, name="ward-chanh-lo-2023") -> Plan:
    plan = services.import_plan(actor=actor, unit=unit, file_name="kh.txt", data=text_of(name).encode())
    Plan.objects.filter(pk=plan.pk).update(issued_on=dt.date(2023, 3, 16))
    return Plan.objects.get(pk=plan.pk)


def _refusals(results: list[object]) -> list[DomainError]:
    unexpected = [r for r in results if isinstance(r, Exception) and not isinstance(r, DomainError)]
    assert not unexpected, unexpected  # no IntegrityError, no "database is locked", no crash
    return [r for r in results if isinstance(r, DomainError)]


def _actions(action: str) -> list[int]:
    return list(AuditEntry.objects.filter(action=action).order_by("id").values_list("id", flat=True))


def test_concurrent_issues_on_the_page_and_the_api_give_one_success(tree, personas):
    """The issue's report: 20 concurrent issues gave 7 × 500 (IntegrityError on plans_task.assignment_id)."""
    actor = personas["commune_official"]
    plan = _draft(actor, tree.commune)
    clients = []
    for _ in range(N):
        client = Client()
        client.force_login(actor, backend="django.contrib.auth.backends.ModelBackend")
        clients.append(client)

    def issue(i: int) -> tuple[str, int]:
        if i % 2:
            return "page", clients[i].post(reverse("plans:issue", args=[plan.pk])).status_code
        return "api", clients[i].post(f"/api/v1/plans/{plan.pk}/issue").status_code

    outcome = race(N, issue)
    assert not outcome.errors, outcome.errors
    statuses: list[tuple[str, int]] = outcome.results  # type: ignore[assignment]
    page = [status for way, status in statuses if way == "page"]
    api = [status for way, status in statuses if way == "api"]
    assert set(page) == {302}, statuses  # the page answers with a message either way
    assert sorted(api) == [200] + [400] * (len(api) - 1) or sorted(api) == [400] * len(api), statuses
    assert len(_actions("plans.plan.issue")) == 1
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ISSUED
    assert Task.objects.filter(plan=plan).count() == ItemAssignment.objects.filter(item__plan=plan).count()


def test_concurrent_closes_give_one_success(tree, personas):
    actor = personas["commune_official"]
    plan = services.issue_plan(actor=actor, plan=_draft(actor, tree.commune))
    results = race(N, lambda i: services.close_plan(actor=actor, plan=plan, note=f"Tổng kết {i}")).every
    refusals = _refusals(results)
    assert len(refusals) == N - 1
    assert {r.message for r in refusals} == {"Chỉ tổng kết được kế hoạch đang thực hiện."}
    assert len(_actions("plans.plan.close")) == 1


def test_corrections_racing_the_issue_land_before_it_or_are_refused(tree, personas):
    """Correcting the draft, an item, its parent link or its agencies while it is being issued: each write
    checks the draft state on the locked plan, so none lands after the issue."""
    actor = personas["commune_official"]
    plan = _draft(actor, tree.commune)
    item = plan.items.order_by("order").first()
    name = "Bộ phận Văn hóa - Thông tin phường"

    def write(i: int) -> object:
        kind = i % 4
        if i == 0:
            return services.issue_plan(actor=actor, plan=plan)
        if kind == 0:
            return services.create_proposed_agencies(actor=actor, plan=plan, names=[name])
        if kind == 1:
            return services.correct_plan(
                actor=actor,
                plan=plan,
                number=str(i),
                symbol="KH-UBND",
                title=f"Kế hoạch {i}",
                place="Chánh Lộ",
                issued_on=dt.date(2023, 3, 16),
                year=2023,
                signer_title="CHỦ TỊCH",
                signer_name="Lê Việt Dũng",
            )
        if kind == 2:
            return services.correct_item(
                actor=actor,
                item=item,
                heading=f"Nội dung {i}",
                timeframe_text="Quý II",
                due_on=None,
                lead=["Văn phòng"],
                implementing=[],
                coordinating=[],
            )
        return services.link_parent(actor=actor, plan=plan, parent=None)

    results = race(N, write).every
    refusals = _refusals(results)
    assert not isinstance(results[0], Exception), results[0]
    assert {r.message for r in refusals} <= {"Kế hoạch đã ban hành: không sửa trực tiếp được nữa."}
    (issued,) = _actions("plans.plan.issue")
    after = AuditEntry.objects.filter(id__gt=issued).exclude(action="units.agency.create")
    assert not after.exists(), list(after.values_list("action", flat=True))
    assert Agency.objects.filter(unit=tree.commune, name=name).count() <= 1
    # The tasks are those of the assignments as they stood when the plan was issued.
    assert Task.objects.filter(plan=plan).count() == ItemAssignment.objects.filter(item__plan=plan).count()


def test_concurrent_agency_creations_create_each_agency_once(tree, personas):
    actor = personas["commune_official"]
    plan = _draft(actor, tree.commune)
    name = "Bộ phận Văn hóa - Thông tin phường"
    results = race(N, lambda i: services.create_proposed_agencies(actor=actor, plan=plan, names=[name])).every
    assert not _refusals(results)
    assert sorted(len(r) for r in results if isinstance(r, list)) == [0] * (N - 1) + [1]
    assert Agency.objects.filter(unit=tree.commune, name=name).count() == 1
    assert len(_actions("units.agency.create")) == 1


def test_task_updates_racing_the_close_land_before_it_or_are_refused(tree, personas):
    actor = personas["commune_official"]
    plan = services.issue_plan(actor=actor, plan=_draft(actor, tree.commune))
    task = Task.objects.filter(plan=plan).order_by("id").first()

    def write(i: int) -> object:
        if i == N // 2:
            return services.close_plan(actor=actor, plan=plan, note="Tổng kết năm")
        return services.update_task(actor=actor, task=task, status="in_progress", progress=i)

    results = race(N, write).every
    refusals = _refusals(results)
    assert {r.message for r in refusals} <= {"Chỉ cập nhật được nhiệm vụ của kế hoạch đang thực hiện."}
    (closed,) = _actions("plans.plan.close")
    assert not AuditEntry.objects.filter(id__gt=closed, action="plans.task.update").exists()
    assert TaskUpdate.objects.filter(task=task).count() == N - 1 - len(refusals)
    assert len(_actions("plans.task.update")) == N - 1 - len(refusals)


def test_plans_issued_together_fulfil_the_unit_obligation_once(tree, personas):
    province = personas["province_official"]
    parent = services.issue_plan(
        actor=province,
        plan=_draft(province, tree.province, "province-quang-ngai-2023"),
        cascade_tiers=[Tier.COMMUNE],
    )
    actor = personas["commune_official"]
    drafts = []
    for _ in range(4):
        draft = _draft(actor, tree.commune)
        drafts.append(services.link_parent(actor=actor, plan=draft, parent=parent))
    results = race(len(drafts), lambda i: services.issue_plan(actor=actor, plan=drafts[i])).every
    assert not _refusals(results)
    fulfilled = Obligation.objects.filter(unit=tree.commune, fulfilled_at__isnull=False)
    assert fulfilled.count() == 1
    entries = AuditEntry.objects.filter(action="plans.plan.issue", scope_unit_id=tree.commune.pk)
    assert sorted(e.after["fulfils"] is not None for e in entries) == [False, False, False, True]
