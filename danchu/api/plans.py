from __future__ import annotations

from django.http import HttpRequest
from ninja import File, Router, Schema, Status, UploadedFile

from danchu.accounts.actors import acting_user
from danchu.plans import selectors, services
from danchu.plans.models import Plan, PlanItem, Task
from danchu.plans.permissions import PlanPerm
from danchu.units import selectors as unit_selectors

from .base import AUTH, ERRORS, IsoDate

router = Router(tags=["plans"])
# Product choice: a unit's plans listed at most this many at once, newest first.
PLANS_LISTED = 500


class PlanOut(Schema):
    id: int
    unit_id: int
    number: str
    symbol: str
    title: str
    place: str
    issued_on: IsoDate | None
    date_partial: str
    year: int
    status: str
    signer_title: str
    signer_name: str
    recipients: list[str]


class AssignmentOut(Schema):
    role: str
    name: str
    agency_id: int | None


class PlanItemOut(Schema):
    id: int
    path: str
    heading: str
    timeframe_text: str
    due_on: IsoDate | None
    assignments: list[AssignmentOut]

    @staticmethod
    def resolve_assignments(obj: PlanItem) -> list[object]:
        return list(obj.assignments.all())


class DirectiveOut(Schema):
    kind: str
    due_on: IsoDate | None
    window_start: IsoDate | None
    due_text: str
    receiver_text: str


class PlanDetailOut(PlanOut):
    items: list[PlanItemOut]
    directives: list[DirectiveOut]
    legal_bases: list[str]

    @staticmethod
    def resolve_items(obj: Plan) -> list[PlanItem]:
        return selectors.items_with_assignments(obj)

    @staticmethod
    def resolve_directives(obj: Plan) -> list[object]:
        return list(obj.directives.all())

    @staticmethod
    def resolve_legal_bases(obj: Plan) -> list[str]:
        return [basis.text for basis in obj.legal_bases.all()]


@router.get(
    "/units/{unit_id}/plans",
    response={200: list[PlanOut], **ERRORS},
    auth=AUTH,
    summary="Kế hoạch của đơn vị và các đơn vị cấp dưới",
)
def list_plans(request: HttpRequest, unit_id: int) -> list[Plan]:
    unit = unit_selectors.access_unit(actor=request.user, unit_id=unit_id, perm=PlanPerm.VIEW)
    return list(selectors.plans_under(unit)[:PLANS_LISTED])


@router.post(
    "/units/{unit_id}/plans",
    response={201: PlanDetailOut, **ERRORS},
    auth=AUTH,
    summary="Tải lên một kế hoạch (.docx, .pdf, .txt, .md): lưu dạng dự thảo",
)
def import_plan(request: HttpRequest, unit_id: int, file: File[UploadedFile]) -> Status[Plan]:
    unit = unit_selectors.access_unit(actor=request.user, unit_id=unit_id, perm=PlanPerm.MANAGE)
    plan = services.import_plan(
        actor=acting_user(request), unit=unit, file_name=file.name or "", data=file.read()
    )
    return Status(201, plan)


@router.get("/plans/{plan_id}", response={200: PlanDetailOut, **ERRORS}, auth=AUTH)
def get_plan(request: HttpRequest, plan_id: int) -> Plan:
    return selectors.access_plan(actor=request.user, plan_id=plan_id, perm=PlanPerm.VIEW)


@router.post("/plans/{plan_id}/issue", response={200: PlanOut, **ERRORS}, auth=AUTH, summary="Ban hành")
def issue(request: HttpRequest, plan_id: int) -> Plan:
    plan = selectors.access_plan(actor=request.user, plan_id=plan_id, perm=PlanPerm.MANAGE)
    return services.issue_plan(actor=acting_user(request), plan=plan)


class TaskOut(Schema):
    id: int
    unit_id: int
    plan_id: int | None  # None for a task another app opened (its `source`)
    item_path: str
    heading: str
    source: str
    source_id: int | None
    agency_name: str
    role: str
    due_on: IsoDate
    status: str
    progress: int

    @staticmethod
    def resolve_item_path(obj: Task) -> str:
        return obj.item.path if obj.item is not None else ""

    @staticmethod
    def resolve_agency_name(obj: Task) -> str:
        if obj.assignment is not None:
            return obj.assignment.name
        return obj.agency.name if obj.agency is not None else ""


class TaskUpdateIn(Schema):
    status: str
    progress: int
    note: str = ""


class DirectiveCompletenessOut(Schema):
    directive_id: int
    kind: str
    due_on: IsoDate | None
    expected: int
    on_time: int
    late: int
    overdue: int
    pending: int


@router.get("/plans/{plan_id}/tasks", response={200: list[TaskOut], **ERRORS}, auth=AUTH)
def plan_tasks(request: HttpRequest, plan_id: int) -> list[Task]:
    plan = selectors.access_plan(actor=request.user, plan_id=plan_id, perm=PlanPerm.VIEW)
    return list(plan.tasks.select_related("item", "assignment").order_by("due_on", "id"))


@router.post(
    "/tasks/{task_id}/updates", response={200: TaskOut, **ERRORS}, auth=AUTH, summary="Cập nhật tiến độ"
)
def update_task(request: HttpRequest, task_id: int, payload: TaskUpdateIn) -> Task:
    task = selectors.access_task(actor=request.user, task_id=task_id, perm=PlanPerm.MANAGE)
    return services.update_task(actor=acting_user(request), task=task, **payload.dict()).task


@router.get(
    "/plans/{plan_id}/completeness",
    response={200: list[DirectiveCompletenessOut], **ERRORS},
    auth=AUTH,
    summary="Tình hình thực hiện của cấp dưới",
)
def completeness(request: HttpRequest, plan_id: int) -> list[dict[str, object]]:
    plan = selectors.access_plan(actor=request.user, plan_id=plan_id, perm=PlanPerm.MONITOR)
    return [
        {
            "directive_id": row.directive.pk,
            "kind": row.directive.kind,
            "due_on": row.directive.due_on,
            "expected": row.expected,
            "on_time": row.on_time,
            "late": row.late,
            "overdue": row.overdue,
            "pending": row.pending,
        }
        for row in selectors.completeness(plan)
    ]
