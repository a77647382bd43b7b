"""Officials' pages: the reception overview, the schedule, the absences, the log and a visit."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danchu.accounts.actors import acting_user
from danchu.core import policy
from danchu.core.forms import attempt, refuse, submit
from danchu.core.paging import paginate
from danchu.units import selectors as unit_selectors
from danchu.units.models import Unit

from .. import export, selectors, services
from .. import schedule as sessions
from ..forms import AbsenceForm, AnswerForm, LetterForm, ScheduleForm, VisitForm
from ..models import Outcome, Visit, VisitKind
from ..permissions import ReceptionPerm

OVERVIEW_WEEKS = 4


def _unit(request: HttpRequest, unit_id: int, perm: Any = ReceptionPerm.VIEW) -> Unit:
    return unit_selectors.access_unit(actor=acting_user(request), unit_id=unit_id, perm=perm)


def _context(request: HttpRequest, unit: Unit, tab: str, **extra: Any) -> dict[str, Any]:
    return {
        "unit": unit,
        "ancestors": unit_selectors.ancestors(unit),
        "rtab": tab,
        "can_manage": policy.allowed(acting_user(request), ReceptionPerm.MANAGE, unit),
        **extra,
    }


@login_required
def overview(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Tiếp công dân của đơn vị: the coming sessions, the answers waiting, the dialogues."""
    unit = _unit(request, unit_id)
    today = timezone.localdate()
    schedule = selectors.schedule_of(unit)
    coming = (
        sessions.sessions(schedule, today, today + dt.timedelta(weeks=OVERVIEW_WEEKS)) if schedule else []
    )
    waiting = list(selectors.waiting(unit, today)[:20])
    context = _context(
        request,
        unit,
        "overview",
        schedule=schedule,
        coming=coming,
        waiting=waiting,
        today=today,
        dialogues=list(selectors.dialogues_of(unit).order_by("-held_on", "-id")[:10]),
    )
    return render(request, "reception/overview.html", context)


