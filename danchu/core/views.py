"""System pages: the rulebook, the working-day calendar, an object's audit history."""

from __future__ import annotations

from contextlib import suppress

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from danchu.core.policy import CorePerm

from . import policy
from .audit import access_history, verify_chain
from .bounds import year_in_range
from .models import Holiday, Rule
from .paging import paginate
from .rulebook import in_force


@login_required
def rulebook(request: HttpRequest) -> HttpResponse:
    """Sổ quy định: every legal parameter with its source, whether verified, and the provinces' overrides."""
    today = timezone.localdate()
    rules = list(Rule.objects.filter(scope_unit__isnull=True).order_by("key", "-effective_from"))
    overrides = list(
        Rule.objects.filter(in_force(today), scope_unit__isnull=False)
        .select_related("scope_unit")
        .order_by("key", "scope_unit__name")
    )
    by_key: dict[str, list[Rule]] = {}
    for override in overrides:
        by_key.setdefault(override.key, []).append(override)
    return render(
        request,
        "core/rulebook.html",
        {
            "rows": [(rule, by_key.get(rule.key, [])) for rule in rules],
            "unverified": sum(1 for r in rules if not r.verified),
            "today": today,
        },
    )


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    year = timezone.localdate().year
    with suppress(ValueError):
        asked = int(request.GET.get("nam", "")[:6] or year)
        if year_in_range(asked):  # a year outside the accepted range is ignored: this year is shown
            year = asked
    days = Holiday.objects.filter(date__year=year).order_by("date")
    return render(request, "core/calendar.html", {"days": days, "year": year})


@login_required
def object_history(request: HttpRequest, object_type: str, object_id: str) -> HttpResponse:
    """Lịch sử: the audit entries of one object, for those who may read the audit of its unit."""
    name, entries = access_history(actor=request.user, object_type=object_type, object_id=object_id)
    return render(
        request,
        "core/object_history.html",
        {"obj": name, "page": paginate(request, entries.order_by("-id"))},
    )


@login_required
def audit_integrity(request: HttpRequest) -> HttpResponse:
    """Kiểm tra toàn vẹn nhật ký (for administrators; the same check as `danchu verify_audit`)."""
    policy.require(request.user, CorePerm.VIEW_AUDIT, None)  # the whole chain: national scope, administrators
    checked, broken = verify_chain()
    return render(request, "core/audit_integrity.html", {"checked": checked, "broken": broken})
