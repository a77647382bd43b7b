"""Writes to plans: import a document as a draft, correct it, issue it. One audit entry per write."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from danchu.core import audit, policy
from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.core.text import clean_text
from danchu.units import services as unit_services
from danchu.units.models import Agency, AgencyKind, Tier, Unit

from .agencies import match_agency
from .evidence import check_evidence
from .importer import DocumentError, ParsedPlan, read_plan
from .models import (
    AssignmentRole,
    Directive,
    DirectiveKind,
    ItemAssignment,
    LegalBasis,
    Obligation,
    Plan,
    PlanItem,
    PlanSection,
    PlanStatus,
    ProgressMode,
    Task,
    TaskStatus,
    TaskUpdate,
)
from .permissions import PlanPerm
from .selectors import holds_agency

PLAN_FIELDS = (
    "progress_mode",
    "unit",
    "number",
    "symbol",
    "place",
    "issued_on",
    "date_partial",
    "year",
    "title",
    "status",
    "signer_authority",
    "signer_title",
    "signer_name",
)
TASK_FIELDS = ("status", "progress", "done_on", "due_on")
ITEM_FIELDS = ("path", "heading", "timeframe_text", "due_on", "weight")
_QUARTER_END = {"i": 3, "1": 3, "ii": 6, "2": 6, "iii": 9, "3": 9, "iv": 12, "4": 12}


def due_from_timeframe(text: str, year: int) -> dt.date:
    """The due date a time frame implies: a date written in it, the end of the quarter or month it names,
    otherwise the end of the plan's year ("Trong năm 2023", "Thường xuyên")."""
    folded = text.lower()
    date = re.search(r"(\d{1,2})/(\d{1,2})(?:/(\d{4}))?", folded)
    if date:
        try:
            return dt.date(int(date.group(3) or year), int(date.group(2)), int(date.group(1)))
        except ValueError:
            pass
    quarter = re.search(r"quý\s+(iv|iii|ii|i|[1-4])\b", folded)
    if quarter:
        month = _QUARTER_END[quarter.group(1)]
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    month_match = re.search(r"tháng\s+(\d{1,2})\b", folded)
    if month_match and 1 <= int(month_match.group(1)) <= 12:
        month = int(month_match.group(1))
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(year, 12, 31)


