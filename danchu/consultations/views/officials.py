"""Officials' pages: a commune's consultations, creating one with its draft, launching, revising (with the
section-by-section comparison), closing, publishing the synthesis and downloading its report."""

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
from danchu.core.forms import attempt, refuse, submit
from danchu.core.paging import paginate
from danchu.units import selectors as unit_selectors

from .. import diff, report, selectors, services
from ..forms import CloseForm, ConsultationForm, ReviseForm
from ..models import Consultation, State
from ..permissions import ConsultationPerm

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def unit_list(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Lấy ý kiến Nhân dân: the unit's consultations with their opinions and what is left to answer."""
    unit = unit_selectors.access_unit(actor=acting_user(request), unit_id=unit_id, perm=ConsultationPerm.VIEW)
    return render(
        request,
        "consultations/unit_list.html",
        {
            "unit": unit,
            "ancestors": unit_selectors.ancestors(unit),
            "page": paginate(request, selectors.of_unit(unit)),
            "can_manage": policy.allowed(request.user, ConsultationPerm.MANAGE, unit) and unit.is_commune,
        },
    )


@login_required
def create(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = unit_selectors.access_unit(
        actor=acting_user(request), unit_id=unit_id, perm=ConsultationPerm.MANAGE
    )
    form = ConsultationForm(request.POST or None, request.FILES or None, unit=unit)
    if request.method == "POST":

        def save(data: dict[str, Any]) -> Consultation:
            upload = data["file"]
            return services.create(
                actor=acting_user(request), unit=unit, matter_code=data["matter"], title=data["title"],
                summary=data["summary"], starts_on=data["starts_on"], ends_on=data["ends_on"],
                audience=data["audience"], villages=list(data["villages"]), agency=data["agency"],
                channels=data["channels"], file_name=upload.name, file_data=upload.read(),
            )  # fmt: skip

        consultation = submit(form, save)
        if consultation is not None:
            messages.success(request, _("Đã tạo đợt lấy ý kiến và tách dự thảo thành từng phần."))
            return redirect("consultations:detail", consultation.pk)
    context = {"unit": unit, "ancestors": unit_selectors.ancestors(unit), "form": form}
    return render(request, "consultations/form.html", context, status=400 if form.errors else 200)


@login_required
def detail(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = selectors.access_consultation(
        actor=acting_user(request), consultation_id=consultation_id, perm=ConsultationPerm.VIEW
    )
    revision = selectors.latest_revision(consultation)
    return render(
        request,
        "consultations/detail.html",
        {
            "c": consultation,
            "unit": consultation.unit,
            "ancestors": unit_selectors.ancestors(consultation.unit),
            "revision": revision,
            "sections": selectors.sections(consultation, revision),
            "whole": selectors.opinion_counts(consultation).get(None, 0),
            "unanswered": selectors.unanswered_count(consultation),
            "today": timezone.localdate(),
            "can_manage": policy.allowed(request.user, ConsultationPerm.MANAGE, consultation),
            "can_record": policy.allowed(request.user, ConsultationPerm.RECORD, consultation),
            "revise_form": ReviseForm(),
            "close_form": CloseForm(),
        },
    )


@login_required
@require_POST
def launch(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = selectors.access_consultation(
        actor=acting_user(request), consultation_id=consultation_id, perm=ConsultationPerm.MANAGE
    )
    attempt(
        request,
        lambda: services.launch(actor=acting_user(request), consultation=consultation),
        _("Đã phát động lấy ý kiến; người dân trong phạm vi được thông báo."),
    )
    return redirect("consultations:detail", consultation.pk)


@login_required
@require_POST
def revise(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = selectors.access_consultation(
        actor=acting_user(request), consultation_id=consultation_id, perm=ConsultationPerm.MANAGE
    )
    form = ReviseForm(request.POST, request.FILES)
    if not form.is_valid():
        refuse(request, form)
        return redirect("consultations:detail", consultation.pk)
    upload = form.cleaned_data["file"]
    done = attempt(
        request,
        lambda: services.revise(
            actor=acting_user(request),
            consultation=consultation,
            file_name=upload.name,
            file_data=upload.read(),
            note=form.cleaned_data["note"],
        ),
        _("Đã lưu dự thảo sửa đổi; ý kiến vẫn gắn với từng phần."),
    )
    return (
        redirect("consultations:diff", consultation.pk)
        if done
        else redirect("consultations:detail", consultation.pk)
    )


@login_required
def compare(request: HttpRequest, consultation_id: int) -> HttpResponse:
    """So sánh dự thảo: what revision n changed from n-1, section by section (default: the latest)."""
    consultation = selectors.access_consultation(
        actor=acting_user(request), consultation_id=consultation_id, perm=ConsultationPerm.VIEW
    )
    revisions = list(consultation.revisions.order_by("number"))
    try:
        number = int(request.GET.get("lan", revisions[-1].number))
    except ValueError:
        raise Http404 from None
    by_number = {r.number: r for r in revisions}
    if number not in by_number or number - 1 not in by_number:
        changes: list[diff.SectionChange] = []
    else:
        changes = diff.compare(by_number[number - 1], by_number[number])
    return render(
        request,
        "consultations/diff.html",
        {
            "c": consultation,
            "unit": consultation.unit,
            "revisions": revisions,
            "number": number,
            "changes": changes,
        },
    )


@login_required
@require_POST
def close(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = selectors.access_consultation(
        actor=acting_user(request), consultation_id=consultation_id, perm=ConsultationPerm.MANAGE
    )
    form = CloseForm(request.POST)
    if not form.is_valid():
        refuse(request, form)
    else:
        attempt(
            request,
            lambda: services.close(
                actor=acting_user(request),
                consultation=consultation,
                conclusion=form.cleaned_data["conclusion"],
            ),
            _("Đã kết thúc đợt lấy ý kiến."),
        )
    return redirect("consultations:detail", consultation.pk)


@login_required
@require_POST
def publish(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = selectors.access_consultation(
        actor=acting_user(request), consultation_id=consultation_id, perm=ConsultationPerm.MANAGE
    )
    attempt(
        request,
        lambda: services.publish_synthesis(actor=acting_user(request), consultation=consultation),
        _("Đã công khai kết quả tiếp thu, giải trình."),
    )
    return redirect("consultations:detail", consultation.pk)


@login_required
def report_file(request: HttpRequest, consultation_id: int, fmt: str) -> HttpResponse:
    consultation = selectors.access_consultation(
        actor=acting_user(request), consultation_id=consultation_id, perm=ConsultationPerm.VIEW
    )
    if consultation.state == State.DRAFT:
        raise Http404
    if fmt == "docx":
        response = HttpResponse(report.to_docx(consultation), content_type=DOCX)
    else:
        response = HttpResponse(report.to_pdf(consultation), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bao-cao-y-kien-{consultation.pk}.{fmt}"'
    return response
