"""Report pages about regimes: a unit's reports, issuing a regime, its periods, completeness, roll-up."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danchu.accounts.actors import acting_user
from danchu.core import policy
from danchu.core.errors import DomainError
from danchu.core.forms import attempt, refuse, submit
from danchu.core.paging import paginate
from danchu.plans import selectors as plan_selectors
from danchu.units import selectors as unit_selectors
from danchu.units.models import Tier

from .. import charts, export, periods, selectors, services
from ..catalogue import MOTCUA, QCDC, codes
from ..forms import AdHocPeriodForm, ImportForm, RegimeForm
from ..models import Frequency, IndicatorKind, ReportRegime
from ..permissions import ReportPerm
from ._shared import node_of, opened_period

# Product choices for what one page shows: the regimes a unit issued (newest first), the periods of the
# colour scorecard (a year of months) and of the trend chart.
MAX_REGIMES_SHOWN = 100
SCORECARD_PERIODS = 12
TREND_PERIODS = 8


@login_required
def unit_reports(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Báo cáo của đơn vị: what it must send upwards, and the regimes it has set for the units below."""
    unit = unit_selectors.access_unit(actor=acting_user(request), unit_id=unit_id, perm=ReportPerm.VIEW)
    return render(
        request,
        "reports/unit_reports.html",
        {
            "unit": unit,
            "ancestors": unit_selectors.ancestors(unit),
            "page": paginate(request, selectors.reports_due_from(unit)),
            "regimes": list(selectors.regimes_of(unit)[:MAX_REGIMES_SHOWN]),
            "directives": list(selectors.directives_without_regime(unit)),
            "today": timezone.localdate(),
            # A village issues no regime: there is no unit below it to report.
            "can_manage": policy.allowed(request.user, ReportPerm.MANAGE, unit) and unit.tier < Tier.VILLAGE,
        },
    )


