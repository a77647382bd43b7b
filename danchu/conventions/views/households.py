"""A household's pages: the drafts posted in its village, and its opinion on one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from danchu.accounts.actors import acting_user
from danchu.core.forms import submit

from .. import selectors, services
from ..forms import OpinionForm
from ..models import Opinion
from ..permissions import ConventionPerm


@login_required
def posted(request: HttpRequest) -> HttpResponse:
    """Dự thảo đang lấy ý kiến ở thôn của hộ mình."""
    return render(
        request, "conventions/posted.html", {"versions": selectors.posted_for(acting_user(request))}
    )


@login_required
def opinion(request: HttpRequest, version_id: int) -> HttpResponse:
    """Góp ý dự thảo: the text, and the household's opinion (changeable until the period ends)."""
    actor = acting_user(request)
    version = selectors.access_version(actor=actor, version_id=version_id, perm=ConventionPerm.OPINE)
    household = selectors.household_of(actor, version.convention.unit)
    mine = selectors.own_opinion(version, household) if household else None
    initial = {"text": mine.text, "article_number": mine.article_number} if mine else {}
    form = OpinionForm(request.POST or None, initial=initial)
    if request.method == "POST":

        def save(data: dict[str, Any]) -> Opinion:
            return services.give_opinion(
                actor=actor, version=version, text=data["text"], article_number=data["article_number"]
            )

        if submit(form, save) is not None:
            messages.success(request, _("Đã ghi nhận ý kiến của hộ. Cảm ơn bạn đã góp ý."))
            return redirect("conventions:opinion", version.pk)
    return render(
        request,
        "conventions/opinion.html",
        {
            "version": version,
            "convention": version.convention,
            "articles": selectors.articles_of(version),
            "household": household,
            "mine": mine,
            "form": form,
        },
        status=400 if form.errors else 200,
    )
