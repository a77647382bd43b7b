"""Officials' pages: a unit's decisions, drafting one, a decision's page, its documents."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danchu.accounts.actors import acting_user
from danchu.core import policy
from danchu.core.forms import submit
from danchu.core.paging import paginate
from danchu.units import selectors as unit_selectors

from .. import export, selectors, services, tasks
from ..forms import (
    AttendanceForm,
    AuthoriseForm,
    CountsForm,
    DayForm,
    DecisionForm,
    PaperForm,
    ProceduralForm,
    RecogniseForm,
    RefuseForm,
    StepForm,
    SwitchForm,
    TaskForm,
)
from ..models import Attendance, Conflict, Decision, Election, Mandate, PaperBallot, State
from ..permissions import DecisionPerm


@login_required
def unit_list(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Việc bàn và quyết định của đơn vị (its subtree)."""
    actor = acting_user(request)
    unit = unit_selectors.access_unit(actor=actor, unit_id=unit_id, perm=DecisionPerm.VIEW)
    return render(
        request,
        "decisions/unit_list.html",
        {
            "unit": unit,
            "ancestors": unit_selectors.ancestors(unit),
            "page": paginate(request, selectors.unit_decisions(actor, unit.path)),
            "initiatives": selectors.unit_initiatives(unit)[:50],
            "can_manage": policy.allowed(actor, DecisionPerm.MANAGE, unit)
            and (unit.is_village or unit.is_commune),
        },
    )


def _specs(data: dict[str, Any]) -> list[services.QuestionSpec]:
    options: list[services.OptionSpec] = []
    for line in (data["options"] or "").splitlines():
        if not line.strip():
            continue
        label, _sep, amount = line.partition("|")
        digits = "".join(ch for ch in amount if ch.isdigit())
        options.append(services.OptionSpec(label.strip(), int(digits) if digits else None))
    return [services.QuestionSpec(data["question"], data["kind"], options, data["seats"] or 1)]


