"""Reads of plans; views fetch a plan through access_plan."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from danchu.core import policy
from danchu.core.policy import Perm
from danchu.units.models import Unit

from .models import ItemAssignment, Plan, PlanItem


def access_plan(*, actor: Any, plan_id: int | str, for_write: bool = False) -> Plan:
    try:
        plan = Plan.objects.select_related("unit", "agency", "parent").get(pk=int(plan_id))
    except (ValueError, TypeError, Plan.DoesNotExist):
        raise Http404("Không tìm thấy kế hoạch.") from None
    policy.require(actor, Perm.MANAGE_PLANS if for_write else Perm.VIEW_PLANS, plan)
    return plan


def access_item(*, actor: Any, item_id: int | str, for_write: bool = False) -> PlanItem:
    try:
        item = PlanItem.objects.select_related("plan", "plan__unit", "section").get(pk=int(item_id))
    except (ValueError, TypeError, PlanItem.DoesNotExist):
        raise Http404("Không tìm thấy nội dung.") from None
    policy.require(actor, Perm.MANAGE_PLANS if for_write else Perm.VIEW_PLANS, item)
    return item


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
    return list(plan.items.select_related("section").prefetch_related(assignments).order_by("order"))


def unmatched_agency_names(plan: Plan) -> list[str]:
    """Names the plan gives to agencies the unit's register does not have: proposals to create."""
    names = (
        ItemAssignment.objects.filter(item__plan=plan, agency__isnull=True)
        .exclude(Q(name__istartswith="các ") | Q(name__icontains=","))
        .values_list("name", flat=True)
        .distinct()
    )
    return sorted(set(names))
