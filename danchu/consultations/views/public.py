"""The public pages (cổng người dân): a commune's consultations, the draft by section with its opinion
counts, the phone-first form to give an opinion, and once closed "what we heard, what we did" — every
opinion with its answer, no person named."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from danchu.accounts.actors import acting_user
from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.core.paging import paginate
from danchu.units import selectors as unit_selectors

from .. import selectors, services
from ..forms import OpinionForm
from ..models import Consultation, State

# Product choice: how long a rendered draft stays cached when nothing changes (its key changes otherwise).
DRAFT_TTL = 3600
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def public_list(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Lấy ý kiến Nhân dân of a commune: open ones first, then the concluded ones with their results."""
    unit = unit_selectors.public_unit(unit_id)
    rows = list(selectors.of_unit(unit, public=True)[:200])
    today = timezone.localdate()
    return render(
        request,
        "consultations/public_list.html",
        {
            "unit": unit,
            "open": [c for c in rows if c.accepting_on(today)],
            "others": [c for c in rows if not c.accepting_on(today)],
            "today": today,
        },
    )


def public(request: HttpRequest, consultation_id: int) -> HttpResponse:
    """The draft by section with opinion counts; once closed, every opinion with its answer."""
    consultation = selectors.public_consultation(consultation_id)
    html, whole = _draft(consultation)
    context = {
        "c": consultation,
        "unit": consultation.unit,
        "accepting": consultation.accepting,
        "sections_html": html,
        "whole": whole,
    }
    if consultation.state == State.CLOSED:
        context["tally"] = selectors.tally(consultation)
        context["page"] = paginate(
            request, selectors.public_opinions(consultation).order_by("section_id", "id"), per_page=100
        )
    return render(request, "consultations/public.html", context)


def _draft(consultation: Consultation) -> tuple[SafeString, int]:
    """The draft by section with its counts, rendered once per revision, state, language and opinions
    version (a draft of 200 sections is the page's whole cost); any of them moving changes the key."""
    accepting = consultation.accepting
    parts = (consultation.pk, consultation.page_version, accepting, get_language())
    key = "consultations:draft:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    cached: tuple[str, int] | None = cache.get(key)
    if cached is None:
        counts = selectors.opinion_counts(consultation)
        html = render_to_string(
            "consultations/_public_sections.html",
            {
                "sections": selectors.sections(consultation, None, counts),
                "accepting": accepting,
                "give_url": reverse("consultations:give", args=[consultation.pk]),
                "give_label": _("Góp ý về"),
                "count_label": _("Số ý kiến:"),
            },
        )
        cached = (str(html), counts.get(None, 0))
        cache.set(key, cached, DRAFT_TTL)
    return mark_safe(cached[0]), cached[1]  # noqa: S308 -- our own template's output, escaped when rendered


def give(request: HttpRequest, consultation_id: int) -> HttpResponse:
    """Góp ý: the section's text and one field, for a phone; signing in first if needed."""
    consultation = selectors.public_consultation(consultation_id)
    section_id = request.POST.get("section") if request.method == "POST" else request.GET.get("phan")
    section = selectors.section_of(consultation, section_id)
    if section_id not in (None, "") and section is None:
        raise Http404(_("Không có phần dự thảo này."))
    text = section.texts.order_by("-revision__number").first() if section else None
    form = OpinionForm(request.POST or None, initial={"section": section.pk if section else ""})
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if form.is_valid():
            try:
                services.give(
                    actor=acting_user(request), consultation=consultation,
                    text=form.cleaned_data["text"], section_id=section.pk if section else None,
                )  # fmt: skip
            except PermissionDeniedError as exc:
                form.add_error(None, exc.message)
            except DomainError as exc:
                form.add_error("text" if exc.field in ("text", None) else None, exc.message)
            else:
                messages.success(
                    request, _("Cảm ơn bạn đã góp ý. Ý kiến sẽ được tổng hợp và trả lời công khai.")
                )
                anchor = f"#{section.anchor}" if section else ""
                return redirect(f"{request.path.rsplit('gop-y/', 1)[0]}{anchor}")
    context = {"c": consultation, "unit": consultation.unit, "section": section, "text": text, "form": form}
    return render(request, "consultations/give.html", context, status=400 if form.errors else 200)


def draft_file(request: HttpRequest, consultation_id: int) -> FileResponse:
    """The draft as uploaded (its latest revision), for reading in full."""
    consultation = selectors.public_consultation(consultation_id)
    revision = selectors.latest_revision(consultation)
    suffix = (revision.file.name or "").rsplit(".", 1)[-1].lower()
    return FileResponse(
        revision.file.open("rb"),
        as_attachment=True,
        filename=revision.file_name,
        content_type=CONTENT_TYPES.get(suffix, "text/plain; charset=utf-8"),
    )
