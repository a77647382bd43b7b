"""One unit's report page: fill in and send; the receiver returns, approves or allows late entry."""

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
from danchu.core.forms import attempt, refuse

from .. import export, periods, selectors, services, sources
from ..forms import CommentForm, ExceptionForm
from ..models import IndicatorKind, Submission, SubmissionStatus
from ..permissions import ReportPerm
from ..values import Value, ValuesError


@login_required
def submission(request: HttpRequest, submission_id: int) -> HttpResponse:
    """Báo cáo của một đơn vị: fill in and send; the receiver returns or approves it."""
    perm = ReportPerm.SUBMIT if request.method == "POST" else ReportPerm.VIEW
    report = selectors.access_submission(actor=acting_user(request), submission_id=submission_id, perm=perm)
    errors: dict[str, str] = {}
    posted: dict[str, Any] = {}
    if request.method == "POST":
        values, narrative = _posted(request, report)
        posted = values
        try:
            report = services.save_values(
                actor=acting_user(request),
                submission=report,
                values=values,
                narrative=narrative,
                number=request.POST.get("number", ""),
            )
            if request.POST.get("action") == "submit":
                report = services.submit(actor=acting_user(request), submission=report)
                messages.success(request, _("Đã gửi báo cáo."))
            else:
                messages.success(request, _("Đã lưu số liệu."))
            return redirect("reports:submission", report.pk)
        except ValuesError as exc:
            errors = exc.errors
            messages.error(
                request,
                _("Số liệu chưa hợp lệ (%(len)s lỗi); xem các ô được đánh dấu.") % {"len": len(errors)},
            )
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
    can_edit = policy.allowed(request.user, ReportPerm.SUBMIT, report) and selectors.entry_open(report)
    can_review = policy.allowed(request.user, ReportPerm.MANAGE, report.regime)
    return render(
        request,
        "reports/submission.html",
        {
            "report": report,
            "regime": report.regime,
            "unit": report.unit,
            "period_label": periods.title(report.period),
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
    report = selectors.access_submission(
        actor=acting_user(request), submission_id=submission_id, perm=ReportPerm.MANAGE
    )
    if action == "unlock":
        form: Any = ExceptionForm(request.POST)
        if form.is_valid():
            attempt(
                request,
                lambda: services.grant_exception(
                    actor=acting_user(request), submission=report, **form.cleaned_data
                ),
                _("Đã cho phép nhập sau thời hạn."),
            )
        else:
            refuse(request, form)
        return redirect("reports:submission", report.pk)
    form = CommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    if action == "return":
        attempt(
            request,
            lambda: services.return_submission(
                actor=acting_user(request), submission=report, comment=comment
            ),
            _("Đã trả lại báo cáo."),
        )
    elif action == "approve":
        attempt(
            request,
            lambda: services.approve(actor=acting_user(request), submission=report, comment=comment),
            _("Đã duyệt báo cáo."),
        )
    else:
        raise Http404(_("Thao tác không hợp lệ."))
    return redirect("reports:submission", report.pk)


@login_required
def download(request: HttpRequest, submission_id: int, kind: str) -> HttpResponse:
    report = selectors.access_submission(
        actor=acting_user(request), submission_id=submission_id, perm=ReportPerm.VIEW
    )
    name = f"bao-cao-{report.unit.code or report.unit_id}-{report.period}"
    if kind == "docx":
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        response = HttpResponse(export.to_docx(report), content_type=content_type)
    elif kind == "pdf":
        response = HttpResponse(export.to_pdf(report), content_type="application/pdf")
    else:
        raise Http404(_("Định dạng không hỗ trợ."))
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response
