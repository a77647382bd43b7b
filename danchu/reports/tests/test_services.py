from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from danchu.accounts.models import Notification
from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.core.models import AuditEntry
from danchu.plans.models import Directive, DirectiveKind, Obligation, Plan, PlanStatus
from danchu.reports import periods, services
from danchu.reports.catalogue import QCDC, codes
from danchu.reports.models import DataValue, Submission, SubmissionStatus
from danchu.reports.values import ValuesError
from danchu.units.models import Tier

from .conftest import at


def _report(regime, unit, period="2026S1"):
    return Submission.objects.get(regime=regime, unit=unit, period=period)


def test_regime_opens_one_report_per_commune_with_the_decree_window(tree, regime):
    reports = Submission.objects.filter(regime=regime).order_by("unit__name_key")
    assert [(s.unit, s.period) for s in reports] == [(tree.commune, "2026S1"), (tree.sibling, "2026S1")]
    first = reports[0]
    # Decree 09/2019 Art. 12: H1 runs 15/12 of the previous year to 14/6.
    assert (first.period_start, first.period_end) == (dt.date(2025, 12, 15), dt.date(2026, 6, 14))
    assert first.due_on > first.period_end and first.due_on.weekday() < 5
    assert AuditEntry.objects.filter(action="reports.regime.create").count() == 1


def test_later_periods_open_when_they_begin(tree, regime):
    assert services.open_due_periods(dt.date(2026, 6, 10)) == 0
    assert services.open_due_periods(dt.date(2026, 6, 15)) == 1
    assert set(Submission.objects.filter(regime=regime).values_list("period", flat=True)) == {
        "2026S1",
        "2026S2",
    }
    assert services.open_due_periods(dt.date(2026, 6, 16)) == 0  # never twice


def test_bad_regimes_are_refused_whole(tree, personas):
    official = personas["province_official"]
    base = dict(
        actor=official, unit=tree.province, name="BC", frequency="annual", reporter_tiers=[3],
        indicator_codes=["MC_RECEIVED"], starts_on=dt.date(2026, 1, 1),
    )  # fmt: skip
    with pytest.raises(DomainError, match="Không có chỉ tiêu: NOPE"):
        services.create_regime(**{**base, "indicator_codes": ["MC_RECEIVED", "nope"]})
    with pytest.raises(DomainError, match="thấp hơn"):
        services.create_regime(**{**base, "reporter_tiers": [Tier.PROVINCE]})
    with pytest.raises(DomainError, match="Điều 8"):
        services.create_regime(
            **{**base, "period_dates": {"2026": (dt.date(2026, 12, 14), dt.date(2026, 12, 14))}}
        )
    with pytest.raises(DomainError, match="không hợp lệ"):
        services.create_regime(
            **{**base, "period_dates": {"2026S1": (dt.date(2026, 6, 1), dt.date(2026, 6, 10))}}
        )
    with pytest.raises(PermissionDeniedError):
        services.create_regime(**{**base, "actor": personas["commune_official"]})
    assert (
        not Submission.objects.exists()
        and not AuditEntry.objects.filter(action__startswith="reports").exists()
    )


def test_values_are_checked_all_at_once_and_nothing_is_half_saved(tree, personas, regime):
    report = _report(regime, tree.commune)
    official = personas["commune_official"]
    with at(2026, 6, 16):
        services.save_values(
            actor=official, submission=report, values={"MC_RECEIVED": "1.200", "MC_EARLY": "300"}
        )
        with pytest.raises(ValuesError) as caught:
            services.save_values(
                actor=official,
                submission=report,
                values={
                    "MC_CARRIED": "12,5",  # not a whole number
                    "MC_ON_TIME": "-1",
                    "QCDC_SATISFACTION": ("90", "0"),
                    "QCDC_PLAN": "maybe",
                    "MC_ONLINE": "5000",  # more than received
                    "XX": "1",
                },
            )
    errors = caught.value.errors
    assert set(errors) == {"MC_CARRIED", "MC_ON_TIME", "QCDC_SATISFACTION", "QCDC_PLAN", "MC_ONLINE", "XX"}
    assert "nhiều hơn" in errors["MC_ONLINE"]
    values = {v.indicator.code: v.number for v in DataValue.objects.filter(submission=report)}
    assert values == {"MC_RECEIVED": Decimal(1200), "MC_EARLY": Decimal(300)}


