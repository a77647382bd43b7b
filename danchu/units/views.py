"""Officials' pages for a unit: its subunits and villages, agencies, households, history, local rules."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danchu.core import policy
from danchu.core.forms import DateReasonForm, attempt, refuse, submit
from danchu.core.models import AuditEntry, Rule
from danchu.core.paging import paginate
from danchu.core.policy import CorePerm

from . import selectors, services
from .forms import (
    AgencyForm,
    HouseholdForm,
    MoveForm,
    RenameForm,
    ResidentForm,
    RuleOverrideForm,
    VillageForm,
)
from .models import Tier, Unit


def _unit_context(request: HttpRequest, unit: Unit, tab: str) -> dict[str, Any]:
    actor = request.user
    return {
        "unit": unit,
        "tab": tab,
        "ancestors": selectors.ancestors(unit),
        "can_manage": policy.allowed(actor, CorePerm.MANAGE_UNIT, unit),
        "can_roles": policy.allowed(actor, CorePerm.MANAGE_ROLES, unit),
        "can_audit": policy.allowed(actor, CorePerm.VIEW_AUDIT, unit),
        "can_households": policy.allowed(actor, CorePerm.VIEW_HOUSEHOLDS, unit),
    }


@login_required
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Đơn vị: subunits (or villages, for a commune) and, for managers, the form to add a village."""
    perm = CorePerm.MANAGE_UNIT if request.method == "POST" else CorePerm.VIEW_UNIT
    unit = selectors.access_unit(actor=request.user, unit_id=unit_id, perm=perm)
    form = VillageForm(request.POST or None)
    if request.method == "POST":
        village = submit(form, lambda d: services.create_village(actor=request.user, commune=unit, **d))
        if village is not None:
            messages.success(request, _("Đã thêm %(village_name)s.") % {"village_name": village.name})
            return redirect("units:unit", unit.pk)
    query = request.GET.get("q", "")[:100]
    if unit.tier == Tier.COMMUNE:
        items: Any = selectors.villages_of(unit)
    elif query.strip():
        items = selectors.search_units(query, within=unit, generation=unit.generation, limit=200)
    else:
        items = selectors.children(unit)
    context = _unit_context(request, unit, "children")
    context.update(page=paginate(request, items), form=form, query=query)
    return render(request, "units/unit_detail.html", context, status=400 if form.errors else 200)