def _iso(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@transaction.atomic
def import_plan(*, actor: Any, unit: Unit, file_name: str, data: bytes) -> Plan:
    """Nhập kế hoạch: read an uploaded document and keep it as a draft for the officer to check.

    A file that cannot be read raises DomainError and nothing is saved, so the upload can be retried.
    """
    policy.require(actor, PlanPerm.MANAGE, unit)
    try:
        parsed = read_plan(file_name, data)
    except DocumentError as exc:
        raise DomainError(exc.message, field="file") from exc
    plan = _create_from_parsed(unit=unit, parsed=parsed, file_name=file_name)
    plan.source_file.save(file_name, ContentFile(data), save=True)
    audit.record(
        actor=actor,
        action="plans.plan.import",
        obj=plan,
        after=audit.snapshot(plan, PLAN_FIELDS),
        scope_unit_id=unit.pk,
    )
    return plan


def _create_from_parsed(*, unit: Unit, parsed: ParsedPlan, file_name: str) -> Plan:
    if parsed.year is None:
        raise DomainError(
            "Không xác định được năm của kế hoạch (dòng “…, ngày … tháng … năm …”).", field="file"
        )
    agencies = list(unit.agencies.filter(closed_on__isnull=True))
    plan = Plan.objects.create(
        unit=unit,
        agency=next((a for a in agencies if a.kind == AgencyKind.PEOPLES_COMMITTEE), None),
        number=(parsed.number or "").split("/")[0],
        symbol=parsed.symbol or "",
        issuer_text=parsed.issuer or "",
        place=parsed.place or "",
        issued_on=_iso(parsed.date),
        date_partial=parsed.date_partial or "",
        year=parsed.year,
        title=(parsed.title or "")[:500],
        signer_authority=parsed.signer.authority or "" if parsed.signer else "",
        signer_title=parsed.signer.title or "" if parsed.signer else "",
        signer_name=parsed.signer.name or "" if parsed.signer else "",
        recipients=parsed.recipients,
        source_name=file_name[:255],
        source_text=parsed.source_text,
        purposes=parsed.purposes,
    )
    LegalBasis.objects.bulk_create(
        LegalBasis(
            plan=plan,
            order=i,
            text=text[:300],
            doc_type=(detail["type"] or "")[:50],
            number=(detail["number"] or "")[:100],
            issued_on=_iso(detail["date"]),
            issuer=(detail["issuer"] or "")[:200],
        )
        for i, (text, detail) in enumerate(zip(parsed.legal_refs, parsed.legal_ref_details, strict=True))
    )
    sections = {
        s.label: PlanSection.objects.create(plan=plan, order=i, label=s.label, title=s.title[:300])
        for i, s in enumerate(parsed.sections)
    }
    by_path: dict[str, PlanItem] = {}
    assignments: list[ItemAssignment] = []
    for order, parsed_item in enumerate(parsed.items):
        parent_path = parsed_item.path.rsplit(".", 1)[0]
        item = PlanItem.objects.create(
            plan=plan,
            section=sections[parsed_item.path.split(".")[0]],
            parent=by_path.get(parent_path),
            order=order,
            path=parsed_item.path,
            heading=(parsed_item.heading or "")[:500],
            text=parsed_item.text,
            timeframe_text=(parsed_item.timeframe or "")[:300],
            due_on=due_from_timeframe(parsed_item.timeframe or "", parsed.year),
        )
        by_path[item.path] = item
        for role, names in (
            (AssignmentRole.LEAD, parsed_item.lead),
            (AssignmentRole.IMPLEMENTING, parsed_item.implementing),
            (AssignmentRole.COORDINATING, parsed_item.coordinating),
        ):
            assignments += [
                ItemAssignment(item=item, role=role, name=name[:300], agency=match_agency(name, agencies))
                for name in names
            ]
    ItemAssignment.objects.bulk_create(assignments)
    Directive.objects.bulk_create(
        Directive(
            plan=plan,
            order=i,
            kind=d.what,
            due_on=_iso(d.due),
            window_start=_iso(d.window_start),
            due_text=d.due_text[:200],
            receiver_text=(d.to or "")[:300],
            subject=(d.subject or "")[:500],
        )
        for i, d in enumerate(parsed.deadlines)
    )
    return plan


@transaction.atomic
def correct_plan(
    *,
    actor: Any,
    plan: Plan,
    number: str,
    symbol: str,
    title: str,
    place: str,
    issued_on: dt.date | None,
    year: int,
    signer_title: str,
    signer_name: str,
    progress_mode: str = ProgressMode.PLAIN,
) -> Plan:
    """Soát xét: the officer corrects what the importer read, while the plan is a draft."""
    policy.require(actor, PlanPerm.MANAGE, plan)
    if not plan.is_draft:
        raise DomainError("Kế hoạch đã ban hành: không sửa trực tiếp được nữa.")
    if issued_on is not None and issued_on.year != year:
        raise DomainError("Năm của kế hoạch khác năm của ngày ban hành.", field="year")
    if progress_mode not in ProgressMode.values:
        raise DomainError("Cách tính tiến độ không hợp lệ.", field="progress_mode")
    # Everything is checked before the plan changes, so a refused correction leaves it as it was.
    changes = {
        "number": clean_text(number, field="Số", max_length=20, required=False),
        "symbol": clean_text(symbol, field="Ký hiệu", max_length=50, required=False),
        "title": clean_text(title, field="Trích yếu", max_length=500),
        "place": clean_text(place, field="Địa danh", max_length=100, required=False),
        "signer_title": clean_text(signer_title, field="Chức vụ người ký", max_length=100, required=False),
        "signer_name": clean_text(signer_name, field="Người ký", max_length=100, required=False),
        "issued_on": issued_on,
        "year": year,
        "progress_mode": progress_mode,
        "date_partial": "" if issued_on is not None else plan.date_partial,
    }
    before = audit.snapshot(plan, PLAN_FIELDS)
    for name, value in changes.items():
        setattr(plan, name, value)
    plan.save()
    audit.record(
        actor=actor,
        action="plans.plan.correct",
        obj=plan,
        before=before,
        after=audit.snapshot(plan, PLAN_FIELDS),
        scope_unit_id=plan.unit_id,
    )
    return plan


@transaction.atomic
def correct_item(
    *,
    actor: Any,
    item: PlanItem,
    heading: str,
    timeframe_text: str,
    due_on: dt.date | None,
    lead: list[str],
    implementing: list[str],
    coordinating: list[str],
) -> PlanItem:
    """Correct one item: its heading, time frame, due date and the agencies in each role."""
    plan = item.plan
    policy.require(actor, PlanPerm.MANAGE, plan)
    if not plan.is_draft:
        raise DomainError("Kế hoạch đã ban hành: không sửa trực tiếp được nữa.")
    heading = clean_text(heading, field="Tiêu đề", max_length=500, required=False)
    timeframe_text = clean_text(timeframe_text, field="Thời gian thực hiện", max_length=300, required=False)
    roles = (
        (AssignmentRole.LEAD, lead),
        (AssignmentRole.IMPLEMENTING, implementing),
        (AssignmentRole.COORDINATING, coordinating),
    )
    wanted = [
        (role, clean_text(name, field="Cơ quan", max_length=300))
        for role, names in roles
        for name in names
        if name.strip()
    ]
    before = {**audit.snapshot(item, ITEM_FIELDS), "assignments": _assignment_names(item)}
    item.heading, item.timeframe_text = heading, timeframe_text
    item.due_on = due_on or due_from_timeframe(timeframe_text, plan.year)
    item.save()
    agencies = list(plan.unit.agencies.filter(closed_on__isnull=True))
    item.assignments.all().delete()  # a draft's assignments are working data, replaced as a whole
    ItemAssignment.objects.bulk_create(
        ItemAssignment(item=item, role=role, name=name, agency=match_agency(name, agencies))
        for role, name in wanted
    )
    audit.record(
        actor=actor,
        action="plans.item.correct",
        obj=item,
        before=before,
        after={**audit.snapshot(item, ITEM_FIELDS), "assignments": _assignment_names(item)},
        scope_unit_id=plan.unit_id,
    )
    return item


def _assignment_names(item: PlanItem) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for assignment in item.assignments.all():
        names.setdefault(assignment.role, []).append(assignment.name)
    return names


@transaction.atomic
def create_proposed_agencies(*, actor: Any, plan: Plan, names: list[str]) -> list[Agency]:
    """Create the agencies the plan names that the unit does not have yet, and link them to the items."""
    policy.require(actor, PlanPerm.MANAGE, plan)
    created = []
    for name in names:
        agency = unit_services.create_agency(actor=actor, unit=plan.unit, name=name, kind=AgencyKind.SECTION)
        created.append(agency)
        ItemAssignment.objects.filter(item__plan=plan, name=name, agency__isnull=True).update(agency=agency)
    return created


@transaction.atomic
def link_parent(*, actor: Any, plan: Plan, parent: Plan | None) -> Plan:
    """Thực hiện kế hoạch cấp trên: say which upper-level plan this draft answers."""
    policy.require(actor, PlanPerm.MANAGE, plan)
    if not plan.is_draft:
        raise DomainError("Kế hoạch đã ban hành: không sửa trực tiếp được nữa.")
    if parent is not None and (
        parent.status != PlanStatus.ISSUED
        or not plan.unit.path.startswith(parent.unit.path)
        or parent == plan
    ):
        raise DomainError("Chỉ gắn được với một kế hoạch đã ban hành của đơn vị cấp trên.", field="parent")
    before = {"parent": plan.parent_id}
    plan.parent = parent
    plan.save(update_fields=["parent", "updated_at"])
    audit.record(
        actor=actor,
        action="plans.plan.link_parent",
        obj=plan,
        before=before,
        after={"parent": plan.parent_id},
        scope_unit_id=plan.unit_id,
    )
    return plan


@transaction.atomic
def issue_plan(*, actor: Any, plan: Plan, cascade_tiers: list[int] | None = None) -> Plan:
    """Ban hành: the plan becomes official. Its directives become obligations of every subordinate unit
    of the chosen tiers; a plan that answers an upper-level plan fulfils its unit's obligation to send one."""
    policy.require(actor, PlanPerm.MANAGE, plan)
    if not plan.is_draft:
        raise DomainError("Kế hoạch này đã được ban hành.")
    if not plan.items.exists():
        raise DomainError("Kế hoạch chưa có nội dung nào; hãy kiểm tra lại trước khi ban hành.")
    if plan.issued_on is None:
        raise DomainError("Cần nhập ngày ban hành trước khi ban hành kế hoạch.", field="issued_on")
    tiers = sorted(set(cascade_tiers or []))
    if any(tier <= plan.unit.tier or tier > Tier.COMMUNE for tier in tiers):
        raise DomainError(
            "Cấp đơn vị thực hiện phải thấp hơn cấp của đơn vị ban hành.", field="cascade_tiers"
        )
    before = audit.snapshot(plan, PLAN_FIELDS)
    plan.status = PlanStatus.ISSUED
    plan.issued_at = timezone.now()
    plan.issued_by = actor
    plan.cascade_tiers = tiers
    plan.save(update_fields=["status", "issued_at", "issued_by", "cascade_tiers", "updated_at"])
    created = _create_obligations(plan, tiers)
    _create_tasks(plan)
    fulfilled = _fulfil_parent_obligation(plan)
    audit.record(
        actor=actor,
        action="plans.plan.issue",
        obj=plan,
        before=before,
        after={
            **audit.snapshot(plan, PLAN_FIELDS),
            "cascade_tiers": tiers,
            "obligations": created,
            "fulfils": fulfilled,
        },
        scope_unit_id=plan.unit_id,
    )
    return plan


def _create_obligations(plan: Plan, tiers: list[int]) -> int:
    """One obligation per (directive with a date, subordinate unit of the chosen tiers): set-based."""
    if not tiers:
        return 0
    directives = [d for d in plan.directives.all() if d.due_on is not None]
    unit_ids = list(
        Unit.objects.filter(path__startswith=plan.unit.path, tier__in=tiers, generation=plan.unit.generation)
        .exclude(pk=plan.unit_id)
        .values_list("pk", flat=True)
    )
    rows = [
        Obligation(directive=d, unit_id=unit_id, due_on=d.due_on)
        for d in directives
        for unit_id in unit_ids
        if d.due_on is not None
    ]
    Obligation.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def _fulfil_parent_obligation(plan: Plan) -> int | None:
    if plan.parent_id is None:
        return None
    obligation = (
        Obligation.objects.select_for_update()
        .filter(
            directive__plan_id=plan.parent_id,
            directive__kind=DirectiveKind.PLAN,
            unit_id=plan.unit_id,
            fulfilled_at__isnull=True,
        )
        .first()
    )
    if obligation is None:
        return None
    obligation.fulfilled_at = plan.issued_at
    obligation.fulfilled_by_plan = plan
    obligation.save(update_fields=["fulfilled_at", "fulfilled_by_plan"])
    return obligation.pk


def _create_tasks(plan: Plan) -> None:
    """Every assignment of every item becomes a task for its agency, due when the item is."""
    assignments = ItemAssignment.objects.filter(item__plan=plan).select_related("item")
    Task.objects.bulk_create(
        Task(
            plan=plan,
            item=a.item,
            assignment=a,
            agency_id=a.agency_id,
            role=a.role,
            due_on=a.item.due_on or dt.date(plan.year, 12, 31),
        )
        for a in assignments
    )


def may_update_task(actor: Any, task: Task) -> bool:
    """The task's own agency reports on it; the plan's managers may too."""
    return policy.allowed(actor, PlanPerm.MANAGE, task) or holds_agency(actor, task.agency_id)


@transaction.atomic
def update_task(
    *,
    actor: Any,
    task: Task,
    status: str,
    progress: int,
    note: str = "",
    evidence_name: str = "",
    evidence_data: bytes = b"",
) -> TaskUpdate:
    """Cập nhật tiến độ: progress 0–100, done means 100 %, evidence checked by content."""
    if not may_update_task(actor, task):
        raise PermissionDeniedError()
    if task.plan.status != PlanStatus.ISSUED:
        raise DomainError("Chỉ cập nhật được nhiệm vụ của kế hoạch đang thực hiện.")
    if status not in TaskStatus.values:
        raise DomainError("Trạng thái không hợp lệ.", field="status")
    if not 0 <= progress <= 100:
        raise DomainError("Tiến độ phải từ 0 đến 100%.", field="progress")
    if status == TaskStatus.DONE:
        progress = 100
    elif progress == 100:
        status = TaskStatus.DONE
    elif status == TaskStatus.NOT_STARTED and progress > 0:
        status = TaskStatus.IN_PROGRESS
    if evidence_data:
        check_evidence(evidence_name, evidence_data)
    before = audit.snapshot(task, TASK_FIELDS)
    task.status, task.progress = status, progress
    task.done_on = timezone.localdate() if status == TaskStatus.DONE else None
    task.save(update_fields=["status", "progress", "done_on", "updated_at"])
    update = TaskUpdate(
        task=task,
        author=actor,
        status=status,
        progress=progress,
        note=clean_text(note, field="Nội dung", max_length=5000, required=False),
    )
    if evidence_data:
        update.evidence_name = evidence_name[:255]
        update.evidence.save(evidence_name, ContentFile(evidence_data), save=False)
    update.save()
    audit.record(
        actor=actor,
        action="plans.task.update",
        obj=task,
        before=before,
        after={**audit.snapshot(task, TASK_FIELDS), "note": update.note, "evidence": update.evidence_name},
        scope_unit_id=task.plan.unit_id,
    )
    return update


@transaction.atomic
def draft_from_parent(*, actor: Any, unit: Unit, parent: Plan) -> Plan:
    """Start the unit's own plan from the upper-level plan: its sections and items copied, linked to it.

    The copy keeps the items' words and time frames; the agencies are left for the unit to name.
    """
    policy.require(actor, PlanPerm.MANAGE, unit)
    if (
        parent.status != PlanStatus.ISSUED
        or not unit.path.startswith(parent.unit.path)
        or unit.pk == parent.unit_id
    ):
        raise DomainError("Chỉ lập được dự thảo từ kế hoạch đã ban hành của đơn vị cấp trên.")
    plan = Plan.objects.create(
        unit=unit,
        agency=unit.agencies.filter(kind=AgencyKind.PEOPLES_COMMITTEE, closed_on__isnull=True).first(),
        parent=parent,
        symbol=parent.symbol,
        place=unit.name,
        year=parent.year,
        title=parent.title,
        source_name=f"Từ kế hoạch {parent.number_display} của {parent.unit.name}"[:255],
    )
    LegalBasis.objects.create(
        plan=plan,
        order=0,
        text=f"Kế hoạch số {parent.number_display}"[:300],
        doc_type="Kế hoạch",
        number=parent.number_display[:100],
    )
    sections = {
        s.pk: PlanSection.objects.create(plan=plan, order=s.order, label=s.label, title=s.title)
        for s in parent.sections.all()
    }
    copies: dict[int, PlanItem] = {}
    for item in parent.items.order_by("order"):
        copies[item.pk] = PlanItem.objects.create(
            plan=plan,
            section=sections[item.section_id],
            parent=copies.get(item.parent_id or -1),
            order=item.order,
            path=item.path,
            heading=item.heading,
            text=item.text,
            timeframe_text=item.timeframe_text,
            due_on=item.due_on,
            weight=item.weight,
        )
    audit.record(
        actor=actor,
        action="plans.plan.draft_from_parent",
        obj=plan,
        after={**audit.snapshot(plan, PLAN_FIELDS), "parent": parent.pk},
        scope_unit_id=unit.pk,
    )
    return plan


@transaction.atomic
def close_plan(*, actor: Any, plan: Plan, note: str) -> Plan:
    """Sơ kết, tổng kết: the plan's year is over; its results are recorded and it stops changing."""
    policy.require(actor, PlanPerm.MANAGE, plan)
    if plan.status != PlanStatus.ISSUED:
        raise DomainError("Chỉ tổng kết được kế hoạch đang thực hiện.")
    note = clean_text(note, field="Kết quả tổng kết", max_length=20000)  # before anything changes
    before = audit.snapshot(plan, PLAN_FIELDS)
    plan.status = PlanStatus.CLOSED
    plan.closed_at = timezone.now()
    plan.closing_note = note
    plan.save(update_fields=["status", "closed_at", "closing_note", "updated_at"])
    audit.record(
        actor=actor,
        action="plans.plan.close",
        obj=plan,
        before=before,
        after={**audit.snapshot(plan, PLAN_FIELDS), "closing_note": plan.closing_note},
        scope_unit_id=plan.unit_id,
    )
    return plan
