"""The public site: home page that browses provinces → communes, a unit's page (with what a commune has
posted now), and the error pages. Disclosure pages, search and subscriptions are in `disclosures.py`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from danchu.core import registry
from danchu.core.paging import paginate
from danchu.disclosures import selectors as disclosure_selectors
from danchu.units import selectors
from danchu.units.models import Tier

from .cache import anonymous_page


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)


def home(request: HttpRequest) -> HttpResponse:
    """Trang chủ: pick a province (current tree), or type a commune's name with or without diacritics."""
    query = request.GET.get("q", "")[:100]
    results = selectors.search_units(query, tier=Tier.COMMUNE) if query.strip() else []
    return render(
        request,
        "portal/home.html",
        {
            "provinces": selectors.provinces(),
            "query": query,
            "results": results,
        },
    )


def unit_page(request: HttpRequest, unit_id: int) -> HttpResponse:
    """A unit's public page: where it sits, what it contains, what it came from or became; for a commune,
    what it has posted now, by category (the page citizens land on from the finder, cached for them)."""
    version = disclosure_selectors.version(unit_id)
    return anonymous_page(request, version, lambda extra: _unit_page(request, unit_id, extra))


def _unit_page(request: HttpRequest, unit_id: int, extra: dict[str, Any]) -> HttpResponse:
    unit = selectors.public_unit(unit_id)
    query = request.GET.get("q", "")[:100]
    if query.strip():
        children = selectors.search_units(query, within=unit, generation=unit.generation, limit=200)
    else:
        children = list(selectors.children(unit).exclude(tier=Tier.VILLAGE))
    context: dict[str, Any] = {}
    if unit.is_commune:
        today = timezone.localdate()
        item = disclosure_selectors.item_by_code(request.GET.get("muc"))
        context = {
            # What each domain app offers a commune's citizens (its registry's portal sections): a new app
            # appears here by declaring its section, with no edit to the portal and no query.
            "sections": [
                (section.title, reverse(section.url_name, args=[unit.pk]))
                for section in registry.portal_sections()
            ],
            "item": item,
            "today": today,
            "categories": disclosure_selectors.categories_posted(unit, today),
            "posted": paginate(
                request,
                disclosure_selectors.posted_now(unit, today, item.code if item else None),
                per_page=20,
            ),
        }
    return render(
        request,
        "portal/unit.html",
        {
            **context,
            "unit": unit,
            "ancestors": selectors.ancestors(unit),
            "children": children,
            "villages": list(selectors.children(unit).filter(tier=Tier.VILLAGE)) if unit.is_commune else [],
            "successors": list(unit.successors.select_related("parent").all()),
            "predecessors": list(unit.predecessors.select_related("parent").all()),
            "query": query,
            **extra,
        },
    )
