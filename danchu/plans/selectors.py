"""Reads of plans; views and services reach a plan, an item or a task through its `access_*` door."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Avg, Case, Count, F, Prefetch, Q, QuerySet, When
from django.utils import timezone
from django.utils.translation import gettext_noop

from danchu.accounts.permissions import active_assignments
from danchu.core import policy
from danchu.core.access import access
from danchu.core.actors import Actor
from danchu.core.errors import PermissionDeniedError
from danchu.core.lookup import get_or_404
from danchu.core.policy import Perm
from danchu.units.models import Unit

from .models import (
    AssignmentRole,
    Directive,
    DirectiveKind,
    ItemAssignment,
    Obligation,
    Plan,
    PlanItem,
    PlanStatus,
    ProgressMode,
    Task,
    TaskStatus,
)
from .permissions import PlanPerm


def access_plan(*, actor: Actor | None, plan_id: int | str, perm: Perm, for_write: bool = False) -> Plan:
    """The plan if `actor` may do `perm` on it (404, 403); locked till the transaction ends if `for_write`."""
    queryset = Plan.objects.select_related("unit", "agency", "parent")
    return access(
        queryset, plan_id, actor=actor, perm=perm, label=gettext_noop("kế hoạch"), for_write=for_write
    )


def access_item(*, actor: Actor | None, item_id: int | str, perm: Perm, for_write: bool = False) -> PlanItem:
    queryset = PlanItem.objects.select_related("plan", "plan__unit", "section")
    return access(
        queryset, item_id, actor=actor, perm=perm, label=gettext_noop("nội dung"), for_write=for_write
    )


def plans_under(unit: Unit) -> QuerySet[Plan]:
    """Plans issued by the unit or any unit below it, newest first, with their item counts."""
    return (
        Plan.objects.filter(unit__path__startswith=unit.path)
        .select_related("unit")
        .annotate(item_count=Count("items"))
        .order_by("-year", "-id")
    )


def items_with_assignments(plan: Plan) -> list[PlanItem]:
    assignments = Prefetch("assignments", queryset=ItemAssignment.objects.select_related("agency"))
    tasks = Prefetch("tasks", queryset=Task.objects.select_related("assignment").order_by("id"))
    return list(plan.items.select_related("section").prefetch_related(assignments, tasks).order_by("order"))


def unmatched_agency_names(plan: Plan) -> list[str]:
    """Names the plan gives to agencies the unit's register does not have: proposals to create."""
    names = (
        ItemAssignment.objects.filter(item__plan=plan, agency__isnull=True)
        .exclude(Q(name__istartswith="các ") | Q(name__icontains=","))
        .values_list("name", flat=True)
        .distinct()
    )
    return sorted(set(names))


@dataclass(frozen=True)
class DirectiveCompleteness:
    """Bảng hoàn thành of one directive: how many units owe it, and how they stand today."""

    directive: Directive
    expected: int
    on_time: int
    late: int
    overdue: int  # not done and past the date
    pending: int  # not done, not yet due


def completeness(plan: Plan, *, today: dt.date | None = None) -> list[DirectiveCompleteness]:
    """Per directive, in one aggregate query over the obligations."""
    today = today or timezone.localdate()
    rows = (
        Obligation.objects.filter(directive__plan=plan)
        .values("directive_id")
        .annotate(
            n_expected=Count("id"),
            n_on_time=Count("id", filter=Q(fulfilled_at__isnull=False, fulfilled_at__date__lte=F("due_on"))),
            n_late=Count("id", filter=Q(fulfilled_at__isnull=False, fulfilled_at__date__gt=F("due_on"))),
            n_overdue=Count("id", filter=Q(fulfilled_at__isnull=True, due_on__lt=today)),
            n_pending=Count("id", filter=Q(fulfilled_at__isnull=True, due_on__gte=today)),
        )
    )
    by_directive = {row["directive_id"]: row for row in rows}
    result = []
    for directive in plan.directives.all():
        row = by_directive.get(directive.pk)
        if row is None:
            continue
        result.append(
            DirectiveCompleteness(
                directive=directive,
                expected=row["n_expected"],
                on_time=row["n_on_time"],
                late=row["n_late"],
                overdue=row["n_overdue"],
                pending=row["n_pending"],
            )
        )
    return result


def obligations_of_directive(directive: Directive) -> QuerySet[Obligation]:
    return directive.obligations.select_related("unit", "fulfilled_by_plan").order_by(
        "fulfilled_at", "unit__name_key"
    )


def open_obligations(unit: Unit) -> QuerySet[Obligation]:
    """What upper levels still expect from this unit, soonest first."""
    return (
        Obligation.objects.filter(unit=unit, fulfilled_at__isnull=True)
        .select_related("directive", "directive__plan", "directive__plan__unit")
        .order_by("due_on")
    )


def parent_choices(plan: Plan) -> QuerySet[Plan]:
    """Issued plans of this unit's ancestors that ask it for a plan: what this draft may answer."""
    return (
        Plan.objects.filter(
            directives__kind=DirectiveKind.PLAN,
            directives__obligations__unit=plan.unit,
            status=PlanStatus.ISSUED,
        )
        .select_related("unit")
        .distinct()
        .order_by("-year", "-id")
    )


