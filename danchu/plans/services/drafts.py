"""New drafts: a plan read from an uploaded document, or started from the upper level's issued plan."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from danchu.accounts.models import User
from danchu.core import audit
from danchu.core.errors import DomainError
from danchu.units import selectors as unit_selectors
from danchu.units.models import AgencyKind, Unit

from ..agencies import match_agency
from ..importer import DocumentError, ParsedPlan, read_plan
from ..models import (
    AssignmentRole,
    Directive,
    ItemAssignment,
    LegalBasis,
    Plan,
    PlanItem,
    PlanSection,
    PlanStatus,
)
from ..permissions import PlanPerm
from ..selectors import access_plan
from ..timeframes import check_plan_year, due_from_timeframe
from .fields import PLAN_FIELDS


def _iso(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@transaction.atomic
def import_plan(*, actor: User, unit: Unit, file_name: str, data: bytes) -> Plan:
    """Nhập kế hoạch: read an uploaded document and keep it as a draft for the officer to check.

    A file that cannot be read raises DomainError and nothing is saved, so the upload can be retried.
    """
    unit = unit_selectors.access_unit(actor=actor, unit_id=unit.pk, perm=PlanPerm.MANAGE)
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
            _("Không xác định được năm của kế hoạch (dòng “…, ngày … tháng … năm …”)."), field="file"
        )
    check_plan_year(parsed.year, field="file")
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
def draft_from_parent(*, actor: User, unit: Unit, parent: Plan) -> Plan:
    """Start the unit's own plan from the upper-level plan: its sections and items copied, linked to it.

    The copy keeps the items' words and time frames; the agencies are left for the unit to name. The
    upper-level plan is locked while it is copied, so it cannot be closed half-way through the copy.
    """
    unit = unit_selectors.access_unit(actor=actor, unit_id=unit.pk, perm=PlanPerm.MANAGE)
    parent = access_plan(actor=actor, plan_id=parent.pk, perm=PlanPerm.VIEW, for_write=True)
    if (
        parent.status != PlanStatus.ISSUED
        or not unit.path.startswith(parent.unit.path)
        or unit.pk == parent.unit_id
    ):
        raise DomainError(_("Chỉ lập được dự thảo từ kế hoạch đã ban hành của đơn vị cấp trên."))
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
