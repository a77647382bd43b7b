"""Tasks other apps open (a decision's implementation, a dialogue's commitment) ride on the plans' tasks:
"my tasks", progress with evidence, the daily reminders, the door and the audit log."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse

from conftest import make_user
from danchu.accounts.models import Notification, Role
from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.core.models import AuditEntry
from danchu.plans import reminders, selectors, services
from danchu.plans.models import Task, TaskStatus

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 2)


@pytest.fixture
def commitment(tree, personas):
    with time_machine.travel(dt.datetime(2026, 3, 2, 9), tick=False):
        return services.open_task(
            actor=personas["commune_official"],
            unit=tree.commune,
            title="Sửa đèn chiếu sáng đường thôn Phú Bình",
            due_on=DAY + dt.timedelta(days=30),
            agency=tree.agency,
            source="reception.dialogue",
            source_id=1_234_567,
        )


def test_open_task_is_audited_and_found_by_its_source(tree, commitment):
    assert commitment.plan_id is None and commitment.unit == tree.commune
    assert commitment.status == TaskStatus.NOT_STARTED and commitment.heading == commitment.title
    entry = AuditEntry.objects.get(action="plans.task.open")
    assert entry.object_id == str(commitment.pk) and entry.scope_unit_id == tree.commune.pk
    assert selectors.tasks_of_source("reception.dialogue", [1_234_567, 9_999_999]) == [commitment]
    assert selectors.tasks_of_source("decisions.decision", [1_234_567]) == []


def test_open_task_refuses_bad_input_and_saves_nothing(tree, personas):
    official = personas["commune_official"]
    base = dict(actor=official, unit=tree.commune, source="reception.dialogue", source_id=1_000_001)
    with pytest.raises(DomainError, match="Cơ quan được giao không thuộc"):
        services.open_task(**base, title="Việc", due_on=DAY, agency=tree.sibling_agency)
    with pytest.raises(Exception, match="Nội dung nhiệm vụ"):
        services.open_task(**base, title="  ", due_on=DAY)
    with pytest.raises(Exception, match="Hạn hoàn thành"):
        services.open_task(**base, title="Việc", due_on=dt.date(1800, 1, 1))
    assert not Task.objects.exists() and not AuditEntry.objects.filter(action="plans.task.open").exists()


def test_a_task_is_either_a_plans_or_a_sources(tree):
    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.create(unit=tree.commune, title="Không nguồn", role="lead", due_on=DAY)


def test_the_agency_reports_progress_and_sees_it_in_my_tasks(tree, commitment, client):
    clerk = make_user("vanphong", Role.AGENCY_OFFICER, tree.commune, agency=tree.agency)
    assert list(selectors.open_tasks_first(agency_id=tree.agency.pk)) == [commitment]
    assert list(selectors.open_tasks_first(unit=tree.commune)) == [commitment]
    client.force_login(clerk)
    page = client.get(reverse("plans:my_tasks")).content.decode()
    assert commitment.title in page and reverse("plans:task", args=[commitment.pk]) in page
    response = client.post(
        reverse("plans:task", args=[commitment.pk]), {"status": "in_progress", "progress": 40}
    )
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.progress == 40 and commitment.status == TaskStatus.IN_PROGRESS
    assert AuditEntry.objects.filter(action="plans.task.update", object_id=str(commitment.pk)).count() == 1


def test_another_commune_cannot_touch_it(personas, commitment):
    with pytest.raises(PermissionDeniedError):
        services.update_task(actor=personas["sibling_official"], task=commitment, status="done", progress=100)
    commitment.refresh_from_db()
    assert commitment.progress == 0 and not AuditEntry.objects.filter(action="plans.task.update").exists()


def test_daily_reminders_cover_it(tree, personas, commitment):
    make_user("vanphong", Role.AGENCY_OFFICER, tree.commune, agency=tree.agency)
    reminders.scan(today=commitment.due_on + dt.timedelta(days=1))
    overdue = Notification.objects.filter(key=f"task:{commitment.pk}:overdue")
    assert overdue.exists() and commitment.title in overdue.first().title  # type: ignore[union-attr]
    reminders.scan(today=commitment.due_on + dt.timedelta(days=30))
    escalated = Notification.objects.get(key=f"task:{commitment.pk}:escalate")
    assert escalated.user == personas["commune_official"]
