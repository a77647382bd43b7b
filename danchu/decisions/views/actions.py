"""The officials' POST actions on a decision: each runs one service and returns to the decision's page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from danchu.accounts.actors import acting_user
from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.core.forms import attempt, refuse

from .. import selectors, services
from ..forms import (
    AttendanceForm,
    AuthoriseForm,
    CountsForm,
    DayForm,
    PaperForm,
    ProceduralForm,
    RecogniseForm,
    RefuseForm,
    SwitchForm,
    TaskForm,
)
from ..permissions import DecisionPerm


def _back(decision_id: int) -> HttpResponse:
    return redirect("decisions:detail", decision_id)


def _simple(service: Callable[..., Any], success: object) -> Callable[[HttpRequest, int], HttpResponse]:
    @login_required
    @require_POST
    def view(request: HttpRequest, decision_id: int) -> HttpResponse:
        attempt(request, lambda: service(actor=acting_user(request), decision_id=decision_id), str(success))
        return _back(decision_id)

    return view


announce = _simple(services.announce, gettext_lazy("Đã thông báo. In giấy mời (Mẫu 01) để gửi các hộ."))
open_voting = _simple(services.open_voting, gettext_lazy("Đã bắt đầu lấy ý kiến; danh sách hộ đã được chốt."))
issue_paper = _simple(
    services.issue_paper_ballots, gettext_lazy("Đã tạo phiếu giấy cho các hộ. Tải tệp PDF để in.")
)
close = _simple(services.close_voting, gettext_lazy("Đã kết thúc biểu quyết."))
tally = _simple(services.tally, gettext_lazy("Đã kiểm phiếu."))
publish = _simple(services.publish_result, gettext_lazy("Đã công bố kết quả và báo cho các hộ."))


def _with_form(
    request: HttpRequest,
    decision_id: int,
    form: forms.Form,
    call: Callable[[dict[str, Any]], object],
    success: str,
    about: str,
) -> HttpResponse:
    if not form.is_valid():
        refuse(request, form, about=about)
        return _back(decision_id)
    attempt(request, lambda: call(form.cleaned_data), success)
    return _back(decision_id)


def _decision(request: HttpRequest, decision_id: int, perm: Any = DecisionPerm.RECORD) -> Any:
    return selectors.access_decision(actor=acting_user(request), decision_id=decision_id, perm=perm)


@login_required
@require_POST
def attendance(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = _decision(request, decision_id)
    households = list(decision.register.values_list("household_id", "household__number"))
    form = AttendanceForm(request.POST, households=[(h, n) for h, n in households])
    actor = acting_user(request)
    return _with_form(
        request,
        decision_id,
        form,
        lambda d: services.record_attendance(
            actor=actor,
            decision_id=decision_id,
            household_id=d["household"],
            attendee=d["attendee"],
            authorised=d["authorised"],
        ),
        _("Đã ghi người dự họp."),
        _("Người dự họp"),
    )


@login_required
@require_POST
def authorise(request: HttpRequest, decision_id: int) -> HttpResponse:
    _decision(request, decision_id)
    actor = acting_user(request)
    return _with_form(
        request,
        decision_id,
        AuthoriseForm(request.POST),
        lambda d: services.authorise_member(
            actor=actor, decision_id=decision_id, household_id=d["household"], resident_id=d["resident"]
        ),
        _("Đã ghi nhận ủy quyền."),
        _("Ủy quyền"),
    )


@login_required
@require_POST
def procedural(request: HttpRequest, decision_id: int) -> HttpResponse:
    _decision(request, decision_id)
    actor = acting_user(request)
    return _with_form(
        request,
        decision_id,
        ProceduralForm(request.POST),
        lambda d: services.record_procedural_vote(
            actor=actor, decision_id=decision_id, subject=d["subject"], in_favour=d["in_favour"]
        ),
        _("Đã ghi biểu quyết thủ tục."),
        _("Biểu quyết thủ tục"),
    )


@login_required
@require_POST
def meeting_counts(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = _decision(request, decision_id)
    form = CountsForm(request.POST, questions=selectors.questions_of(decision))
    actor = acting_user(request)
    return _with_form(
        request,
        decision_id,
        form,
        lambda d: services.record_meeting_counts(actor=actor, decision_id=decision_id, counts=form.counts()),
        _("Đã ghi kết quả biểu quyết tại cuộc họp."),
        _("Kết quả giơ tay"),
    )


@login_required
@require_POST
def switch(request: HttpRequest, decision_id: int) -> HttpResponse:
    _decision(request, decision_id, DecisionPerm.MANAGE)
    actor = acting_user(request)
    return _with_form(
        request,
        decision_id,
        SwitchForm(request.POST),
        lambda d: services.switch_to_ballot(
            actor=actor,
            decision_id=decision_id,
            closes_on=d["closes_on"],
            electronic_returns=d["electronic_returns"],
        ),
        _("Đã chuyển sang phát phiếu lấy ý kiến hộ gia đình."),
        _("Phát phiếu"),
    )


@login_required
@require_POST
def paper_return(request: HttpRequest, decision_id: int) -> HttpResponse:
    """Ghi nhận phiếu giấy: the receipt is shown so the team can read it back."""
    decision = _decision(request, decision_id)
    form = PaperForm(request.POST, questions=selectors.questions_of(decision))
    if not form.is_valid():
        refuse(request, form, about=_("Phiếu giấy"))
        return _back(decision_id)
    try:
        receipt = services.record_paper_return(
            actor=acting_user(request),
            decision_id=decision_id,
            code=form.cleaned_data["code"],
            option_ids=form.option_ids(),
        )
    except PermissionDeniedError:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Đã ghi nhận phiếu. Mã xác nhận trên cuống phiếu: %(r)s") % {"r": receipt}
        )
    return _back(decision_id)


@login_required
@require_POST
def recognise(request: HttpRequest, decision_id: int) -> HttpResponse:
    _decision(request, decision_id, DecisionPerm.RECOGNISE)
    actor = acting_user(request)
    return _with_form(
        request,
        decision_id,
        RecogniseForm(request.POST),
        lambda d: services.recognise(actor=actor, decision_id=decision_id, number=d["number"], on=d["on"]),
        _("Đã công nhận kết quả."),
        _("Công nhận"),
    )


@login_required
@require_POST
def refuse_recognition(request: HttpRequest, decision_id: int) -> HttpResponse:
    _decision(request, decision_id, DecisionPerm.RECOGNISE)
    actor = acting_user(request)
    return _with_form(
        request,
        decision_id,
        RefuseForm(request.POST),
        lambda d: services.refuse_recognition(actor=actor, decision_id=decision_id, reason=d["reason"]),
        _("Đã ghi không công nhận; có thể tổ chức lại."),
        _("Không công nhận"),
    )


@login_required
@require_POST
def implemented(request: HttpRequest, decision_id: int) -> HttpResponse:
    _decision(request, decision_id, DecisionPerm.MANAGE)
    actor = acting_user(request)
    return _with_form(
        request,
        decision_id,
        DayForm(request.POST),
        lambda d: services.mark_implemented(actor=actor, decision_id=decision_id, on=d["on"]),
        _("Đã ghi hoàn thành tổ chức thực hiện."),
        _("Hoàn thành"),
    )


@login_required
@require_POST
def rerun(request: HttpRequest, decision_id: int) -> HttpResponse:
    actor = acting_user(request)
    try:
        new = services.rerun(actor=actor, decision_id=decision_id)
    except PermissionDeniedError:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
        return _back(decision_id)
    messages.success(request, _("Đã tạo dự thảo tổ chức lại."))
    return _back(new.pk)


@login_required
@require_POST
def task(request: HttpRequest, decision_id: int) -> HttpResponse:
    _decision(request, decision_id, DecisionPerm.MANAGE)
    actor = acting_user(request)
    return _with_form(
        request,
        decision_id,
        TaskForm(request.POST),
        lambda d: services.open_implementation_task(
            actor=actor, decision_id=decision_id, title=d["title"], due_on=d["due_on"]
        ),
        _("Đã giao nhiệm vụ thực hiện; theo dõi trong Nhiệm vụ của kế hoạch."),
        _("Nhiệm vụ"),
    )