@login_required
def schedule_edit(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Lập, sửa lịch tiếp công dân."""
    unit = _unit(request, unit_id, ReceptionPerm.MANAGE)
    schedule = selectors.schedule_of(unit)
    initial: dict[str, Any] = {}
    if schedule is not None:
        initial = {name: getattr(schedule, name) for name in ScheduleForm.base_fields}
    form = ScheduleForm(request.POST or None, initial=initial)
    if request.method == "POST":
        saved = submit(
            form, lambda data: services.save_schedule(actor=acting_user(request), unit=unit, **data)
        )
        if saved is not None:
            messages.success(request, _("Đã lưu lịch tiếp công dân."))
            return redirect("reception:overview", unit.pk)
    context = _context(request, unit, "overview", form=form, schedule=schedule, absence_form=AbsenceForm())
    return render(request, "reception/schedule_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def schedule_publish(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _unit(request, unit_id, ReceptionPerm.MANAGE)
    attempt(
        request,
        lambda: services.publish_schedule(actor=acting_user(request), unit=unit),
        _("Đã công bố lịch tiếp công dân trên cổng thông tin."),
    )
    return redirect("reception:overview", unit.pk)


@login_required
@require_POST
def absence_add(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Ghi ngày Chủ tịch vắng và người tiếp thay."""
    unit = _unit(request, unit_id, ReceptionPerm.MANAGE)
    form = AbsenceForm(request.POST)
    if not form.is_valid():
        refuse(request, form, about=_("Ngày Chủ tịch vắng"))
    else:
        attempt(
            request,
            lambda: services.record_absence(actor=acting_user(request), unit=unit, **form.cleaned_data),
            _("Đã ghi ngày Chủ tịch vắng; các buổi tiếp trong những ngày này do người tiếp thay chủ trì."),
        )
    return redirect("reception:schedule", unit.pk)


def _year(request: HttpRequest, today: dt.date) -> int:
    raw = request.GET.get("nam", "")
    return int(raw) if raw.isdigit() and 1900 <= int(raw) <= 2100 else today.year


@login_required
def log(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Sổ tiếp công dân (Mẫu số 03, TT 04/2021/TT-TTCP): the twelve columns."""
    unit = _unit(request, unit_id)
    today = timezone.localdate()
    kind = request.GET.get("loai", "")
    filters = selectors.LogFilter(
        year=_year(request, today),
        kind=kind if kind in VisitKind.values else "",
        overdue=request.GET.get("qua-han") == "1",
    )
    page = paginate(request, selectors.log(unit, filters, today))
    page.object_list = selectors.mark_identity(acting_user(request), unit, page.object_list)
    context = _context(
        request,
        unit,
        "log",
        page=page,
        filters=filters,
        kinds=VisitKind.choices,
        today=today,
        outcomes=Outcome,
    )
    return render(request, "reception/log.html", context)


@login_required
def visit_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Ghi sổ một lượt tiếp."""
    unit = _unit(request, unit_id, ReceptionPerm.MANAGE)
    today = timezone.localdate()
    schedule = selectors.schedule_of(unit)
    session = sessions.session_on(schedule, today) if schedule else None
    initial = {
        "received_on": today.strftime("%d/%m/%Y"),
        "people_count": 1,
        "host": session.host if session else "",
        "by_chairman": session is not None,
    }
    form = VisitForm(request.POST or None, initial=initial)
    if request.method == "POST":

        def save(data: dict[str, Any]) -> Visit:
            return services.log_visit(actor=acting_user(request), unit=unit, **data)

        visit = submit(form, save)
        if visit is not None:
            messages.success(request, _("Đã ghi sổ lượt tiếp số %(n)s.") % {"n": visit.number})
            return redirect("reception:visit", visit.pk)
    context = _context(request, unit, "log", form=form, session=session)
    return render(request, "reception/visit_form.html", context, status=400 if form.errors else 200)


@login_required
def visit_detail(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = selectors.access_visit(actor=acting_user(request), visit_id=visit_id, perm=ReceptionPerm.VIEW)
    today = timezone.localdate()
    context = _context(
        request,
        visit.unit,
        "log",
        visit=visit,
        today=today,
        answer_form=AnswerForm(initial={"answered_on": today.strftime("%d/%m/%Y")}),
        letter_form=LetterForm(),
    )
    return render(request, "reception/visit.html", context)


@login_required
@require_POST
def visit_answer(request: HttpRequest, visit_id: int) -> HttpResponse:
    """Trả lời người được tiếp (Điều 28)."""
    visit = selectors.access_visit(actor=acting_user(request), visit_id=visit_id, perm=ReceptionPerm.MANAGE)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        refuse(request, form, about=_("Trả lời"))
    else:
        attempt(
            request,
            lambda: services.answer_visit(actor=acting_user(request), visit=visit, **form.cleaned_data),
            _("Đã ghi kết quả trả lời."),
        )
    return redirect("reception:visit", visit.pk)


@login_required
@require_POST
def visit_letter(request: HttpRequest, visit_id: int) -> HttpResponse:
    """Vào sổ xử lý đơn một đơn của lượt tiếp (one visit may bring several matters)."""
    visit = selectors.access_visit(actor=acting_user(request), visit_id=visit_id, perm=ReceptionPerm.MANAGE)
    form = LetterForm(request.POST)
    if not form.is_valid():
        refuse(request, form, about=_("Vào sổ xử lý đơn"))
    else:
        attempt(
            request,
            lambda: services.produce_letter(actor=acting_user(request), visit=visit, **form.cleaned_data),
            _("Đã vào sổ xử lý đơn."),
        )
    return redirect("reception:visit", visit.pk)


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def log_download(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Tải sổ tiếp công dân của một năm (.xlsx, Mẫu số 03)."""
    unit = _unit(request, unit_id)
    year = _year(request, timezone.localdate())
    rows = selectors.log(unit, selectors.LogFilter(year=year), timezone.localdate()).reverse()
    visits = selectors.mark_identity(acting_user(request), unit, rows)
    response = HttpResponse(export.log_xlsx(unit, year, visits), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="so-tiep-cong-dan-{year}.xlsx"'
    return response
