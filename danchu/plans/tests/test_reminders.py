"""Đôn đốc: reminders before and after a date, escalation, once per event, per-province settings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from conftest import make_user
from danchu.accounts.models import Notification, Role
from danchu.core.models import Rule
from danchu.plans import reminders, services
from danchu.plans.models import Obligation, Task
from danchu.units.models import Tier

from .samples import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(tree, personas):
    """The province plan (due dates in 2023) issued to the communes; the commune office owns tasks."""
    actor = personas["province_official"]
    plan = services.import_plan(
        actor=actor, unit=tree.province, file_name="kh.txt", data=text_of("province-quang-ngai-2023").encode()
    )
    services.issue_plan(actor=actor, plan=plan, cascade_tiers=[Tier.COMMUNE])
    return plan


def test_before_overdue_and_escalation_each_once(tree, personas, issued):
    plan_due = dt.date(2023, 3, 15)  # "gửi kế hoạch trước ngày 15/3/2023"
    result = reminders.scan(today=plan_due - dt.timedelta(days=3))
    keys = set(Notification.objects.values_list("key", flat=True))
    commune_obligation = Obligation.objects.get(unit=tree.commune, directive__kind="plan")
    assert f"obligation:{commune_obligation.pk}:before" in keys
    commune_officer = personas["commune_official"]
    assert Notification.objects.filter(
        user=commune_officer, key=f"obligation:{commune_obligation.pk}:before"
    ).exists()
    assert result.rows["obligation.before"] == 4

    reminders.scan(today=plan_due - dt.timedelta(days=2))  # the next day's scan: nothing new for this event
    assert Notification.objects.filter(key=f"obligation:{commune_obligation.pk}:before").count() == 1

    reminders.scan(today=plan_due + dt.timedelta(days=1))
    assert Notification.objects.filter(
        user=commune_officer, key=f"obligation:{commune_obligation.pk}:overdue"
    ).exists()
    assert not Notification.objects.filter(key__endswith=f"{commune_obligation.pk}:escalate").exists()

    reminders.scan(
        today=plan_due + dt.timedelta(days=6)
    )  # M = 5 days overdue: the issuer's focal officer hears
    escalated = Notification.objects.get(key=f"obligation:{commune_obligation.pk}:escalate")
    assert (
        escalated.user == personas["province_official"]
        and "Phường Chánh Lộ chưa thực hiện" in escalated.title
    )
    reminders.scan(today=plan_due + dt.timedelta(days=7))
    assert Notification.objects.filter(key__startswith=f"obligation:{commune_obligation.pk}:").count() == 3


def test_fulfilled_obligations_and_done_tasks_are_quiet(tree, personas, issued):
    Obligation.objects.update(fulfilled_at=dt.datetime(2023, 3, 1, tzinfo=dt.UTC))
    Task.objects.update(status="done", progress=100)
    result = reminders.scan(today=dt.date(2023, 12, 31))
    assert result.notifications == 0 and not Notification.objects.exists()


def test_tasks_remind_their_agency(tree, personas, django_capture_on_commit_callbacks):
    office = make_user("vanphong", Role.AGENCY_OFFICER, tree.commune, agency=tree.agency)
    actor = personas["commune_official"]
    plan = services.import_plan(
        actor=actor, unit=tree.commune, file_name="kh.txt", data=text_of("ward-chanh-lo-2023").encode()
    )
    plan.issued_on = dt.date(2023, 3, 16)
    plan.save()
    services.issue_plan(actor=actor, plan=plan)
    with django_capture_on_commit_callbacks(execute=True):
        reminders.scan(today=dt.date(2024, 1, 2))
    office_task = Task.objects.filter(agency=tree.agency).first()
    assert Notification.objects.filter(user=office, key=f"task:{office_task.pk}:overdue").exists()
    assert any("Quá hạn" in m.subject for m in mail.outbox)  # emailed through the task worker


def test_province_sets_its_own_reminder_days(tree, personas, issued):
    Rule.objects.create(
        key="reminder.days_before",
        title="t",
        value=Decimal(10),
        unit="days",
        citation="QĐ tỉnh",
        effective_from=dt.date(2023, 1, 1),
        scope_unit=tree.province,
    )
    reminders.scan(
        today=dt.date(2023, 3, 6)
    )  # 9 days before 15/3: inside the province's 10, outside the national 3
    assert Notification.objects.filter(key__endswith=":before").exists()


def test_command_and_notification_page(tree, personas, issued, login, capsys):
    call_command("run_reminders", "--date", "2023-03-16")
    assert "obligation.overdue" in capsys.readouterr().out
    client = login(personas["commune_official"])
    home = client.get(reverse("accounts:workspace")).content.decode()
    assert 'class="badge count"' in home
    page = client.get(reverse("accounts:notifications")).content.decode()
    assert "Quá hạn từ 15/03/2023" in page
    assert 'class="badge count"' not in client.get(reverse("accounts:workspace")).content.decode()