@login_required
def create(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Soạn việc bàn và quyết định."""
    actor = acting_user(request)
    unit = unit_selectors.access_unit(actor=actor, unit_id=unit_id, perm=DecisionPerm.MANAGE)
    form = DecisionForm(request.POST or None, initial={"seats": 1})
    if request.method == "POST":

        def save(data: dict[str, Any]) -> Decision:
            meeting_at = None
            if data["meeting_day"]:
                at = dt.datetime.combine(data["meeting_day"], data["meeting_time"] or dt.time(19, 30))
                meeting_at = timezone.make_aware(at)
            return services.create_decision(
                actor=actor,
                unit=unit,
                matter_code=data["matter"],
                title=data["title"],
                description=data["description"],
                questions=_specs(data),
                form=data["form"],
                secret=data["secret"],
                meeting_at=meeting_at,
                meeting_place=data["meeting_place"],
                closes_on=data["closes_on"],
                electronic_returns=data["electronic_returns"],
                online_preconditions={name: data[name] for name in services.ONLINE_PRECONDITIONS},
            )

        decision = submit(form, save)
        if decision is not None:
            messages.success(request, _("Đã lưu dự thảo. Kiểm tra rồi thông báo cho các hộ."))
            return redirect("decisions:detail", decision.pk)
    context = {"unit": unit, "ancestors": unit_selectors.ancestors(unit), "form": form}
    return render(request, "decisions/form.html", context, status=400 if form.errors else 200)


@login_required
def detail(request: HttpRequest, decision_id: int) -> HttpResponse:
    """Trang của việc bàn và quyết định: the step it is at and what the actor may do next."""
    actor = acting_user(request)
    decision = selectors.access_decision(actor=actor, decision_id=decision_id, perm=DecisionPerm.VIEW)
    questions = selectors.questions_of(decision)
    register_rows = decision.register.select_related("household").order_by("household__number")[:2000]
    attending = set(Attendance.objects.filter(decision=decision).values_list("household_id", flat=True))
    households = [
        (r.household_id, f"Hộ số {r.household.number}")
        for r in register_rows
        if r.household_id not in attending
    ]
    can = {
        perm: policy.allowed(actor, getattr(DecisionPerm, perm), decision)
        for perm in ("MANAGE", "RECORD", "RECOGNISE")
    }
    today = timezone.localdate().strftime("%d/%m/%Y")
    return render(
        request,
        "decisions/detail.html",
        {
            "decision": decision,
            "unit": decision.unit,
            "ancestors": unit_selectors.ancestors(decision.unit),
            "matter": selectors.matter_of(decision),
            "questions": questions,
            "status": selectors.meeting_status(decision),
            "result": selectors.compute_result(decision),
            "attendance": Attendance.objects.filter(decision=decision)
            .select_related("household")
            .order_by("id"),
            "conflicts": Conflict.objects.filter(decision=decision).select_related("household", "by")[:200],
            "procedural": decision.procedural_votes.all(),
            "paper_issued": (issued := PaperBallot.objects.filter(decision=decision).count()),
            "paper_ready": bool(issued) and can["MANAGE"] and tasks.paper_batch_ready(decision),
            "paper_returned": PaperBallot.objects.filter(decision=decision, returned=True).count(),
            "can_manage": can["MANAGE"],
            "can_record": can["RECORD"],
            "can_recognise": can["RECOGNISE"],
            "attendance_form": AttendanceForm(households=households),
            "authorise_form": AuthoriseForm(),
            "procedural_form": ProceduralForm(),
            "counts_form": CountsForm(questions=questions),
            "switch_form": SwitchForm(),
            "paper_form": PaperForm(questions=questions),
            "recognise_form": RecogniseForm(initial={"on": today}),
            "refuse_form": RefuseForm(),
            "day_form": DayForm(initial={"on": today}),
            "task_form": TaskForm(),
            "tasks": selectors.tasks_of(decision),
            "State": State,
            **_election(decision),
        },
    )


def _election(decision: Decision) -> dict[str, Any]:
    election = Election.objects.filter(decision=decision).first()
    if election is None:
        return {"election": None}
    return {
        "election": election,
        "steps": services.timeline(election),
        "mandates": Mandate.objects.filter(election=election).select_related("resident"),
        "step_form": StepForm(steps=[(k, v[1]) for k, v in services.MILESTONES.items()]),
    }


DOCUMENTS = {
    "giay-moi": export.invitation,
    "bien-ban": export.minutes,
    "kiem-phieu": export.tally_minutes,
}
TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@login_required
def document(request: HttpRequest, decision_id: int, kind: str, fmt: str) -> HttpResponse:
    """Giấy mời (Mẫu 01), biên bản (Mẫu 03), biên bản kiểm phiếu (Mẫu 02/04) as .docx or .pdf."""
    decision = selectors.access_decision(
        actor=acting_user(request), decision_id=decision_id, perm=DecisionPerm.VIEW
    )
    if kind not in DOCUMENTS or fmt not in TYPES:
        raise Http404
    layout = DOCUMENTS[kind](decision)
    body = export.as_docx(layout) if fmt == "docx" else export.as_pdf(layout)
    response = HttpResponse(body, content_type=TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{kind}-{decision.pk}.{fmt}"'
    return response


@login_required
def paper_batch(request: HttpRequest, decision_id: int) -> HttpResponseBase:
    """Phiếu giấy của mọi hộ, một tệp PDF: the file the background task stored, once it is current."""
    decision = selectors.access_decision(
        actor=acting_user(request), decision_id=decision_id, perm=DecisionPerm.MANAGE
    )
    if not tasks.paper_batch_ready(decision):
        messages.info(request, _("Tệp phiếu đang được tạo, chưa tải được. Vui lòng quay lại sau ít phút."))
        return redirect(reverse("decisions:detail", args=[decision.pk]) + "#ballots")
    return FileResponse(
        decision.paper_batch.open("rb"),
        as_attachment=True,
        filename=f"phieu-{decision.pk}.pdf",
        content_type="application/pdf",
    )
