"""Concurrent requests on one report: exactly one changes it, the others are refused with a message; never
a server error, never two audit entries or two notices. Real threads, each with its own connection."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from danchu.accounts.models import Notification
from danchu.core.models import AuditEntry, Holiday, Rule
from danchu.core.seeding import sync_rulebook
from danchu.core.tests.concurrency import need_shared_database, race
from danchu.plans.models import Directive, DirectiveKind, Plan, PlanStatus
from danchu.reports import services
from danchu.reports.catalogue import QCDC, codes, sync_catalogue
from danchu.reports.models import (
    Indicator,
    LockException,
    RegimePeriod,
    ReportRegime,
    Submission,
    SubmissionStatus,
    ValidationRule,
)
from danchu.units.models import Tier

from .conftest import at

THREADS = 8

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def _rulebook() -> None:
    """The shipped rules, holidays and indicators (data of the migrations), which an earlier test with
    real transactions may have flushed."""
    sync_rulebook(Rule, Holiday)
    sync_catalogue(Indicator, ValidationRule)


@pytest.fixture(autouse=True)
def _shared(_rulebook: None) -> None:
    need_shared_database()


def _race(call: Callable[[], Any]) -> Counter[str]:
    """Run `call` in THREADS threads started together; count the outcomes by kind."""
    return race(THREADS, lambda i: call()).tally()


def _filled(regime: Any, unit: Any, personas: dict[str, Any]) -> Submission:
    report = Submission.objects.get(regime=regime, unit=unit, period="2026S1")
    return services.save_values(
        actor=personas["commune_official"], submission=report, values={"MC_RECEIVED": "10"}
    )


def test_concurrent_submits_of_one_report_give_one_success(tree, personas, regime):
    with at(2026, 6, 16):
        report = _filled(regime, tree.commune, personas)
        outcomes = _race(lambda: services.submit(actor=personas["commune_official"], submission=report))
    assert outcomes == Counter({"ok": 1, "refused": THREADS - 1}), outcomes
    report.refresh_from_db()
    assert report.status == SubmissionStatus.SUBMITTED
    assert AuditEntry.objects.filter(action="reports.submission.submit").count() == 1
    assert Notification.objects.filter(title__contains="đã gửi").count() == 1


def test_concurrent_approvals_give_one_success(tree, personas, regime):
    with at(2026, 6, 16):
        report = services.submit(
            actor=personas["commune_official"], submission=_filled(regime, tree.commune, personas)
        )
        outcomes = _race(lambda: services.approve(actor=personas["province_official"], submission=report))
    assert outcomes == Counter({"ok": 1, "refused": THREADS - 1}), outcomes
    assert AuditEntry.objects.filter(action="reports.submission.approve").count() == 1
    assert Notification.objects.filter(title__contains="đã duyệt").count() == 1


def test_concurrent_returns_give_one_success(tree, personas, regime):
    with at(2026, 6, 16):
        report = services.submit(
            actor=personas["commune_official"], submission=_filled(regime, tree.commune, personas)
        )
        outcomes = _race(
            lambda: services.return_submission(
                actor=personas["province_official"], submission=report, comment="Sửa lại"
            )
        )
    assert outcomes == Counter({"ok": 1, "refused": THREADS - 1}), outcomes
    assert AuditEntry.objects.filter(action="reports.submission.return").count() == 1
    assert Notification.objects.filter(title__contains="đã trả lại").count() == 1


def test_approve_and_return_at_once_leave_one_decision(tree, personas, regime):
    with at(2026, 6, 16):
        report = services.submit(
            actor=personas["commune_official"], submission=_filled(regime, tree.commune, personas)
        )
        turn = iter(range(THREADS))
        turn_lock = threading.Lock()

        def decide() -> None:
            with turn_lock:
                n = next(turn)
            province = personas["province_official"]
            if n % 2:
                services.approve(actor=province, submission=report)
            else:
                services.return_submission(actor=province, submission=report, comment="Sửa lại")

        outcomes = _race(decide)
    # approve then return is allowed (an approved report may be returned), return then approve is not
    assert set(outcomes) <= {"ok", "refused"}, outcomes
    assert outcomes["ok"] in (1, 2)
    decisions = AuditEntry.objects.filter(
        action__in=["reports.submission.approve", "reports.submission.return"]
    )
    assert decisions.count() == outcomes["ok"]


def test_concurrent_late_entry_grants_on_an_approved_report_are_all_refused(tree, personas, regime):
    with at(2026, 6, 16):
        report = services.submit(
            actor=personas["commune_official"], submission=_filled(regime, tree.commune, personas)
        )
        services.approve(actor=personas["province_official"], submission=report)
        outcomes = _race(
            lambda: services.grant_exception(
                actor=personas["province_official"], submission=report, until=dt.date(2026, 7, 1), reason="x"
            )
        )
    assert outcomes == Counter({"refused": THREADS}), outcomes
    assert not LockException.objects.exists()


def test_concurrent_regimes_from_one_directive_give_one_regime(tree, personas):
    plan = Plan.objects.create(
        unit=tree.province, year=2026, title="KH", status=PlanStatus.ISSUED, cascade_tiers=[Tier.COMMUNE]
    )
    directive = Directive.objects.create(
        plan=plan, order=1, kind=DirectiveKind.REPORT_6M, due_on=dt.date(2026, 5, 11), due_text="trước 11/5"
    )
    with at(2026, 3, 1):
        outcomes = _race(
            lambda: services.regime_from_directive(
                actor=personas["province_official"], directive=directive, indicator_codes=codes(QCDC)
            )
        )
    assert outcomes == Counter({"ok": 1, "refused": THREADS - 1}), outcomes
    assert ReportRegime.objects.filter(directive=directive).count() == 1
    assert (
        AuditEntry.objects.filter(
            action="reports.regime.create",
            object_id__in=[
                str(pk)
                for pk in ReportRegime.objects.filter(directive=directive).values_list("pk", flat=True)
            ],
        ).count()
        == 1
    )


def test_concurrent_openings_of_one_ad_hoc_period_open_it_once(tree, personas):
    with at(2026, 1, 10):
        adhoc = services.create_regime(
            actor=personas["province_official"],
            unit=tree.province,
            name="Báo cáo chuyên đề",
            frequency="ad_hoc",
            reporter_tiers=[Tier.COMMUNE],
            indicator_codes=["MC_RECEIVED"],
            starts_on=dt.date(2026, 1, 1),
        )
        outcomes = _race(
            lambda: services.open_ad_hoc_period(
                actor=personas["province_official"],
                regime=adhoc,
                window_end=dt.date(2026, 3, 31),
                due_on=dt.date(2026, 4, 10),
            )
        )
    assert outcomes == Counter({"ok": 1, "refused": THREADS - 1}), outcomes
    assert RegimePeriod.objects.filter(regime=adhoc).count() == 1
    assert Submission.objects.filter(regime=adhoc).count() == 2
    assert AuditEntry.objects.filter(action="reports.regime.open_period").count() == 1


def test_concurrent_ends_of_one_regime_end_it_once(personas, regime):
    with at(2026, 6, 16):
        outcomes = _race(
            lambda: services.end_regime(
                actor=personas["province_official"],
                regime=regime,
                on=dt.date(2026, 12, 31),
                reason="Thay thế",
            )
        )
    assert outcomes == Counter({"ok": 1, "refused": THREADS - 1}), outcomes
    assert AuditEntry.objects.filter(action="reports.regime.end").count() == 1
