from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from conftest import make_user
from danchu.accounts.models import Role
from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.core.models import AuditEntry
from danchu.plans import selectors, services
from danchu.plans.models import ProgressMode, Task, TaskStatus

from .samples import text_of

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def office(tree):
    return tree.agency  # "Văn phòng" of the commune


@pytest.fixture
def issued(tree, personas, office):
    actor = personas["commune_official"]
    plan = services.import_plan(
        actor=actor, unit=tree.commune, file_name="kh.txt", data=text_of("ward-chanh-lo-2023").encode()
    )
    plan.issued_on = dt.date(2023, 3, 16)
    plan.save()
    return services.issue_plan(actor=actor, plan=plan)


def test_issue_creates_a_task_per_assignment(issued, office):
    assert Task.objects.filter(plan=issued).count() == sum(i.assignments.count() for i in issued.items.all())
    office_tasks = Task.objects.filter(agency=office)
    assert office_tasks.exists()  # "Văn phòng phường" in the text matched the register's "Văn phòng"
    assert {t.due_on for t in office_tasks} == {dt.date(2023, 12, 31)}


def test_agency_officer_updates_own_task_with_evidence(tree, issued, office):
    officer = make_user("vanphong", Role.AGENCY_OFFICER, tree.commune, agency=office)
    task = Task.objects.filter(agency=office).first()
    update = services.update_task(
        actor=officer,
        task=task,
        status="in_progress",
        progress=40,
        note="Đã tổ chức hội nghị",
        evidence_name="anh.png",
        evidence_data=PNG,
    )
    task.refresh_from_db()
    assert (task.status, task.progress) == (TaskStatus.IN_PROGRESS, 40) and update.evidence_name == "anh.png"
    services.update_task(actor=officer, task=task, status="in_progress", progress=100)
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.done_on is not None
    assert AuditEntry.objects.filter(action="plans.task.update").count() == 2


def test_update_rules(tree, personas, issued, office):
    officer = make_user("vanphong", Role.AGENCY_OFFICER, tree.commune, agency=office)
    other = (
        Task.objects.exclude(agency=office).exclude(agency=None).first()
        or Task.objects.filter(agency=None).first()
    )
    task = Task.objects.filter(agency=office).first()
    with pytest.raises(PermissionDeniedError):
        services.update_task(actor=officer, task=other, status="done", progress=100)
    with pytest.raises(PermissionDeniedError):
        services.update_task(actor=personas["sibling_official"], task=task, status="done", progress=100)
    with pytest.raises(DomainError, match="0 đến 100"):
        services.update_task(actor=officer, task=task, status="in_progress", progress=130)
    with pytest.raises(DomainError, match="không đúng định dạng"):
        services.update_task(
            actor=officer,
            task=task,
            status="in_progress",
            progress=10,
            evidence_name="a.pdf",
            evidence_data=PNG,
        )
    with pytest.raises(DomainError, match="PDF, Word"):
        services.update_task(
            actor=officer,
            task=task,
            status="in_progress",
            progress=10,
            evidence_name="a.exe",
            evidence_data=b"MZ",
        )
    task.refresh_from_db()
    assert task.progress == 0 and not task.updates.exists()


def test_progress_rolls_up(tree, personas, issued):
    actor = personas["commune_official"]
    items = list(issued.items.all())
    first = items[0]
    for task in first.tasks.exclude(role="coordinating"):
        services.update_task(actor=actor, task=task, status="done", progress=100)
    assert selectors.item_progress(issued)[first.pk] == 100
    assert selectors.plan_progress(issued, items) == round(100 / len(items))
    issued.progress_mode = ProgressMode.WEIGHTED
    for item in items:
        item.weight = 0
    first.weight = 1
    assert selectors.plan_progress(issued, items) == 100


def test_my_tasks_and_task_pages(tree, personas, login, issued, office):
    officer = make_user("vanphong", Role.AGENCY_OFFICER, tree.commune, agency=office)
    client = login(officer)
    response = client.get(reverse("plans:my_tasks"))
    assert response.status_code == 200 and "Nhiệm vụ của tôi" in response.content.decode()
    task = Task.objects.filter(agency=office).first()
    page = client.get(reverse("plans:task", args=[task.pk]))
    assert page.status_code == 200 and "Cập nhật tiến độ" in page.content.decode()
    response = client.post(
        reverse("plans:task", args=[task.pk]), {"status": "in_progress", "progress": "150"}
    )
    assert response.status_code == 400 and "0 đến 100" in response.content.decode()
    response = client.post(reverse("plans:task", args=[task.pk]), {"status": "in_progress", "progress": "50"})
    assert response.status_code == 302
    assert login(personas["sibling_official"]).get(reverse("plans:task", args=[task.pk])).status_code == 403
    assert login(personas["commune_official"]).get(reverse("plans:my_tasks")).status_code == 200
    assert login(personas["citizen"]).get(reverse("plans:my_tasks")).status_code == 403
