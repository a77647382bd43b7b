"""Officials' report pages: regimes, a unit's reports, filling in, review, completeness, roll-up."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from danchu.core import policy
from danchu.core.errors import DomainError
from danchu.core.forms import attempt, errors_text, submit
from danchu.core.paging import paginate
from danchu.plans import selectors as plan_selectors
from danchu.units import selectors as unit_selectors
from danchu.units.models import Unit

from . import charts, export, interchange, periods, selectors, services, sources
from .catalogue import MOTCUA, QCDC, codes
from .forms import AdHocPeriodForm, CommentForm, ExceptionForm, ImportForm, RegimeForm
from .models import Frequency, IndicatorKind, ReportRegime, Submission, SubmissionStatus
from .permissions import ReportPerm
from .values import Value, ValuesError


@login_required
def unit_reports(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Báo cáo của đơn vị: what it must send upwards, and the regimes it has set for the units below."""
    unit = unit_selectors.access_unit(actor=request.user, unit_id=unit_id, perm=ReportPerm.VIEW)
    return render(
        request,
        "reports/unit_reports.html",
        {
            "unit": unit,
            "ancestors": unit_selectors.ancestors(unit),
            "page": paginate(request, selectors.reports_due_from(unit)),
            "regimes": list(selectors.regimes_of(unit)[:100]),
            "directives": list(selectors.directives_without_regime(unit)),
            "today": timezone.localdate(),
            "can_manage": policy.allowed(request.user, ReportPerm.MANAGE, unit) and unit.tier < 4,
        },
    )


