"""Households' pages: my ballots (phiếu của hộ tôi) and the ballot page of one decision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from danchu.accounts.actors import acting_user
from danchu.core.errors import DomainError, PermissionDeniedError

from .. import selectors, services
from ..forms import VoteForm


@login_required
def my_ballots(request: HttpRequest) -> HttpResponse:
    """Phiếu của hộ tôi: every decision my households are registered in, with whether each took part."""
    actor = acting_user(request)
    return render(request, "decisions/my_ballots.html", {"rows": selectors.my_ballots(actor)})


@login_required
def vote(request: HttpRequest, decision_id: int) -> HttpResponse:
    """Biểu quyết: the representative (or the member a household authorised) chooses, and gets a receipt."""
    actor = acting_user(request)
    decision = selectors.open_decision(decision_id)
    households = selectors.voter_households(actor, decision)
    if not households:
        raise PermissionDeniedError(
            _("Bạn không phải người đại diện hoặc người được ủy quyền của hộ nào trong danh sách.")
        )
    questions = selectors.questions_of(decision)
    choices = [(h.pk, _("Hộ số %(n)s") % {"n": h.number}) for h in households]
    form = VoteForm(request.POST or None, questions=questions, households=choices)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                receipt = services.cast_online(
                    actor=actor,
                    decision_id=decision.pk,
                    household_id=form.cleaned_data["household"],
                    option_ids=form.option_ids(),
                    receipt=form.cleaned_data["receipt"],
                )
            except PermissionDeniedError:
                raise
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    _("Đã ghi nhận phiếu của hộ. Mã xác nhận: %(r)s. Hãy lưu mã này.") % {"r": receipt},
                )
                return redirect("decisions:vote", decision.pk)
        status = 400
    participations = {h.pk: selectors.household_participation(decision, h.pk) for h in households}
    return render(
        request,
        "decisions/vote.html",
        {
            "decision": decision,
            "matter": selectors.matter_of(decision),
            "form": form,
            "households": [(h, participations[h.pk]) for h in households],
            "accepts_online": decision.form == "online"
            or (decision.form == "ballot" and decision.electronic_returns),
        },
        status=status,
    )
