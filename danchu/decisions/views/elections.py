"""Elections' pages: organising one in a village (candidates, day) and recording its preparatory steps."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danchu.accounts.actors import acting_user
from danchu.core.forms import attempt, refuse, submit
from danchu.units import selectors as unit_selectors
from danchu.units.models import Resident

from .. import selectors, services
from ..forms import ElectionForm, StepForm
from ..models import Election
from ..permissions import DecisionPerm


@login_required
def create(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Tổ chức bầu cử Trưởng thôn hoặc thành viên Ban TTND, Ban GSĐTCĐ."""
    actor = acting_user(request)
    unit = unit_selectors.access_unit(actor=actor, unit_id=unit_id, perm=DecisionPerm.MANAGE)
    residents = [
        (r.pk, f"{r.full_name} (hộ {r.household.number})")
        for r in Resident.objects.filter(household__village=unit, left_on__isnull=True)
        .select_related("household")
        .order_by("household__number", "id")[:3000]
    ]
    form = ElectionForm(request.POST or None, residents=residents, initial={"seats": 1})
    if request.method == "POST":

        def save(data: dict[str, Any]) -> Election:
            return services.create_election(
                actor=actor,
                unit=unit,
                office=data["office"],
                election_day=data["election_day"],
                candidate_ids=data["candidates"],
                seats=data["seats"],
                place=data["place"],
            )

        election = submit(form, save)
        if election is not None:
            messages.success(request, _("Đã lập cuộc bầu cử. Ghi các bước chuẩn bị đúng hạn."))
            return redirect("decisions:detail", election.decision_id)
    context = {"unit": unit, "ancestors": unit_selectors.ancestors(unit), "form": form}
    return render(request, "decisions/election_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def step(request: HttpRequest, decision_id: int) -> HttpResponse:
    actor = acting_user(request)
    selectors.access_decision(actor=actor, decision_id=decision_id, perm=DecisionPerm.MANAGE)
    form = StepForm(request.POST, steps=[(k, v[1]) for k, v in services.MILESTONES.items()])
    if not form.is_valid():
        refuse(request, form, about=_("Bước chuẩn bị"))
    else:
        data = form.cleaned_data
        attempt(
            request,
            lambda: services.record_step(
                actor=actor, decision_id=decision_id, field=data["field"], on=data["on"]
            ),
            _("Đã ghi bước chuẩn bị."),
        )
    return redirect("decisions:detail", decision_id)
