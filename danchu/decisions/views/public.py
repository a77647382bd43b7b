"""Public pages: a commune's published results (portal section) and one result with its receipts."""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from danchu.core.paging import paginate
from danchu.units import selectors as unit_selectors

from .. import codes, selectors, services


def public_list(request: HttpRequest, commune_id: int) -> HttpResponse:
    """Kết quả bàn và quyết định của xã (and its villages)."""
    commune = unit_selectors.public_unit(commune_id)
    if not commune.is_commune:
        raise Http404
    return render(
        request,
        "decisions/public_list.html",
        {"commune": commune, "page": paginate(request, selectors.published_in(commune))},
    )


def public(request: HttpRequest, decision_id: int) -> HttpResponse:
    """Kết quả: counts over the frozen denominator, the rule and its citation, the digest, the receipts."""
    decision = selectors.public_decision(decision_id)
    code = request.GET.get("ma", "").strip()
    receipts = selectors.receipts_of(decision)
    found = None
    if code:
        found = codes.normalise(code[:40]) in set(receipts)
    return render(
        request,
        "decisions/public.html",
        {
            "decision": decision,
            "matter": selectors.matter_of(decision),
            "result": selectors.compute_result(decision),
            "receipts": receipts,
            "code": code[:40],
            "found": found,
        },
    )


def record(request: HttpRequest, decision_id: int) -> HttpResponse:
    """The canonical record the digest covers, so anyone can recompute it."""
    decision = selectors.public_decision(decision_id)
    body = json.dumps(
        services.canonical_record(decision), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return HttpResponse(body, content_type="application/json; charset=utf-8")