@login_required
def agencies(request: HttpRequest, unit_id: int) -> HttpResponse:
    perm = CorePerm.MANAGE_UNIT if request.method == "POST" else CorePerm.VIEW_UNIT
    unit = selectors.access_unit(actor=request.user, unit_id=unit_id, perm=perm)
    form = AgencyForm(request.POST or None)
    if request.method == "POST":
        agency = submit(form, lambda d: services.create_agency(actor=request.user, unit=unit, **d))
        if agency is not None:
            messages.success(request, _("Đã thêm %(agency_name)s.") % {"agency_name": agency.name})
            return redirect("units:agencies", unit.pk)
    context = _unit_context(request, unit, "agencies")
    context.update(
        agencies=list(selectors.agencies_of(unit, include_closed=True)),
        form=form,
        close_form=DateReasonForm(),
    )
    return render(request, "units/agencies.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def close_agency(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = selectors.access_agency(actor=request.user, agency_id=agency_id, perm=CorePerm.MANAGE_UNIT)
    form = DateReasonForm(request.POST)
    if (
        submit(form, lambda d: services.close_agency(actor=request.user, agency=agency, on=d["on"]))
        is not None
    ):
        messages.success(request, _("%(agency_name)s đã ngừng hoạt động.") % {"agency_name": agency.name})
    else:
        refuse(request, form)
    return redirect("units:agencies", agency.unit_id)


@login_required
def village(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Thôn, tổ dân phố: its households, and the forms to add one, rename, move or retire the village."""
    perm = CorePerm.MANAGE_HOUSEHOLDS if request.method == "POST" else CorePerm.VIEW_HOUSEHOLDS
    unit = selectors.access_unit(actor=request.user, unit_id=unit_id, perm=perm)
    if unit.tier != Tier.VILLAGE:
        return redirect("units:unit", unit.pk)
    form = HouseholdForm(request.POST or None)
    if request.method == "POST":
        household = submit(form, lambda d: services.create_household(actor=request.user, village=unit, **d))
        if household is not None:
            messages.success(request, _("Đã thêm %(household)s.") % {"household": household})
            return redirect("units:household", household.pk)
    context = _unit_context(request, unit, "households")
    context.update(
        page=paginate(request, selectors.households_of(unit, include_dissolved=True)),
        form=form,
        rename_form=RenameForm(initial={"name": unit.name, "code": unit.code}),
        move_form=MoveForm(),
        can_edit_households=policy.allowed(request.user, CorePerm.MANAGE_HOUSEHOLDS, unit),
    )
    return render(request, "units/village.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def rename_village(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = selectors.access_unit(actor=request.user, unit_id=unit_id, perm=CorePerm.MANAGE_UNIT)
    form = RenameForm(request.POST)
    if submit(form, lambda d: services.rename_unit(actor=request.user, unit=unit, **d)) is not None:
        messages.success(request, _("Đã cập nhật tên."))
    else:
        refuse(request, form)
    return redirect("units:village", unit.pk)


@login_required
@require_POST
def move_village(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = selectors.access_unit(actor=request.user, unit_id=unit_id, perm=CorePerm.MANAGE_UNIT)
    form = MoveForm(request.POST)

    def move(data: dict[str, Any]) -> Unit:
        target = selectors.commune_by_code(data["target_code"], generation=unit.generation)
        return services.move_unit(actor=request.user, unit=unit, new_parent=target)

    moved = submit(form, move)
    if moved is not None:
        messages.success(
            request,
            _("Đã chuyển %(moved_name)s sang %(moved_parent)s.")
            % {"moved_name": moved.name, "moved_parent": moved.parent},
        )
    else:
        refuse(request, form)
    return redirect("units:village", unit.pk)


@login_required
@require_POST
def retire_village(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = selectors.access_unit(actor=request.user, unit_id=unit_id, perm=CorePerm.MANAGE_UNIT)
    form = DateReasonForm(request.POST)
    if submit(form, lambda d: services.retire_unit(actor=request.user, unit=unit, on=d["on"])) is not None:
        messages.success(request, _("%(unit_name)s đã ngừng hiệu lực.") % {"unit_name": unit.name})
    else:
        refuse(request, form)
    return redirect("units:village", unit.pk)


@login_required
def household(request: HttpRequest, household_id: int) -> HttpResponse:
    """Hộ gia đình: members, representative; add a member, record a departure, strike the household."""
    perm = CorePerm.MANAGE_HOUSEHOLDS if request.method == "POST" else CorePerm.VIEW_HOUSEHOLDS
    item = selectors.access_household(actor=request.user, household_id=household_id, perm=perm)
    form = ResidentForm(request.POST or None)
    if request.method == "POST":
        resident = submit(form, lambda d: services.add_resident(actor=request.user, household=item, **d))
        if resident is not None:
            messages.success(
                request, _("Đã thêm %(resident_full_name)s.") % {"resident_full_name": resident.full_name}
            )
            return redirect("units:household", item.pk)
    return render(
        request,
        "units/household.html",
        {
            "household": item,
            "unit": item.village,
            "ancestors": selectors.ancestors(item.village),
            "members": list(item.members.all()),
            "form": form,
            "date_form": DateReasonForm(),
            "can_edit": policy.allowed(request.user, CorePerm.MANAGE_HOUSEHOLDS, item),
            "can_audit": policy.allowed(request.user, CorePerm.VIEW_AUDIT, item),
            "can_accounts": policy.allowed(request.user, CorePerm.MANAGE_ROLES, item.village),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def household_action(request: HttpRequest, household_id: int, action: str) -> HttpResponse:
    """Đặt người đại diện, ghi nhân khẩu chuyển đi, xoá hộ: one POST each, errors as messages."""
    item = selectors.access_household(
        actor=request.user, household_id=household_id, perm=CorePerm.MANAGE_HOUSEHOLDS
    )
    actor = request.user
    if action == "dai-dien":
        resident = selectors.access_resident(
            actor=actor, resident_id=request.POST.get("resident", ""), perm=CorePerm.VIEW_HOUSEHOLDS
        )
        attempt(request, lambda: services.set_representative(actor=actor, household=item, resident=resident))
    elif action in ("chuyen-di", "xoa-ho"):
        form = DateReasonForm({"on": request.POST.get("on", ""), "reason": request.POST.get("reason") or "-"})
        if not form.is_valid():
            refuse(request, form)
        elif action == "chuyen-di":
            resident = selectors.access_resident(
                actor=actor, resident_id=request.POST.get("resident", ""), perm=CorePerm.MANAGE_HOUSEHOLDS
            )
            attempt(
                request,
                lambda: services.resident_leaves(actor=actor, resident=resident, on=form.cleaned_data["on"]),
            )
        else:
            attempt(
                request,
                lambda: services.dissolve_household(
                    actor=actor,
                    household=item,
                    on=form.cleaned_data["on"],
                    reason=request.POST.get("reason", ""),
                ),
            )
    else:
        raise Http404(_("Không có thao tác này."))
    return redirect("units:household", item.pk)


@login_required
def history(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Nhật ký: every audited write to the unit and anything in its subtree, newest first."""
    unit = selectors.access_unit(actor=request.user, unit_id=unit_id, perm=CorePerm.VIEW_AUDIT)
    subtree_ids = Unit.objects.filter(path__startswith=unit.path).values("id")
    entries = AuditEntry.objects.filter(scope_unit_id__in=Subquery(subtree_ids)).order_by("-id")
    context = _unit_context(request, unit, "history")
    context.update(page=paginate(request, entries))
    return render(request, "units/history.html", context)


@login_required
def local_rules(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Quy định riêng của tỉnh: the province's overrides of national values, and the form to add one."""
    perm = CorePerm.MANAGE_RULES if request.method == "POST" else CorePerm.VIEW_UNIT
    unit = selectors.access_unit(actor=request.user, unit_id=unit_id, perm=perm)
    if unit.tier != Tier.PROVINCE:
        raise Http404(_("Chỉ cấp tỉnh có quy định riêng."))
    can_edit = policy.allowed(request.user, CorePerm.MANAGE_RULES, unit)
    form = RuleOverrideForm(request.POST or None)
    if request.method == "POST":
        rule = submit(form, lambda d: services.override_rule(actor=request.user, province=unit, **d))
        if rule is not None:
            messages.success(request, _("Đã đặt quy định riêng cho %(rule_key)s.") % {"rule_key": rule.key})
            return redirect("units:rules", unit.pk)
    context = _unit_context(request, unit, "rules")
    context.update(
        overrides=list(Rule.objects.filter(scope_unit=unit).order_by("key", "-effective_from")),
        form=form,
        can_edit=can_edit,
    )
    return render(request, "units/rules.html", context, status=400 if form.errors else 200)
