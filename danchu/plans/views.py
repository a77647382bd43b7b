"""Officials' plan pages: the unit's plans, upload, review side by side with the text, correct, issue."""

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
from danchu.accounts.workspace import current_workspace
from danchu.core import policy
from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.core.forms import attempt, refuse, submit
from danchu.core.paging import paginate
from danchu.units import selectors as unit_selectors
from danchu.units.models import Generation, Tier

from . import export, selectors, services
from .forms import IssueForm, ItemForm, PlanForm, TaskUpdateForm, UploadForm
from .models import Plan, PlanStatus
from .permissions import PlanPerm
from .timeframes import due_from_timeframe

# Product choice: the plan list shows the unit's most urgent open obligations, this many at most.
OBLIGATIONS_SHOWN = 50


@login_required
def plan_list(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = unit_selectors.access_unit(actor=request.user, unit_id=unit_id, perm=PlanPerm.VIEW)
    return render(
        request,
        "plans/plan_list.html",
        {
            "unit": unit,
            "ancestors": unit_selectors.ancestors(unit),
            "page": paginate(request, selectors.plans_under(unit)),
            "obligations": list(selectors.open_obligations(unit)[:OBLIGATIONS_SHOWN]),
            "today": timezone.localdate(),
            "can_manage": policy.allowed(request.user, PlanPerm.MANAGE, unit),
        },
    )


@login_required
def upload(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Tải lên kế hoạch: the file is read into a draft, then shown for review."""
    unit = unit_selectors.access_unit(actor=request.user, unit_id=unit_id, perm=PlanPerm.MANAGE)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":

        def read(data: dict[str, Any]) -> Plan:
            upload = data["file"]
            return services.import_plan(
                actor=acting_user(request), unit=unit, file_name=upload.name, data=upload.read()
            )

        plan = submit(form, read)
        if plan is not None:
            messages.success(request, _("Đã đọc kế hoạch. Hãy soát lại từng phần trước khi ban hành."))
            return redirect("plans:detail", plan.pk)
    return render(
        request,
        "plans/upload.html",
        {
            "unit": unit,
            "ancestors": unit_selectors.ancestors(unit),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def _plan_form(plan: Plan) -> PlanForm:
    return PlanForm(
        initial={
            "number": plan.number,
            "symbol": plan.symbol,
            "title": plan.title,
            "place": plan.place,
            "issued_on": plan.issued_on.strftime("%d/%m/%Y") if plan.issued_on else "",
            "year": plan.year,
            "signer_title": plan.signer_title,
            "signer_name": plan.signer_name,
            "progress_mode": plan.progress_mode,
        }
    )


@login_required
def detail(request: HttpRequest, plan_id: int, form: PlanForm | None = None) -> HttpResponse:
    """Kế hoạch: the structure beside the original text; a draft can be corrected in place."""
    plan = selectors.access_plan(actor=request.user, plan_id=plan_id, perm=PlanPerm.VIEW)
    can_edit = plan.is_draft and policy.allowed(request.user, PlanPerm.MANAGE, plan)
    items = selectors.items_with_assignments(plan)
    for item in items:
        # The form shows a due date only when set by hand; otherwise it follows the time frame.
        item.manual_due = item.due_on != due_from_timeframe(item.timeframe_text, plan.year)  # type: ignore[attr-defined]
    return render(
        request,
        "plans/detail.html",
        {
            "plan": plan,
            "unit": plan.unit,
            "ancestors": unit_selectors.ancestors(plan.unit),
            "sections": list(plan.sections.all()),
            "items": items,
            "directives": list(plan.directives.all()),
            "legal_bases": list(plan.legal_bases.all()),
            "proposals": selectors.unmatched_agency_names(plan) if can_edit else [],
            "can_edit": can_edit,
            "plan_form": form or _plan_form(plan),
            "issue_form": IssueForm(choices=_tier_choices(plan)) if can_edit else None,
            "parent_choices": list(selectors.parent_choices(plan)) if can_edit else [],
            "completeness": selectors.completeness(plan) if not plan.is_draft else [],
            "can_start_from": _can_start_from(request, plan),
            "can_manage": policy.allowed(request.user, PlanPerm.MANAGE, plan),
            "progress": selectors.plan_progress(plan, items) if not plan.is_draft else None,
            "item_progress": selectors.item_progress(plan) if not plan.is_draft else {},
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_POST
def correct(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.access_plan(actor=request.user, plan_id=plan_id, perm=PlanPerm.MANAGE)
    form = PlanForm(request.POST)
    if submit(form, lambda d: services.correct_plan(actor=acting_user(request), plan=plan, **d)) is None:
        return detail(request, plan.pk, form=form)
    messages.success(request, _("Đã lưu thông tin chung của kế hoạch."))
    return redirect("plans:detail", plan.pk)


@login_required
@require_POST
def correct_item(request: HttpRequest, item_id: int) -> HttpResponse:
    item = selectors.access_item(actor=request.user, item_id=item_id, perm=PlanPerm.MANAGE)
    form = ItemForm(request.POST)
    if submit(form, lambda d: services.correct_item(actor=acting_user(request), item=item, **d)) is not None:
        messages.success(request, _("Đã lưu nội dung %(item_path)s.") % {"item_path": item.path})
    else:
        refuse(request, form, about=item.path)
    return redirect(reverse("plans:detail", args=[item.plan_id]) + f"#item-{item.pk}")


@login_required
@require_POST
def create_agencies(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.access_plan(actor=request.user, plan_id=plan_id, perm=PlanPerm.MANAGE)
    names = request.POST.getlist("name")  # the service keeps those the draft still proposes
    try:
        created = services.create_proposed_agencies(actor=acting_user(request), plan=plan, names=names)
    except PermissionDeniedError:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Đã thêm %(len)s cơ quan vào danh mục của đơn vị.") % {"len": len(created)}
        )
    return redirect("plans:detail", plan.pk)


def _can_start_from(request: HttpRequest, plan: Plan) -> bool:
    """A subordinate unit's manager may start its own plan from an issued upper-level plan."""
    role = current_workspace(request).current
    unit = role.unit if role is not None else None
    return bool(
        unit is not None
        and plan.status == PlanStatus.ISSUED
        and unit.pk != plan.unit_id
        and unit.path.startswith(plan.unit.path)
        and policy.allowed(request.user, PlanPerm.MANAGE, unit)
    )


def _tier_choices(plan: Plan) -> list[tuple[int, str]]:
    """The tiers below the issuer that exist in its tree (no districts after 01/7/2025)."""
    tiers = [Tier.DISTRICT, Tier.COMMUNE] if plan.unit.generation == Generation.LEGACY else [Tier.COMMUNE]
    return [(tier, str(Tier(tier).label)) for tier in tiers if tier > plan.unit.tier]


@login_required
@require_POST
def issue(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.access_plan(actor=request.user, plan_id=plan_id, perm=PlanPerm.MANAGE)
    form = IssueForm(request.POST, choices=_tier_choices(plan))
    if not form.is_valid():
        refuse(request, form)
        return redirect("plans:detail", plan.pk)
    tiers = form.cleaned_data["cascade_tiers"]
    attempt(
        request,
        lambda: services.issue_plan(actor=acting_user(request), plan=plan, cascade_tiers=tiers),
        _("Đã ban hành kế hoạch."),
    )
    return redirect("plans:detail", plan.pk)


@login_required
@require_POST
def link_parent(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.access_plan(actor=request.user, plan_id=plan_id, perm=PlanPerm.MANAGE)
    choices = {str(p.pk): p for p in selectors.parent_choices(plan)}
    parent = choices.get(request.POST.get("parent", ""))
    attempt(
        request,
        lambda: services.link_parent(actor=acting_user(request), plan=plan, parent=parent),
        _("Đã gắn với kế hoạch cấp trên.") if parent else _("Đã bỏ gắn với kế hoạch cấp trên."),
    )
    return redirect("plans:detail", plan.pk)


@login_required
def completeness(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Bảng hoàn thành: which subordinate units answered each directive, on time, late, or not yet."""
    plan = selectors.access_plan(actor=request.user, plan_id=plan_id, perm=PlanPerm.MONITOR)
    summary = selectors.completeness(plan)
    chosen = next(
        (row for row in summary if str(row.directive.pk) == request.GET.get("yeu-cau")),
        summary[0] if summary else None,
    )
    page = paginate(request, selectors.obligations_of_directive(chosen.directive)) if chosen else None
    return render(
        request,
        "plans/completeness.html",
        {
            "plan": plan,
            "unit": plan.unit,
            "ancestors": unit_selectors.ancestors(plan.unit),
            "summary": summary,
            "chosen": chosen,
            "page": page,
            "today": timezone.localdate(),
        },
    )


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    """Nhiệm vụ của tôi: tasks of the agency of the role in use; a unit manager sees all the unit's tasks."""
    role = current_workspace(request).current
    if role is None or role.unit is None:
        raise PermissionDeniedError()
    if role.agency_id is not None:
        agency = unit_selectors.access_agency(
            actor=request.user, agency_id=role.agency_id, perm=PlanPerm.VIEW
        )
        tasks = selectors.open_tasks_first(agency_id=agency.pk)
        scope = agency.name
    else:
        unit = unit_selectors.access_unit(actor=request.user, unit_id=role.unit.pk, perm=PlanPerm.MANAGE)
        tasks = selectors.open_tasks_first(unit=unit)
        scope = unit.name
    return render(
        request,
        "plans/my_tasks.html",
        {
            "page": paginate(request, tasks),
            "scope": scope,
            "today": timezone.localdate(),
        },
    )


@login_required
def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    task = selectors.access_task(actor=request.user, task_id=task_id, perm=PlanPerm.VIEW)
    form = TaskUpdateForm(
        request.POST or None,
        request.FILES or None,
        initial={"status": task.status, "progress": task.progress},
    )
    if request.method == "POST":

        def update(data: dict[str, Any]) -> object:
            evidence = data.get("evidence")
            return services.update_task(
                actor=acting_user(request),
                task=task,
                status=data["status"],
                progress=data["progress"],
                note=data["note"],
                evidence_name=evidence.name if evidence else "",
                evidence_data=evidence.read() if evidence else b"",
            )

        if submit(form, update) is not None:
            messages.success(request, _("Đã cập nhật tiến độ."))
            return redirect("plans:task", task.pk)
    return render(
        request,
        "plans/task.html",
        {
            "task": task,
            "form": form,
            "updates": list(task.updates.select_related("author")),
            "can_update": selectors.may_update_task(request.user, task),
            "today": timezone.localdate(),
        },
        status=400 if form.errors else 200,
    )


@login_required
def download(request: HttpRequest, plan_id: int, kind: str) -> HttpResponse:
    """Tải về: the plan, or its completeness table, as .docx or PDF in the Decree 30 layout."""
    monitoring = kind.startswith("hoan-thanh")
    perm = PlanPerm.MONITOR if monitoring else PlanPerm.VIEW
    plan = selectors.access_plan(actor=request.user, plan_id=plan_id, perm=perm)
    docx = kind.endswith(".docx")
    if monitoring:
        data = export.completeness_docx(plan) if docx else export.completeness_pdf(plan)
        stem = f"tinh-hinh-thuc-hien-{plan.pk}"
    else:
        data = export.to_docx(plan) if docx else export.to_pdf(plan)
        stem = f"ke-hoach-{plan.number or plan.pk}-{plan.year}"
    response = HttpResponse(data, content_type=DOCX_TYPE if docx else "application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{stem}{".docx" if docx else ".pdf"}"'
    return response


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
@require_POST
def start_from(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Lập dự thảo từ kế hoạch cấp trên, for the unit of the role in use."""
    parent = selectors.access_plan(actor=request.user, plan_id=plan_id, perm=PlanPerm.VIEW)
    role = current_workspace(request).current
    if role is None or role.unit is None:
        raise PermissionDeniedError()
    try:
        plan = services.draft_from_parent(actor=acting_user(request), unit=role.unit, parent=parent)
    except PermissionDeniedError:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("plans:detail", parent.pk)
    messages.success(request, _("Đã lập dự thảo từ kế hoạch cấp trên. Hãy giao cơ quan cho từng nội dung."))
    return redirect("plans:detail", plan.pk)


@login_required
@require_POST
def close(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.access_plan(actor=request.user, plan_id=plan_id, perm=PlanPerm.MANAGE)
    note = request.POST.get("note", "")
    attempt(
        request,
        lambda: services.close_plan(actor=acting_user(request), plan=plan, note=note),
        _("Đã tổng kết kế hoạch."),
    )
    return redirect("plans:detail", plan.pk)