@login_required
def create_regime(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Ban hành chế độ báo cáo for the units below."""
    unit = unit_selectors.access_unit(actor=acting_user(request), unit_id=unit_id, perm=ReportPerm.MANAGE)
    initial = {
        "starts_on": timezone.localdate().replace(month=1, day=1).strftime("%d/%m/%Y"),
        "frequency": Frequency.SIX_MONTHLY,
        "outline": "\n".join(services.DEFAULT_OUTLINE),
    }
    form = RegimeForm(request.POST or None, unit=unit, initial=initial)
    if request.method == "POST":

        def create(data: dict[str, Any]) -> ReportRegime:
            return services.create_regime(
                actor=acting_user(request),
                unit=unit,
                name=data["name"],
                frequency=data["frequency"],
                reporter_tiers=data["reporter_tiers"],
                indicator_codes=[i.code for i in data["indicators"]],
                required_codes=[i.code for i in data["required"]],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                cutoff_day=data["cutoff_day"],
                due_working_days=data["due_working_days"],
                expiry_days=data["expiry_days"],
                receiver_agency=data["receiver_agency"],
                method=data["method"],
                content=data["content"],
                outline=data["outline"].splitlines(),
            )

        regime = submit(form, create)
        if regime is not None:
            messages.success(
                request, _("Đã ban hành chế độ báo cáo; các kỳ đã bắt đầu được mở cho cấp dưới.")
            )
            return redirect("reports:regime", regime.pk)
    groups = {QCDC: codes(QCDC), MOTCUA: codes(MOTCUA)}
    return render(
        request,
        "reports/regime_form.html",
        {"unit": unit, "ancestors": unit_selectors.ancestors(unit), "form": form, "groups": groups},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def from_directive(request: HttpRequest, plan_id: int, directive_id: int) -> HttpResponse:
    """Tạo chế độ báo cáo từ yêu cầu của kế hoạch, with the default grassroots-democracy indicators."""
    directive = plan_selectors.access_directive(
        actor=acting_user(request), directive_id=directive_id, perm=ReportPerm.MANAGE
    )
    plan = directive.plan
    if plan.pk != plan_id:
        raise Http404(_("Không tìm thấy yêu cầu."))
    try:
        regime = services.regime_from_directive(
            actor=acting_user(request), directive=directive, indicator_codes=codes(QCDC)
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("plans:detail", plan.pk)
    messages.success(request, _("Đã tạo chế độ báo cáo theo yêu cầu của kế hoạch."))
    return redirect("reports:regime", regime.pk)


@login_required
def regime(request: HttpRequest, regime_id: int) -> HttpResponse:
    """Chế độ báo cáo: its definition and, per period, how many units have reported."""
    regime = selectors.access_regime(actor=acting_user(request), regime_id=regime_id, perm=ReportPerm.VIEW)
    sees_all = policy.allowed(request.user, ReportPerm.VIEW, regime.unit)
    codes_ = selectors.periods_of(regime)
    summaries = []
    if sees_all:  # units below see what the regime asks of them, not the others' figures
        node = node_of(request, regime)
        by_period = selectors.completeness_by_period(node, regime)  # one query, however many periods
        summaries = [(p, periods.title(p), by_period[p]) for p in reversed(codes_)]
    return render(
        request,
        "reports/regime.html",
        {
            "regime": regime,
            "unit": regime.unit,
            "ancestors": unit_selectors.ancestors(regime.unit),
            "indicators": selectors.indicators_of(regime),
            "required": selectors.required_codes(regime),
            "periods": summaries,
            "sees_all": sees_all,
            "can_manage": policy.allowed(request.user, ReportPerm.MANAGE, regime),
            "adhoc_form": AdHocPeriodForm() if regime.frequency == Frequency.AD_HOC else None,
            "import_form": ImportForm(initial={"period": codes_[-1] if codes_ else ""}),
        },
    )


@login_required
@require_POST
def open_period(request: HttpRequest, regime_id: int) -> HttpResponse:
    regime = selectors.access_regime(actor=acting_user(request), regime_id=regime_id, perm=ReportPerm.MANAGE)
    form = AdHocPeriodForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.open_ad_hoc_period(
                actor=acting_user(request), regime=regime, **form.cleaned_data
            ),
            _("Đã mở kỳ báo cáo đột xuất."),
        )
    else:
        refuse(request, form)
    return redirect("reports:regime", regime.pk)


@login_required
def completeness(request: HttpRequest, regime_id: int, period: str) -> HttpResponse:
    """Tình hình gửi báo cáo: expected, sent, on time, late, missing, approved, and who is missing."""
    regime = selectors.access_regime(actor=acting_user(request), regime_id=regime_id, perm=ReportPerm.VIEW)
    period = opened_period(regime, period)
    node = node_of(request, regime)
    show = request.GET.get("xem", "thieu")
    reports = (
        selectors.missing_units(node, regime, period)
        if show == "thieu"
        else selectors.submissions_at(node, regime, period)
    )
    return render(
        request,
        "reports/completeness.html",
        {
            "regime": regime,
            "unit": regime.unit,
            "node": node,
            "node_ancestors": [
                a for a in unit_selectors.ancestors(node) if a.path.startswith(regime.unit.path)
            ],
            "period": period,
            "period_label": periods.title(period),
            "summary": selectors.completeness(node, regime, period),
            "page": paginate(request, reports),
            "show": show,
            "children": selectors.scorecard(node, regime, [period]).rows,
            "today": timezone.localdate(),
        },
    )


@login_required
def scorecard(request: HttpRequest, regime_id: int) -> HttpResponse:
    """Bảng màu: completeness per child unit and period."""
    regime = selectors.access_regime(actor=acting_user(request), regime_id=regime_id, perm=ReportPerm.VIEW)
    node = node_of(request, regime)
    codes_ = selectors.periods_of(regime)[-SCORECARD_PERIODS:]
    return render(
        request,
        "reports/scorecard.html",
        {
            "regime": regime,
            "unit": regime.unit,
            "node": node,
            "card": selectors.scorecard(node, regime, codes_),
            "labels": [periods.title(p) for p in codes_],
        },
    )


@login_required
def rollup(request: HttpRequest, regime_id: int, period: str) -> HttpResponse:
    """Tổng hợp: units × indicators at a node, drill-down to children, a chart of one indicator."""
    regime = selectors.access_regime(actor=acting_user(request), regime_id=regime_id, perm=ReportPerm.VIEW)
    period = opened_period(regime, period)
    node = node_of(request, regime)
    approved_only = request.GET.get("chi-da-duyet") == "1"
    pivot = selectors.pivot(node, regime, period, approved_only=approved_only)
    if request.GET.get("tai-ve") == "xlsx":
        title = f"{regime.name} – {periods.label(period)} – {node.name}"
        response = HttpResponse(
            export.pivot_xlsx(pivot, title=title, node_name=node.name),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="tong-hop-{regime.code}-{period}.xlsx"'
        return response
    numeric = [i for i in pivot.indicators if i.kind != IndicatorKind.TEXT]
    chosen = next(
        (i for i in numeric if i.code == request.GET.get("chi-tieu")), numeric[0] if numeric else None
    )
    comparison = trend = ""
    if chosen is not None:
        column = pivot.indicators.index(chosen)
        comparison = charts.bars([(r.unit.name, r.values[column]) for r in pivot.rows], chosen.measure)
        trend = charts.line(
            selectors.trend(node, regime, chosen, selectors.periods_of(regime)[-TREND_PERIODS:]),
            chosen.measure,
        )
    return render(
        request,
        "reports/rollup.html",
        {
            "regime": regime,
            "unit": regime.unit,
            "node": node,
            "node_ancestors": [
                a for a in unit_selectors.ancestors(node) if a.path.startswith(regime.unit.path)
            ],
            "period": period,
            "period_label": periods.title(period),
            "pivot": pivot,
            "approved_only": approved_only,
            "numeric": numeric,
            "chosen": chosen,
            "comparison": comparison,
            "trend": trend,
        },
    )
