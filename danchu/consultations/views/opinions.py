"""Officials' pages on opinions: the list to answer (filtered), entering paper records, suggested groups,
answering one opinion or a group, hiding with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danchu.accounts.actors import acting_user
from danchu.core import policy
from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.core.forms import attempt, refuse
from danchu.core.paging import paginate

from .. import selectors, services
from ..forms import ENTRY_ROWS, AnswerForm, GroupForm, HideForm, RecordForm
from ..models import Opinion, ResponseKind
from ..permissions import ConsultationPerm


@login_required
def opinions(request: HttpRequest, consultation_id: int) -> HttpResponse:
    """Ý kiến: every opinion with its source and answer; filters "unanswered" and by section."""
    consultation = selectors.access_consultation(
        actor=acting_user(request), consultation_id=consultation_id, perm=ConsultationPerm.VIEW
    )
    rows = selectors.opinions(consultation)
    unanswered = request.GET.get("chua-tra-loi") == "1"
    if unanswered:
        rows = rows.filter(hidden_at__isnull=True, response__isnull=True)
    section = request.GET.get("phan", "")
    if section.isdigit():
        rows = rows.filter(section_id=int(section))
    return render(
        request,
        "consultations/opinions.html",
        {
            "c": consultation,
            "unit": consultation.unit,
            "page": paginate(request, rows.order_by("section_id", "id"), per_page=50),
            "sections": selectors.sections(consultation),
            "section": section,
            "only_unanswered": unanswered,
            "unanswered": selectors.unanswered_count(consultation),
            "groups": selectors.groups(consultation),
            "kinds": ResponseKind.choices,
            "can_manage": policy.allowed(request.user, ConsultationPerm.MANAGE, consultation),
            "hide_form": HideForm(),
        },
    )


@login_required
def record(request: HttpRequest, consultation_id: int) -> HttpResponse:
    """Nhập ý kiến từ biên bản, hòm thư, đường dây nóng, phiếu, văn bản của tổ chức."""
    consultation = selectors.access_consultation(
        actor=acting_user(request), consultation_id=consultation_id, perm=ConsultationPerm.RECORD
    )
    rows = request.GET.get("dong", "")
    count = int(rows) if rows.isdigit() else ENTRY_ROWS
    form = RecordForm(
        request.POST or None,
        sections=selectors.sections(consultation),
        rows=count,
        initial={"held_on": timezone.localdate().strftime("%d/%m/%Y")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            source = services.record(
                actor=acting_user(request),
                consultation=consultation,
                kind=data["kind"],
                channel=data["channel"],
                held_on=data["held_on"],
                reference=data["reference"],
                note=data["note"],
                entries=[services.Entry(**e) for e in form.entries()],
            )
        except PermissionDeniedError:
            raise
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Đã nhập %(n)s ý kiến từ hồ sơ.") % {"n": source.opinions.count()})
            return redirect("consultations:opinions", consultation.pk)
    context = {"c": consultation, "unit": consultation.unit, "form": form, "more": count + ENTRY_ROWS}
    return render(request, "consultations/record.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def answer(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = selectors.access_consultation(
        actor=acting_user(request), consultation_id=consultation_id, perm=ConsultationPerm.MANAGE
    )
    form = AnswerForm(request.POST)
    if not form.is_valid():
        refuse(request, form, about=_("Trả lời ý kiến"))
    else:
        data = form.cleaned_data
        attempt(
            request,
            lambda: services.answer(
                actor=acting_user(request),
                consultation=consultation,
                kind=data["kind"],
                text=data["text"],
                opinion_ids=form.opinion_ids(),
                group_id=data["group"] or None,
                same_as_id=data["same_as"],
            ),
            _("Đã lưu câu trả lời."),
        )
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("consultations:opinions", consultation.pk)


@login_required
def groups(request: HttpRequest, consultation_id: int) -> HttpResponse:
    """Gợi ý nhóm ý kiến tương tự (GET) and confirming one (POST with the opinions ticked)."""
    consultation = selectors.access_consultation(
        actor=acting_user(request), consultation_id=consultation_id, perm=ConsultationPerm.VIEW
    )
    if request.method == "POST":
        consultation = selectors.access_consultation(
            actor=acting_user(request), consultation_id=consultation_id, perm=ConsultationPerm.MANAGE
        )
        form = GroupForm(request.POST)
        if not form.is_valid():
            refuse(request, form, about=_("Nhóm ý kiến"))
        else:
            attempt(
                request,
                lambda: services.confirm_group(
                    actor=acting_user(request),
                    consultation=consultation,
                    opinion_ids=request.POST.getlist("opinions"),
                    label=form.cleaned_data["label"],
                ),
                _("Đã xác nhận nhóm ý kiến; một câu trả lời sẽ dùng cho cả nhóm."),
            )
        return redirect("consultations:groups", consultation.pk)
    suggestions = services.suggestions(consultation)
    wanted = {pk for s in suggestions for pk in s.ids}
    by_id = {o.pk: o for o in Opinion.objects.filter(pk__in=wanted).select_related("section")}
    return render(
        request,
        "consultations/groups.html",
        {
            "c": consultation,
            "unit": consultation.unit,
            "suggestions": [(s, [by_id[pk] for pk in s.ids if pk in by_id]) for s in suggestions],
            "groups": selectors.groups(consultation),
            "can_manage": policy.allowed(request.user, ConsultationPerm.MANAGE, consultation),
            "answer_form": AnswerForm(),
            "kinds": ResponseKind.choices,
        },
    )


@login_required
@require_POST
def hide(request: HttpRequest, opinion_id: int) -> HttpResponse:
    opinion = selectors.access_opinion(
        actor=acting_user(request), opinion_id=opinion_id, perm=ConsultationPerm.MANAGE
    )
    form = HideForm(request.POST)
    if not form.is_valid():
        refuse(request, form, about=_("Ẩn ý kiến"))
    else:
        attempt(
            request,
            lambda: services.hide(
                actor=acting_user(request), opinion=opinion, reason=form.cleaned_data["reason"]
            ),
            _("Đã ẩn ý kiến (vẫn lưu trong hồ sơ)."),
        )
    return redirect("consultations:opinions", opinion.consultation_id)
