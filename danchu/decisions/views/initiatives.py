"""Citizen initiatives' pages: households propose and support; the village head records paper supports
and puts an initiative that reached its share to a decision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danchu.accounts.actors import acting_user
from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.core.forms import attempt, refuse
from danchu.units.models import Household

from .. import selectors, services
from ..forms import InitiativeForm, PaperSupportForm, PutForm
from ..models import Initiative, Support
from ..permissions import DecisionPerm
from ..services.initiatives import access_initiative


def _my_households(request: HttpRequest) -> list[Household]:
    residents = selectors.actor_residents(acting_user(request))
    return list(Household.objects.filter(representative_id__in=residents, dissolved_on__isnull=True))


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """Sáng kiến của thôn tôi: propose one, support the others."""
    households = _my_households(request)
    choices = [(h.pk, _("Hộ số %(n)s") % {"n": h.number}) for h in households]
    form = InitiativeForm(request.POST or None, households=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.propose(
                actor=acting_user(request),
                household_id=data["household"],
                title=data["title"],
                text=data["text"],
            )
        except PermissionDeniedError:
            raise
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã gửi sáng kiến; hộ của bạn là hộ ủng hộ đầu tiên."))
            return redirect("decisions:initiatives")
    villages = {h.village_id for h in households}
    rows = Initiative.objects.filter(unit_id__in=villages).select_related("unit")[:100]
    supported = set(
        Support.objects.filter(household__in=households, initiative__in=rows).values_list(
            "initiative_id", flat=True
        )
    )
    context = {"form": form, "rows": [(i, i.pk in supported) for i in rows], "households": households}
    return render(request, "decisions/initiatives.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def support(request: HttpRequest, initiative_id: int) -> HttpResponse:
    actor = acting_user(request)
    initiative = selectors.public_initiative(initiative_id)
    households = [h for h in _my_households(request) if h.village_id == initiative.unit_id]
    if not households:
        raise PermissionDeniedError(_("Chỉ người đại diện hộ của thôn, tổ dân phố mới ủng hộ."))
    attempt(
        request,
        lambda: services.support(actor=actor, initiative_id=initiative.pk, household_id=households[0].pk),
        _("Đã ghi nhận ủng hộ của hộ."),
    )
    return redirect("decisions:initiatives")


@login_required
def detail(request: HttpRequest, initiative_id: int) -> HttpResponse:
    """Sáng kiến (cán bộ): supports still valid against the share needed, paper supports, decision."""
    actor = acting_user(request)
    initiative = access_initiative(actor=actor, initiative_id=initiative_id, perm=DecisionPerm.VIEW)
    valid, needed = services.standing(initiative, timezone.localdate())
    context = {
        "initiative": initiative,
        "valid": valid,
        "needed": needed,
        "supports": initiative.supports.select_related("household").order_by("-given_on")[:500],
        "paper_form": PaperSupportForm(initial={"given_on": timezone.localdate().strftime("%d/%m/%Y")}),
        "put_form": PutForm(),
    }
    return render(request, "decisions/initiative.html", context)


@login_required
@require_POST
def paper_support(request: HttpRequest, initiative_id: int) -> HttpResponse:
    actor = acting_user(request)
    access_initiative(actor=actor, initiative_id=initiative_id, perm=DecisionPerm.RECORD)
    form = PaperSupportForm(request.POST)
    if not form.is_valid():
        refuse(request, form, about=_("Ủng hộ trên giấy"))
    else:
        d = form.cleaned_data
        attempt(
            request,
            lambda: services.record_paper_support(
                actor=actor, initiative_id=initiative_id, household_id=d["household"], given_on=d["given_on"]
            ),
            _("Đã ghi ủng hộ trên giấy."),
        )
    return redirect("decisions:initiative", initiative_id)


@login_required
@require_POST
def put(request: HttpRequest, initiative_id: int) -> HttpResponse:
    actor = acting_user(request)
    access_initiative(actor=actor, initiative_id=initiative_id, perm=DecisionPerm.MANAGE)
    form = PutForm(request.POST)
    if not form.is_valid():
        refuse(request, form, about=_("Đưa ra bàn và quyết định"))
        return redirect("decisions:initiative", initiative_id)
    try:
        decision = services.put_to_decision(
            actor=actor,
            initiative_id=initiative_id,
            form=form.cleaned_data["form"],
            closes_on=form.cleaned_data["closes_on"],
        )
    except PermissionDeniedError:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("decisions:initiative", initiative_id)
    messages.success(request, _("Đã tạo dự thảo việc bàn và quyết định từ sáng kiến."))
    return redirect("decisions:detail", decision.pk)