def access_task(*, actor: Actor | None, task_id: int | str, perm: Perm, for_write: bool = False) -> Task:
    """The task if `actor` may do `perm` on its plan, or works for the task's own agency: that agency
    reports on its task (`perm` MANAGE) although its role gives no right to manage the plan."""
    queryset = Task.objects.select_related("unit", "plan", "plan__unit", "item", "assignment", "agency")
    try:
        return access(
            queryset, task_id, actor=actor, perm=perm, label=gettext_noop("nhiệm vụ"), for_write=for_write
        )
    except PermissionDeniedError:
        # The door found the task (and locked it with `for_write`); the policy knows roles, not agencies.
        task = queryset.get(pk=task_id)
        if not holds_agency(actor, task.agency_id):
            raise
        return task


def may_update_task(actor: Actor | None, task: Task) -> bool:
    """The task's own agency reports on it; the plan's managers may too."""
    return policy.allowed(actor, PlanPerm.MANAGE, task) or holds_agency(actor, task.agency_id)


def holds_agency(actor: Actor | None, agency_id: int | None) -> bool:
    """Whether the actor works for this agency (an active role held through it)."""
    return (
        agency_id is not None
        and actor is not None
        and actor.is_authenticated
        and any(a.agency_id == agency_id for a in active_assignments(actor))
    )


def open_tasks_first(*, agency_id: int | None = None, unit: Unit | None = None) -> QuerySet[Task]:
    """Nhiệm vụ của tôi: one agency's tasks, or all tasks a unit gave (of its issued plans, and those other
    apps opened); open first, soonest due first."""
    tasks = Task.objects.filter(Q(plan__status=PlanStatus.ISSUED) | Q(plan__isnull=True))
    tasks = tasks.filter(agency_id=agency_id) if agency_id is not None else tasks.filter(unit=unit)
    return tasks.select_related("plan", "item", "assignment", "agency").order_by(
        Case(When(status=TaskStatus.DONE, then=1), default=0), "due_on", "id"
    )


def tasks_of_source(source: str, source_ids: Iterable[int]) -> list[Task]:
    """The tasks other apps opened for their records (`source` "<app>.<model>"), in one query, by record
    then due date: a dialogue's commitments, a decision's implementation."""
    rows = Task.objects.filter(source=source, source_id__in=list(source_ids)).select_related("agency", "unit")
    return list(rows.order_by("source_id", "due_on", "id"))


def item_progress(plan: Plan) -> dict[int, int]:
    """Each item's progress: the average of its lead and implementing tasks (coordinators support)."""
    rows = (
        Task.objects.filter(plan=plan)
        .exclude(role=AssignmentRole.COORDINATING)
        .values("item_id")
        .annotate(average=Avg("progress"))
    )
    return {row["item_id"]: round(row["average"] or 0) for row in rows}


def plan_progress(plan: Plan, items: list[PlanItem]) -> int:
    """The plan's progress from its items, plain or weighted as the plan says (Decidim's results roll-up)."""
    progress = item_progress(plan)
    if not items:
        return 0
    if plan.progress_mode == ProgressMode.WEIGHTED:
        total = sum(float(item.weight) for item in items) or 1.0
        return round(sum(progress.get(item.pk, 0) * float(item.weight) for item in items) / total)
    return round(sum(progress.get(item.pk, 0) for item in items) / len(items))


def report_statistics(unit_ids: list[int], start: dt.date, end: dt.date) -> dict[int, dict[str, int]]:
    """What periodic reports can pre-fill from plans, per unit, in two aggregate queries: whether the
    unit issued a plan in the report's year, and its tasks (given, done, overdue at the cut-off)."""
    result: dict[int, dict[str, int]] = {
        unit_id: {"plan_issued": 0, "tasks_total": 0, "tasks_done": 0, "tasks_overdue": 0}
        for unit_id in unit_ids
    }
    issued = (
        Plan.objects.filter(unit_id__in=unit_ids, year=end.year)
        .exclude(status=PlanStatus.DRAFT)
        .values_list("unit_id", flat=True)
        .distinct()
    )
    for unit_id in issued:
        result[unit_id]["plan_issued"] = 1
    tasks = (
        Task.objects.filter(
            plan__unit_id__in=unit_ids, plan__status__in=[PlanStatus.ISSUED, PlanStatus.CLOSED]
        )
        .filter(plan__year=end.year)
        .values("plan__unit_id")
        .annotate(
            total=Count("id"),
            done=Count("id", filter=Q(status=TaskStatus.DONE, done_on__lte=end)),
            overdue=Count("id", filter=Q(due_on__lt=end) & ~Q(status=TaskStatus.DONE, done_on__lte=end)),
        )
    )
    for row in tasks:
        result[row["plan__unit_id"]].update(
            tasks_total=row["total"], tasks_done=row["done"], tasks_overdue=row["overdue"]
        )
    return result


def access_directive(
    *, actor: Actor | None, directive_id: int | str, perm: Perm, for_write: bool = False
) -> Directive:
    """A plan's directive, through its plan's door: a directive is the plan's, so `perm` is asked of the
    plan (and with `for_write` the plan's row is locked). 404 for a missing directive, 403 for a
    forbidden one."""
    directive = get_or_404(Directive.objects.all(), directive_id, gettext_noop("yêu cầu"))
    directive.plan = access(
        Plan.objects.select_related("unit"),
        directive.plan_id,
        actor=actor,
        perm=perm,
        label=gettext_noop("kế hoạch"),
        for_write=for_write,
    )
    return directive
