"""Public pages: a commune's reception schedule and its coming sessions, its dialogues, one dialogue with
its answers and the progress of its commitments, and the form to register a question (signed in)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danchu.accounts.actors import acting_user
from danchu.core.forms import refuse, submit
from danchu.core.paging import paginate
from danchu.units import selectors as unit_selectors

from .. import schedule as sessions
from .. import selectors, services
from ..forms import RegisterQuestionForm
from ..models import DialogueQuestion
from ..permissions import ReceptionPerm


def public_schedule(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Lịch tiếp công dân của Chủ tịch UBND (công khai): the published schedule and the coming weeks."""
    unit = unit_selectors.public_unit(unit_id)
    today = timezone.localdate()
    schedule = selectors.published_schedule(unit)
    end = today + dt.timedelta(weeks=sessions.PUBLIC_WEEKS)
    coming = sessions.sessions(schedule, today, end) if schedule else []
    context = {
        "unit": unit,
        "ancestors": unit_selectors.ancestors(unit),
        "schedule": schedule,
        "coming": coming,
        "today": today,
        "weeks": sessions.PUBLIC_WEEKS,
    }
    return render(request, "reception/public_schedule.html", context)


def public_dialogues(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = unit_selectors.public_unit(unit_id)
    context = {
        "unit": unit,
        "ancestors": unit_selectors.ancestors(unit),
        "page": paginate(request, selectors.public_dialogues(unit)),
        "today": timezone.localdate(),
    }
    return render(request, "reception/public_dialogues.html", context)


def public_dialogue(request: HttpRequest, dialogue_id: int) -> HttpResponse:
    """A dialogue for everyone: the questions (asker named only if they agreed), answers, commitments and
    their progress; a signed-in person of the commune can register a question while it is open."""
    dialogue = selectors.public_dialogue(dialogue_id)
    selectors.attach_tasks(dialogue)
    today = timezone.localdate()
    actor = acting_user(request) if request.user.is_authenticated else None
    can_ask = actor is not None and dialogue.accepts_questions_on(today) and services.may_ask(actor, dialogue)
    context = {
        "dialogue": dialogue,
        "unit": dialogue.unit,
        "ancestors": unit_selectors.ancestors(dialogue.unit),
        "today": today,
        "can_ask": can_ask,
        "open": dialogue.accepts_questions_on(today),
        "form": RegisterQuestionForm() if can_ask else None,
        "for_others": can_ask and actor is not None and services.asks_for_others(actor, dialogue),
        "mine": selectors.questions_of_asker(dialogue, actor) if actor is not None else [],
    }
    return render(request, "reception/public_dialogue.html", context)


@login_required
@require_POST
def register_question(request: HttpRequest, dialogue_id: int) -> HttpResponse:
    """Đăng ký câu hỏi (người dân của xã, phường; Trưởng thôn ghi thay người trong thôn)."""
    dialogue = selectors.access_dialogue(
        actor=acting_user(request), dialogue_id=dialogue_id, perm=ReceptionPerm.ASK
    )
    form = RegisterQuestionForm(request.POST)
    if not form.is_valid():
        refuse(request, form, about=_("Câu hỏi"))
        return redirect("reception:public_dialogue", dialogue.pk)

    def save(data: dict[str, object]) -> DialogueQuestion:
        return services.register_question(
            actor=acting_user(request),
            dialogue=dialogue,
            text=str(data["text"]),
            show_name=bool(data["show_name"]),
            asker_name=str(data["asker_name"] or ""),
        )

    question = submit(form, save)
    if question is None:
        refuse(request, form, about=_("Câu hỏi"))
    else:
        messages.success(
            request, _("Đã đăng ký câu hỏi. Câu trả lời sẽ hiện trên trang này và trong thông báo của bạn.")
        )
    return redirect("reception:public_dialogue", dialogue.pk)
