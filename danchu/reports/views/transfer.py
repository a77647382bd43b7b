"""Moving figures in and out of a regime's period: DHIS2 JSON, the .xlsx entry sheet, file import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from danchu.accounts.actors import acting_user
from danchu.core.errors import DomainError
from danchu.core.forms import refuse

from .. import interchange, selectors
from ..forms import ImportForm
from ..permissions import ReportPerm
from ..values import ValuesError
from ._shared import node_of, opened_period

ERRORS_SHOWN = 50  # product choice: the first errors of a refused import, in one message


@login_required
def dhis2_export(request: HttpRequest, regime_id: int, period: str) -> HttpResponse:
    regime = selectors.access_regime(actor=acting_user(request), regime_id=regime_id, perm=ReportPerm.VIEW)
    period = opened_period(regime, period)
    node_of(request, regime)
    document = interchange.export_dhis2(regime, period, approved_only=request.GET.get("chi-da-duyet") == "1")
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'attachment; filename="dataValueSets-{regime.code}-{period}.json"'
    return response


@login_required
def entry_sheet(request: HttpRequest, regime_id: int, period: str) -> HttpResponse:
    regime = selectors.access_regime(actor=acting_user(request), regime_id=regime_id, perm=ReportPerm.VIEW)
    period = opened_period(regime, period)
    node_of(request, regime)
    response = HttpResponse(
        interchange.entry_sheet(regime, period),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="mau-nhap-{regime.code}-{period}.xlsx"'
    return response


@login_required
@require_POST
def import_values(request: HttpRequest, regime_id: int) -> HttpResponse:
    """Nhập số liệu cho nhiều đơn vị từ tệp: all or nothing, every error listed. The regime is read with
    VIEW; SUBMIT is asked of each report the file touches (a commune imports its own row)."""
    regime = selectors.access_regime(actor=acting_user(request), regime_id=regime_id, perm=ReportPerm.VIEW)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        refuse(request, form)
        return redirect("reports:regime", regime.pk)
    upload = form.cleaned_data["file"]
    try:
        result = interchange.import_file(
            actor=acting_user(request),
            regime=regime,
            period=form.cleaned_data["period"].strip().upper(),
            file_name=upload.name,
            data=upload.read(),
        )
    except ValuesError as exc:
        lines = [f"{where}: {message}" for where, message in list(exc.errors.items())[:ERRORS_SHOWN]]
        more = len(exc.errors) - len(lines)
        messages.error(
            request,
            (gettext("Không nhập tệp: %(len)s lỗi, chưa lưu số liệu nào. ") % {"len": len(exc.errors)})
            + "; ".join(lines)
            + (gettext("; và %(more)s lỗi khác.") % {"more": more} if more > 0 else ""),
        )
        return redirect("reports:regime", regime.pk)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("reports:regime", regime.pk)
    messages.success(
        request,
        gettext("Đã nhập %(result_values)s số liệu của %(result_reports)s đơn vị (ở trạng thái chưa gửi).")
        % {"result_values": result.values, "result_reports": result.reports},
    )
    return redirect("reports:regime", regime.pk)