def test_submit_return_resubmit_approve(tree, personas, regime, django_capture_on_commit_callbacks):
    report = _report(regime, tree.commune)
    commune, province = personas["commune_official"], personas["province_official"]
    with at(2026, 6, 16):
        with pytest.raises(ValuesError, match="MC_RECEIVED: bắt buộc"):
            services.submit(actor=commune, submission=report)
        services.save_values(
            actor=commune, submission=report, values={"MC_RECEIVED": "10", "MC_ON_TIME": "8"}
        )
        report = services.submit(actor=commune, submission=report)
    assert report.status == SubmissionStatus.SUBMITTED and report.on_time
    assert Notification.objects.filter(user=province, title__contains="đã gửi").exists()
    with pytest.raises(DomainError, match="chờ duyệt"):
        services.save_values(actor=commune, submission=report, values={"MC_RECEIVED": "11"})
    with pytest.raises(PermissionDeniedError):  # the commune cannot approve its own report
        services.approve(actor=commune, submission=report)
    with pytest.raises(DomainError, match="không được để trống"):
        services.return_submission(actor=province, submission=report, comment="  ")
    report = services.return_submission(
        actor=province, submission=report, comment="Thiếu số hồ sơ trực tuyến."
    )
    assert report.status == SubmissionStatus.RETURNED
    assert Notification.objects.filter(user=commune, body="Thiếu số hồ sơ trực tuyến.").exists()
    with at(2026, 7, 2):
        services.save_values(actor=commune, submission=report, values={"MC_ONLINE": "4"})
        services.submit(actor=commune, submission=report)
        services.approve(actor=province, submission=report)
    report.refresh_from_db()
    assert report.status == SubmissionStatus.APPROVED
    assert report.on_time  # timeliness counts the first sending
    with pytest.raises(DomainError, match="đã khóa"):
        services.save_values(actor=commune, submission=report, values={"MC_ONLINE": "5"})
    actions = list(
        AuditEntry.objects.filter(object_type="reports.submission", object_id=str(report.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "reports.submission.save",
        "reports.submission.submit",
        "reports.submission.return",
        "reports.submission.save",
        "reports.submission.submit",
        "reports.submission.approve",
    ]


def test_after_expiry_only_an_exception_opens_entry(tree, personas, regime):
    report = _report(regime, tree.commune)
    commune, province = personas["commune_official"], personas["province_official"]
    late = report.due_on + dt.timedelta(days=regime.expiry_days + 1)
    with at(late.year, late.month, late.day):
        with pytest.raises(DomainError, match="quá thời hạn nhập"):
            services.save_values(actor=commune, submission=report, values={"MC_RECEIVED": "3"})
        with pytest.raises(PermissionDeniedError):
            services.grant_exception(actor=commune, submission=report, until=late, reason="Xin nhập muộn")
        services.grant_exception(
            actor=province, submission=report, until=late + dt.timedelta(days=3), reason="Mất điện"
        )
        services.save_values(actor=commune, submission=report, values={"MC_RECEIVED": "3"})
        services.submit(actor=commune, submission=report)
    report.refresh_from_db()
    assert report.on_time is False


def test_sibling_cannot_touch_another_communes_report(tree, personas, regime):
    with at(2026, 6, 16), pytest.raises(PermissionDeniedError):
        services.save_values(
            actor=personas["sibling_official"],
            submission=_report(regime, tree.commune),
            values={"MC_RECEIVED": "1"},
        )


def test_prefilled_values_come_from_plans_and_are_marked(tree, personas, regime):
    from danchu.reports.sources import suggestions

    Plan.objects.create(unit=tree.commune, year=2026, title="KH", status=PlanStatus.ISSUED)
    report = _report(regime, tree.commune)
    suggested = suggestions(report)
    assert suggested["QCDC_PLAN"].number == 1 and suggested["QCDC_TASKS"].number == 0
    with at(2026, 6, 16):
        services.save_values(
            actor=personas["commune_official"],
            submission=report,
            values={"QCDC_PLAN": "có", "QCDC_TASKS": "7"},
        )
    marks = dict(DataValue.objects.filter(submission=report).values_list("indicator__code", "prefilled"))
    assert marks == {"QCDC_PLAN": True, "QCDC_TASKS": False}


def test_regime_from_a_plan_directive_keeps_the_plans_date_and_fulfils_it(tree, personas):
    plan = Plan.objects.create(
        unit=tree.province, year=2026, title="KH", status=PlanStatus.ISSUED, cascade_tiers=[Tier.COMMUNE]
    )
    directive = Directive.objects.create(
        plan=plan, order=1, kind=DirectiveKind.REPORT_6M, due_on=dt.date(2026, 5, 11), due_text="trước 11/5"
    )
    obligation = Obligation.objects.create(
        directive=directive, unit=tree.commune, due_on=dt.date(2026, 5, 11)
    )
    with at(2026, 3, 1):
        regime = services.regime_from_directive(
            actor=personas["province_official"], directive=directive, indicator_codes=codes(QCDC)
        )
    report = _report(regime, tree.commune)
    assert report.due_on == dt.date(2026, 5, 11)
    assert report.period_end == dt.date(2026, 5, 10)  # Monday 11/5, the deadline, is the working day left
    assert report.obligation == obligation
    with at(2026, 5, 9):
        services.save_values(
            actor=personas["commune_official"], submission=report, values={"QCDC_TASKS": "2"}
        )
        services.submit(actor=personas["commune_official"], submission=report)
    obligation.refresh_from_db()
    assert obligation.fulfilled_at is not None
    with pytest.raises(DomainError, match="đã có chế độ báo cáo"):
        services.regime_from_directive(
            actor=personas["province_official"], directive=directive, indicator_codes=codes(QCDC)
        )


def test_a_unit_created_after_a_period_ended_is_not_asked_for_it(tree, regime):
    from conftest import make_unit
    from danchu.units.models import UnitKind

    late = make_unit("Xã Mới", UnitKind.COMMUNE, tree.province, code="21199")
    services.open_due_periods(dt.date(2026, 6, 20))
    assert list(Submission.objects.filter(unit=late).values_list("period", flat=True)) == ["2026S2"]


def test_refusals_and_periods_read_in_english(tree, personas, regime):
    """An English reader gets the field's English name (not its key), the catalogue's rule in English, and
    the period's English name; notifications and exports keep the Vietnamese one (`periods.label`)."""
    report = _report(regime, tree.commune)
    official = personas["commune_official"]
    with translation.override("en"), at(2026, 6, 16):
        with pytest.raises(DomainError) as refused:
            services.end_regime(
                actor=personas["province_official"], regime=regime, on=dt.date(2026, 12, 31), reason=" "
            )
        assert (refused.value.message, refused.value.field) == ("The field “Reason” is required.", "reason")
        services.save_values(actor=official, submission=report, values={"MC_RECEIVED": "10"})
        with pytest.raises(ValuesError) as caught:
            services.save_values(
                actor=official, submission=report, values={"MC_ONLINE": "12"}, narrative={"1": "a\x00b"}
            )
        assert caught.value.errors == {
            "MC_ONLINE": "Online applications cannot exceed new applications received. (12 against 10)",
            "outline 2": "The field “Kiến nghị” contains invalid characters.",  # the regime's own heading
        }
        assert (periods.title("2026S1"), periods.title("2026Q2"), report.period_label) == (
            "First half of 2026",
            "Quarter II, 2026",
            "First half of 2026",
        )
        assert periods.label("2026S1") == "6 tháng đầu năm 2026"
    assert report.period_label == "6 tháng đầu năm 2026"
