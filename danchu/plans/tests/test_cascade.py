"""Issuing a plan with directives creates obligations below; a subordinate plan fulfils its own."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from danchu.core.errors import DomainError
from danchu.plans import selectors, services
from danchu.plans.models import DirectiveKind, Obligation
from danchu.units.models import Tier

from .samples import text_of

pytestmark = pytest.mark.django_db
TZ = dt.timezone(dt.timedelta(hours=7))


def _issued_province_plan(tree, personas):
    actor = personas["province_official"]
    plan = services.import_plan(
        actor=actor, unit=tree.province, file_name="kh.txt", data=text_of("province-quang-ngai-2023").encode()
    )
    with time_machine.travel(dt.datetime(2023, 2, 17, 9, tzinfo=TZ)):
        services.issue_plan(actor=actor, plan=plan, cascade_tiers=[Tier.COMMUNE])
    return plan


def _commune_plan(tree, personas, parent):
    actor = personas["commune_official"]
    plan = services.import_plan(
        actor=actor, unit=tree.commune, file_name="kh.txt", data=text_of("ward-chanh-lo-2023").encode()
    )
    services.correct_plan(
        actor=actor,
        plan=plan,
        number="15",
        symbol="KH-UBND",
        title=plan.title,
        place="Chánh Lộ",
        issued_on=dt.date(2023, 3, 10),
        year=2023,
        signer_title="CHỦ TỊCH",
        signer_name="Lê Việt Dũng",
    )
    assert list(selectors.parent_choices(plan)) == [parent]
    services.link_parent(actor=actor, plan=plan, parent=parent)
    return plan


def test_issue_creates_one_obligation_per_unit_and_dated_directive(tree, personas):
    plan = _issued_province_plan(tree, personas)
    dated = plan.directives.exclude(due_on=None).count()
    assert dated == 5
    assert Obligation.objects.count() == dated * 2  # the commune and its sibling
    assert set(Obligation.objects.values_list("unit", flat=True)) == {tree.commune.pk, tree.sibling.pk}
    summary = selectors.completeness(plan, today=dt.date(2023, 3, 1))
    assert [(r.directive.kind, r.expected, r.pending) for r in summary][:3] == [
        (DirectiveKind.PLAN, 2, 2),
        (DirectiveKind.REPORT_6M, 2, 2),
        (DirectiveKind.REPORT_ANNUAL, 2, 2),
    ]
    assert [o.directive.kind for o in selectors.open_obligations(tree.commune)][:2] == ["plan", "other"]


def test_commune_plan_on_time_fulfils_the_obligation(tree, personas):
    parent = _issued_province_plan(tree, personas)
    plan = _commune_plan(tree, personas, parent)
    with time_machine.travel(dt.datetime(2023, 3, 10, 15, tzinfo=TZ)):
        services.issue_plan(actor=personas["commune_official"], plan=plan)
    obligation = Obligation.objects.get(unit=tree.commune, directive__kind=DirectiveKind.PLAN)
    assert obligation.fulfilled_by_plan == plan and obligation.on_time
    row = selectors.completeness(parent, today=dt.date(2023, 3, 20))[0]
    assert (row.on_time, row.late, row.overdue, row.pending) == (1, 0, 1, 0)


def test_late_plan_counts_as_late(tree, personas):
    parent = _issued_province_plan(tree, personas)
    plan = _commune_plan(tree, personas, parent)
    with time_machine.travel(dt.datetime(2023, 3, 16, 8, tzinfo=TZ)):
        services.issue_plan(actor=personas["commune_official"], plan=plan)
    row = selectors.completeness(parent, today=dt.date(2023, 3, 20))[0]
    assert (row.on_time, row.late) == (0, 1)


def test_cascade_rules(tree, personas):
    actor = personas["commune_official"]
    plan = services.import_plan(
        actor=actor, unit=tree.commune, file_name="kh.txt", data=text_of("ward-chanh-lo-2023").encode()
    )
    plan.issued_on = dt.date(2023, 3, 16)
    plan.save()
    with pytest.raises(DomainError, match="thấp hơn cấp"):
        services.issue_plan(actor=actor, plan=plan, cascade_tiers=[Tier.PROVINCE])
    other = services.import_plan(
        actor=personas["sibling_official"],
        unit=tree.sibling,
        file_name="kh.txt",
        data=text_of("ward-chanh-lo-2023").encode(),
    )
    with pytest.raises(DomainError, match="kế hoạch đã ban hành của đơn vị cấp trên"):
        services.link_parent(actor=actor, plan=plan, parent=other)
    assert not Obligation.objects.exists()


def test_completeness_page(tree, personas, login):
    parent = _issued_province_plan(tree, personas)
    client = login(personas["province_official"])
    response = client.get(reverse("plans:completeness", args=[parent.pk]))
    body = response.content.decode()
    assert response.status_code == 200 and "Phường Chánh Lộ" in body and "Xã Nam Chính" in body
    assert (
        login(personas["commune_official"]).get(reverse("plans:completeness", args=[parent.pk])).status_code
        == 403
    )
    listing = login(personas["commune_official"]).get(reverse("plans:list", args=[tree.commune.pk]))
    assert "Cấp trên đang chờ đơn vị" in listing.content.decode()
    # The units below read the issued plan addressed to them; another province's officials do not.
    assert (
        login(personas["commune_official"]).get(reverse("plans:detail", args=[parent.pk])).status_code == 200
    )
    assert login(personas["village_head"]).get(reverse("plans:detail", args=[parent.pk])).status_code == 200
    assert login(personas["citizen"]).get(reverse("plans:detail", args=[parent.pk])).status_code == 403


def test_a_commune_starts_its_plan_from_the_province_plan(tree, personas, login):
    parent = _issued_province_plan(tree, personas)
    client = login(personas["commune_official"])
    response = client.post(reverse("plans:start_from", args=[parent.pk]), follow=True)
    assert "Đã lập dự thảo từ kế hoạch cấp trên" in response.content.decode()
    draft = tree.commune.plans.get()
    assert draft.parent == parent and draft.is_draft
    assert list(draft.items.values_list("path", flat=True)) == list(
        parent.items.values_list("path", flat=True)
    )
    assert draft.legal_bases.get().text == "Kế hoạch số 30/KH-UBND"
    with pytest.raises(DomainError):
        services.draft_from_parent(actor=personas["province_official"], unit=tree.province, parent=parent)


def test_api_tasks_and_completeness(tree, personas):
    from django.test import Client

    parent = _issued_province_plan(tree, personas)
    client = Client()
    client.force_login(personas["province_official"], backend="django.contrib.auth.backends.ModelBackend")
    rows = client.get(f"/api/v1/plans/{parent.pk}/completeness").json()
    assert rows[0]["kind"] == "plan" and rows[0]["expected"] == 2
    tasks = client.get(f"/api/v1/plans/{parent.pk}/tasks").json()
    assert tasks and tasks[0]["status"] == "not_started"
    response = client.post(
        f"/api/v1/tasks/{tasks[0]['id']}/updates",
        '{"status": "in_progress", "progress": 30}',
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["progress"] == 30
    bad = client.post(
        f"/api/v1/tasks/{tasks[0]['id']}/updates",
        '{"status": "in_progress", "progress": 300}',
        content_type="application/json",
    )
    assert bad.status_code == 400 and "0 đến 100" in bad.json()["detail"]
