"""Officials' pages of a direct dialogue: announce, questions, answers, commitments, minutes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danchu.accounts.actors import acting_user
from danchu.core.forms import attempt, refuse, submit
from danchu.core.paging import paginate

from .. import minutes, selectors, services
from ..forms import (
    AnswerQuestionForm,
    CancelForm,
    CommitmentForm,
    DialogueForm,
    MinutesForm,
    QuestionForm,
)
from ..models import Dialogue, DialogueState
from ..permissions import ReceptionPerm
from ..services.commitments import add_commitment
from .officials import _context, _unit

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def dialogue_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Thông báo buổi đối thoại trực tiếp."""
    unit = _unit(request, unit_id, ReceptionPerm.MANAGE)
    form = DialogueForm(request.POST or None)
    if request.method == "POST":

        def save(data: dict[str, Any]) -> Dialogue:
            return services.plan_dialogue(actor=acting_user(request), unit=unit, **data)

        dialogue = submit(form, save)
        if dialogue is not None:
            messages.success(request, _("Đã thông báo buổi đối thoại; cổng thông tin bắt đầu nhận câu hỏi."))
            return redirect("reception:dialogue", dialogue.pk)
    context = _context(request, unit, "dialogues", form=form)
    return render(request, "reception/dialogue_form.html", context, status=400 if form.errors else 200)


@login_required
def dialogue_list(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _unit(request, unit_id)
    rows = selectors.dialogues_of(unit).order_by("-held_on", "-id")
    context = _context(request, unit, "dialogues", page=paginate(request, rows))
    return render(request, "reception/dialogue_list.html", context)


@login_required
def dialogue_detail(request: HttpRequest, dialogue_id: int) -> HttpResponse:
    dialogue = selectors.read_dialogue(
        actor=acting_user(request), dialogue_id=dialogue_id, perm=ReceptionPerm.VIEW
    )
    unit = dialogue.unit
    today = timezone.localdate()
    selectors.attach_tasks(dialogue)
    context = _context(
        request,
        unit,
        "dialogues",
        dialogue=dialogue,
        today=today,
        held_or_today=dialogue.held_on <= today,
        question_form=QuestionForm(unit=unit),
        answer_form=AnswerQuestionForm(initial={"answered_by": dialogue.chair}),
        commitment_form=CommitmentForm(unit=unit),
        minutes_form=MinutesForm(initial={"attendance": None}),
        cancel_form=CancelForm(),
        planned=dialogue.state == DialogueState.PLANNED,
    )
    return render(request, "reception/dialogue.html", context)


@login_required
@require_POST
def dialogue_cancel(request: HttpRequest, dialogue_id: int) -> HttpResponse:
    dialogue = selectors.access_dialogue(
        actor=acting_user(request), dialogue_id=dialogue_id, perm=ReceptionPerm.MANAGE
    )
    form = CancelForm(request.POST)
    if not form.is_valid():
        refuse(request, form, about=_("Hủy buổi đối thoại"))
    else:
        attempt(
            request,
            lambda: services.cancel_dialogue(
                actor=acting_user(request), dialogue=dialogue, **form.cleaned_data
            ),
            _("Đã hủy buổi đối thoại."),
        )
    return redirect("reception:dialogue", dialogue.pk)


@login_required
@require_POST
def question_add(request: HttpRequest, dialogue_id: int) -> HttpResponse:
    """Ghi câu hỏi nêu tại buổi đối thoại, hoặc gửi qua Trưởng thôn bằng giấy."""
    dialogue = selectors.access_dialogue(
        actor=acting_user(request), dialogue_id=dialogue_id, perm=ReceptionPerm.MANAGE
    )
    form = QuestionForm(request.POST, unit=dialogue.unit)
    if not form.is_valid():
        refuse(request, form, about=_("Câu hỏi"))
    else:
        attempt(
            request,
            lambda: services.add_question(actor=acting_user(request), dialogue=dialogue, **form.cleaned_data),
            _("Đã ghi câu hỏi."),
        )
    return redirect("reception:dialogue", dialogue.pk)


@login_required
@require_POST
def question_answer(request: HttpRequest, question_id: int) -> HttpResponse:
    question = selectors.access_question(
        actor=acting_user(request), question_id=question_id, perm=ReceptionPerm.MANAGE
    )
    form = AnswerQuestionForm(request.POST)
    if not form.is_valid():
        refuse(request, form, about=_("Trả lời"))
    else:
        attempt(
            request,
            lambda: services.answer_question(
                actor=acting_user(request), question=question, **form.cleaned_data
            ),
            _("Đã ghi câu trả lời."),
        )
    return redirect(f"{_dialogue_url(question.dialogue_id)}#cau-hoi-{question.pk}")


@login_required
@require_POST
def commitment_add(request: HttpRequest, question_id: int) -> HttpResponse:
    """Ghi cam kết: it becomes a task the commune follows (plans), public until done."""
    question = selectors.access_question(
        actor=acting_user(request), question_id=question_id, perm=ReceptionPerm.MANAGE
    )
    form = CommitmentForm(request.POST, unit=question.dialogue.unit)
    if not form.is_valid():
        refuse(request, form, about=_("Cam kết"))
    else:
        attempt(
            request,
            lambda: add_commitment(actor=acting_user(request), question=question, **form.cleaned_data),
            _("Đã ghi cam kết và giao nhiệm vụ theo dõi."),
        )
    return redirect(f"{_dialogue_url(question.dialogue_id)}#cau-hoi-{question.pk}")


@login_required
def minutes_record(request: HttpRequest, dialogue_id: int) -> HttpResponse:
    """Lập biên bản buổi đối thoại."""
    dialogue = selectors.read_dialogue(
        actor=acting_user(request), dialogue_id=dialogue_id, perm=ReceptionPerm.MANAGE
    )
    form = MinutesForm(request.POST or None)
    if request.method == "POST":
        saved = submit(
            form, lambda data: services.record_minutes(actor=acting_user(request), dialogue=dialogue, **data)
        )
        if saved is not None:
            messages.success(request, _("Đã lập biên bản buổi đối thoại."))
            return redirect("reception:dialogue", dialogue.pk)
    context = _context(request, dialogue.unit, "dialogues", dialogue=dialogue, form=form)
    return render(request, "reception/minutes_form.html", context, status=400 if form.errors else 200)


@login_required
def minutes_download(request: HttpRequest, dialogue_id: int, kind: str) -> HttpResponse:
    """Tải biên bản (.docx hoặc PDF, thể thức Nghị định 30)."""
    dialogue = selectors.read_dialogue(
        actor=acting_user(request), dialogue_id=dialogue_id, perm=ReceptionPerm.VIEW
    )
    if dialogue.state != DialogueState.HELD:
        messages.error(request, _("Buổi đối thoại chưa có biên bản."))
        return redirect("reception:dialogue", dialogue.pk)
    docx = kind == "docx"
    data = minutes.to_docx(dialogue) if docx else minutes.to_pdf(dialogue)
    response = HttpResponse(data, content_type=DOCX_TYPE if docx else "application/pdf")
    name = f"bien-ban-doi-thoai-{dialogue.held_on:%Y%m%d}.{'docx' if docx else 'pdf'}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _dialogue_url(dialogue_id: int) -> str:
    return reverse("reception:dialogue", args=[dialogue_id])