@login_required
def create_regime(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Ban hành chế độ báo cáo for the units below."""
    unit = unit_selectors.access_unit(actor=request.user, unit_id=unit_id, perm=ReportPerm.MANAGE)
    initial = {
        "starts_on": timezone.localdate().replace(month=1, day=1).strftime("%d/%m/%Y"),
        "frequency": Frequency.SIX_MONTHLY,
        "outline": "\n".join(services.DEFAULT_OUTLINE),
    }
    form = RegimeForm(request.POST or None, unit=unit, initial=initial)
    if request.method == "POST":

        def create(data: dict[str, Any]) -> ReportRegime:
            return services.create_regime(
                actor=request.user,
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
            messages.success(request, "Đã ban hành chế độ báo cáo; các kỳ đã bắt đầu được mở cho cấp dưới.")
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
    plan = plan_selectors.access_plan(actor=request.user, plan_id=plan_id, perm=ReportPerm.MANAGE)
    directive = next((d for d in plan.directives.all() if d.pk == directive_id), None)
    if directive is None:
        raise Http404("Không tìm thấy yêu cầu.")
    try:
        regime = services.regime_from_directive(
            actor=request.user, directive=directive, indicator_codes=codes(QCDC)
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("plans:detail", plan.pk)
    messages.success(request, "Đã tạo chế độ báo cáo theo yêu cầu của kế hoạch.")
    return redirect("reports:regime", regime.pk)


@login_required
def regime(request: HttpRequest, regime_id: int) -> HttpResponse:
    """Chế độ báo cáo: its definition and, per period, how many units have reported."""
    regime = selectors.access_regime(actor=request.user, regime_id=regime_id)
    sees_all = policy.allowed(request.user, ReportPerm.VIEW, regime.unit)
    codes_ = selectors.periods_of(regime)
    summaries = []
    if sees_all:  # units below see what the regime asks of them, not the others' figures
        node = _node(request, regime)
        summaries = [(p, periods.label(p), selectors.completeness(node, regime, p)) for p in reversed(codes_)]
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


def _node(request: HttpRequest, regime: ReportRegime) -> Unit:
    return selectors.access_node(actor=request.user, regime=regime, unit_id=request.GET.get("don-vi"))


def _period(regime: ReportRegime, period: str) -> str:
    if period not in selectors.periods_of(regime):
        raise Http404("Kỳ báo cáo này chưa được mở.")
    return period


@login_required
@require_POST
def open_period(request: HttpRequest, regime_id: int) -> HttpResponse:
    regime = selectors.access_regime(actor=request.user, regime_id=regime_id, for_write=True)
    form = AdHocPeriodForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.open_ad_hoc_period(actor=request.user, regime=regime, **form.cleaned_data),
            "Đã mở kỳ báo cáo đột xuất.",
        )
    else:
        messages.error(request, errors_text(form))
    return redirect("reports:regime", regime.pk)


@login_required
def completeness(request: HttpRequest, regime_id: int, period: str) -> HttpResponse:
    """Tình hình gửi báo cáo: expected, sent, on time, late, missing, approved, and who is missing."""
    regime = selectors.access_regime(actor=request.user, regime_id=regime_id)
    period = _period(regime, period)
    node = _node(request, regime)
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
            "period_label": periods.label(period),
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
    regime = selectors.access_regime(actor=request.user, regime_id=regime_id)
    node = _node(request, regime)
    codes_ = selectors.periods_of(regime)[-12:]
    return render(
        request,
        "reports/scorecard.html",
        {
            "regime": regime,
            "unit": regime.unit,
            "node": node,
            "card": selectors.scorecard(node, regime, codes_),
            "labels": [periods.label(p) for p in codes_],
        },
    )


@login_required
def rollup(request: HttpRequest, regime_id: int, period: str) -> HttpResponse:
    """Tổng hợp: units × indicators at a node, drill-down to children, a chart of one indicator."""
    regime = selectors.access_regime(actor=request.user, regime_id=regime_id)
    period = _period(regime, period)
    node = _node(request, regime)
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
            selectors.trend(node, regime, chosen, selectors.periods_of(regime)[-8:]), chosen.measure
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
            "period_label": periods.label(period),
            "pivot": pivot,
            "approved_only": approved_only,
            "numeric": numeric,
            "chosen": chosen,
            "comparison": comparison,
            "trend": trend,
        },
    )


@login_required
def submission(request: HttpRequest, submission_id: int) -> HttpResponse:
    """Báo cáo của một đơn vị: fill in and send; the receiver returns or approves it."""
    report = selectors.access_submission(actor=request.user, submission_id=submission_id)
    errors: dict[str, str] = {}
    posted: dict[str, Any] = {}
    if request.method == "POST":
        report = selectors.access_submission(actor=request.user, submission_id=submission_id, for_write=True)
        values, narrative = _posted(request, report)
        posted = values
        try:
            services.save_values(
                actor=request.user,
                submission=report,
                values=values,
                narrative=narrative,
                number=request.POST.get("number", ""),
            )
            if request.POST.get("action") == "submit":
                services.submit(actor=request.user, submission=report)
                messages.success(request, "Đã gửi báo cáo.")
            else:
                messages.success(request, "Đã lưu số liệu.")
            return redirect("reports:submission", report.pk)
        except ValuesError as exc:
            errors = exc.errors
            messages.error(request, f"Số liệu chưa hợp lệ ({len(errors)} lỗi); xem các ô được đánh dấu.")
        except DomainError as exc:
            messages.error(request, exc.message)
    return _submission_page(request, report, errors, posted)


def _posted(request: HttpRequest, report: Submission) -> tuple[dict[str, Any], dict[str, str]]:
    values: dict[str, Any] = {}
    for indicator in selectors.indicators_of(report.regime):
        key = f"v_{indicator.code}"
        if indicator.kind == IndicatorKind.PERCENT:
            values[indicator.code] = (request.POST.get(key, ""), request.POST.get(f"d_{indicator.code}", ""))
        else:
            values[indicator.code] = request.POST.get(key, "")
    narrative = {str(i): request.POST.get(f"n_{i}", "") for i in range(len(report.regime.outline))}
    return values, narrative


def _submission_page(
    request: HttpRequest, report: Submission, errors: dict[str, str], posted: dict[str, Any]
) -> HttpResponse:
    stored = selectors.values_of(report)
    suggested = (
        sources.suggestions(report)
        if report.status in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)
        else {}
    )
    rows = []
    for indicator in selectors.indicators_of(report.regime):
        value = stored.get(indicator.code)
        current = (
            Value(value.number, value.denominator, value.text)
            if value is not None
            else suggested.get(indicator.code, Value())
        )
        raw = posted.get(indicator.code)
        rows.append(
            {
                "indicator": indicator,
                "number": _input(raw[0] if isinstance(raw, tuple) else raw, current.number),
                "denominator": _input(raw[1] if isinstance(raw, tuple) else None, current.denominator),
                "text": raw
                if isinstance(raw, str) and indicator.kind == IndicatorKind.TEXT
                else current.text,
                "display": current.display(indicator.kind),
                "prefilled": (value.prefilled if value is not None else indicator.code in suggested),
                "error": errors.get(indicator.code, ""),
            }
        )
    outline = [
        (str(i), title, report.narrative.get(str(i), "")) for i, title in enumerate(report.regime.outline)
    ]
    can_edit = policy.allowed(request.user, ReportPerm.SUBMIT, report) and services.entry_open(report)
    can_review = policy.allowed(request.user, ReportPerm.MANAGE, report.regime)
    return render(
        request,
        "reports/submission.html",
        {
            "report": report,
            "regime": report.regime,
            "unit": report.unit,
            "period_label": periods.label(report.period),
            "rows": rows,
            "outline": outline,
            "required": selectors.required_codes(report.regime),
            "can_edit": can_edit,
            "can_review": can_review,
            "comment_form": CommentForm(),
            "exception_form": ExceptionForm(),
            "exceptions": list(report.lock_exceptions.all()),
            "source_label": sources.label(report.regime),
            "today": timezone.localdate(),
        },
        status=400 if errors else 200,
    )


def _input(raw: Any, stored: Any) -> str:
    if raw is not None:
        return str(raw)
    if stored is None:
        return ""
    return f"{stored.normalize():f}".replace(".", ",")


@login_required
@require_POST
def review(request: HttpRequest, submission_id: int, action: str) -> HttpResponse:
    """Trả lại (with a comment), duyệt, or cho phép nhập sau thời hạn: only at the receiving unit."""
    report = selectors.access_submission(actor=request.user, submission_id=submission_id)
    if action == "unlock":
        form: Any = ExceptionForm(request.POST)
        if form.is_valid():
            attempt(
                request,
                lambda: services.grant_exception(actor=request.user, submission=report, **form.cleaned_data),
                "Đã cho phép nhập sau thời hạn.",
            )
        else:
            messages.error(request, errors_text(form))
        return redirect("reports:submission", report.pk)
    form = CommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    if action == "return":
        attempt(
            request,
            lambda: services.return_submission(actor=request.user, submission=report, comment=comment),
            "Đã trả lại báo cáo.",
        )
    elif action == "approve":
        attempt(
            request,
            lambda: services.approve(actor=request.user, submission=report, comment=comment),
            "Đã duyệt báo cáo.",
        )
    else:
        raise Http404("Thao tác không hợp lệ.")
    return redirect("reports:submission", report.pk)


@login_required
def download(request: HttpRequest, submission_id: int, kind: str) -> HttpResponse:
    report = selectors.access_submission(actor=request.user, submission_id=submission_id)
    name = f"bao-cao-{report.unit.code or report.unit_id}-{report.period}"
    if kind == "docx":
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        response = HttpResponse(export.to_docx(report), content_type=content_type)
    elif kind == "pdf":
        response = HttpResponse(export.to_pdf(report), content_type="application/pdf")
    else:
        raise Http404("Định dạng không hỗ trợ.")
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


@login_required
def dhis2_export(request: HttpRequest, regime_id: int, period: str) -> HttpResponse:
    regime = selectors.access_regime(actor=request.user, regime_id=regime_id)
    period = _period(regime, period)
    _node(request, regime)
    document = interchange.export_dhis2(regime, period, approved_only=request.GET.get("chi-da-duyet") == "1")
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'attachment; filename="dataValueSets-{regime.code}-{period}.json"'
    return response


@login_required
def entry_sheet(request: HttpRequest, regime_id: int, period: str) -> HttpResponse:
    regime = selectors.access_regime(actor=request.user, regime_id=regime_id)
    period = _period(regime, period)
    _node(request, regime)
    response = HttpResponse(
        interchange.entry_sheet(regime, period),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="mau-nhap-{regime.code}-{period}.xlsx"'
    return response


@login_required
@require_POST
def import_values(request: HttpRequest, regime_id: int) -> HttpResponse:
    """Nhập số liệu cho nhiều đơn vị từ tệp: all or nothing, every error listed."""
    regime = selectors.access_regime(actor=request.user, regime_id=regime_id)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, errors_text(form))
        return redirect("reports:regime", regime.pk)
    upload = form.cleaned_data["file"]
    try:
        result = interchange.import_file(
            actor=request.user,
            regime=regime,
            period=form.cleaned_data["period"].strip().upper(),
            file_name=upload.name,
            data=upload.read(),
        )
    except ValuesError as exc:
        lines = [f"{where}: {message}" for where, message in list(exc.errors.items())[:50]]
        more = len(exc.errors) - len(lines)
        messages.error(
            request,
            f"Không nhập tệp: {len(exc.errors)} lỗi, chưa lưu số liệu nào. "
            + "; ".join(lines)
            + (f"; và {more} lỗi khác." if more > 0 else ""),
        )
        return redirect("reports:regime", regime.pk)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("reports:regime", regime.pk)
    messages.success(
        request, f"Đã nhập {result.values} số liệu của {result.reports} đơn vị (ở trạng thái chưa gửi)."
    )
    return redirect("reports:regime", regime.pk)
