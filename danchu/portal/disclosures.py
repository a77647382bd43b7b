"""The citizens' side of dân biết: what a commune has posted, its archive, one disclosure, its files, search,
and email subscriptions. Small pages, no script needed: they must load on a phone over a slow line."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from danchu.accounts.models import User
from danchu.core import search as search_index
from danchu.core.errors import DomainError
from danchu.core.files import file_response
from danchu.core.paging import paginate
from danchu.disclosures import limits, selectors, services
from danchu.disclosures.forms import SubscribeForm
from danchu.disclosures.models import DisclosureState
from danchu.units import selectors as unit_selectors
from danchu.units.models import Unit

from .cache import anonymous_page


def _commune(unit_id: int) -> Unit:
    unit = unit_selectors.public_unit(unit_id)
    if not unit.is_commune:
        raise Http404(_("Chỉ xã, phường, đặc khu có trang công khai thông tin."))
    return unit


def archive(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Lưu trữ: everything the commune ever made public, by year and category (cached for citizens)."""
    return anonymous_page(
        request, selectors.version(unit_id), lambda extra: _archive(request, unit_id, extra)
    )


def _archive(request: HttpRequest, unit_id: int, extra: dict[str, Any]) -> HttpResponse:
    unit, today = _commune(unit_id), timezone.localdate()
    year = limits.year_param(request.GET.get("nam"), today=today)  # anything else shows every year
    item = selectors.item_by_code(request.GET.get("muc"))
    rows = selectors.archive(unit, today, year=year, item_code=item.code if item else None)
    return render(
        request,
        "portal/archive.html",
        {
            "unit": unit,
            "ancestors": unit_selectors.ancestors(unit),
            "page": paginate(request, rows),
            "year": year,
            "years": list(range(today.year, limits.FIRST_YEAR - 1, -1)),
            "item": item,
            "items": list(selectors.catalogue("commune")),
            "today": today,
            **extra,
        },
    )


def disclosure(request: HttpRequest, disclosure_id: int) -> HttpResponse:
    today = timezone.localdate()
    found = selectors.public_disclosure(disclosure_id, today)
    status = 410 if found.state == DisclosureState.WITHDRAWN else 200
    context = {
        "d": found,
        "unit": found.unit,
        "ancestors": unit_selectors.ancestors(found.unit),
        "status": found.status_on(today),
        "replaced_by": [r for r in found.replaced_by.all() if r.state != DisclosureState.DRAFT],
    }
    return render(request, "portal/disclosure.html", context, status=status)


def attachment(request: HttpRequest, attachment_id: int) -> FileResponse:
    """A file: public with its disclosure; before that, only for those who read the disclosure (officials
    see a draft's files through this same address)."""
    try:
        found = selectors.public_attachment(attachment_id, timezone.localdate())
    except Http404:
        if not isinstance(request.user, User):
            raise
        found = selectors.read_attachment(actor=request.user, attachment_id=attachment_id)
    return file_response(found.file, found.name, found.kind)


def _day(value: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(value.strip(), "%d/%m/%Y").date()  # noqa: DTZ007 (a calendar day)
    except ValueError:
        return None


def search(request: HttpRequest) -> HttpResponse:
    """Tìm kiếm: words with or without diacritics, in one commune or everywhere, by category and date."""
    today = timezone.localdate()
    text = request.GET.get("q", "")
    unit_text = request.GET.get("don_vi", "")
    unit = unit_selectors.public_unit(unit_text) if unit_text.isascii() and unit_text.isdigit() else None
    item = selectors.item_by_code(request.GET.get("muc"))
    notes = []
    dates: dict[str, dt.date | None] = {}
    for key, label in (("tu", _("Từ ngày")), ("den", _("Đến ngày"))):
        raw = request.GET.get(key, "").strip()
        dates[key] = _day(raw) if raw else None
        if raw and dates[key] is None:
            notes.append(
                _("%(label)s “%(value)s” không đúng dạng ngày/tháng/năm nên được bỏ qua.")
                % {"label": label, "value": raw[:20]}
            )
    page_text = request.GET.get("trang", "1")
    results = search_index.search(
        text,
        today=today,
        within_path=unit.path if unit else None,
        category=item.code if item else None,
        date_from=dates["tu"],
        date_to=dates["den"],
        page=limits.page_param(page_text),
    )
    if len(text) > search_index.MAX_QUERY_CHARS:
        notes.append(
            _("Chỉ tìm theo %(search_index_MAX_QUERY_CHARS)s ký tự đầu của câu tìm kiếm.")
            % {"search_index_MAX_QUERY_CHARS": search_index.MAX_QUERY_CHARS}
        )
    return render(
        request,
        "portal/search.html",
        {
            "query": text[: search_index.MAX_QUERY_CHARS],
            "results": results,
            "unit": unit,
            "item": item,
            "items": list(selectors.catalogue("commune")),
            "tu": request.GET.get("tu", "")[:20],
            "den": request.GET.get("den", "")[:20],
            "notes": notes,
        },
    )


def subscribe(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Đăng ký nhận tin qua thư điện tử (double opt-in)."""
    unit = _commune(unit_id)
    form = SubscribeForm(request.POST or None, initial={"item": request.GET.get("muc", "")})
    sent_to, status = "", 200
    if request.method == "POST":
        if form.is_valid():
            try:
                item = selectors.item_by_code(form.cleaned_data["item"])
                sent_to = services.subscribe(email=form.cleaned_data["email"], unit=unit, item=item).email
            except DomainError as exc:
                form.add_error("email" if exc.field == "email" else None, exc.message)
        if form.errors:
            status = 400
    context = {"unit": unit, "ancestors": unit_selectors.ancestors(unit), "form": form, "sent_to": sent_to}
    return render(request, "portal/subscribe.html", context, status=status)


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscription = services.confirm(token=token)
    except DomainError as exc:
        return render(request, "portal/subscription.html", {"error": exc.message}, status=400)
    return render(request, "portal/subscription.html", {"subscription": subscription, "confirmed": True})


@csrf_exempt  # the token in the address is the secret; mail programs POST here (RFC 8058) with no cookie
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows one button (link checkers must not unsubscribe anyone); POST unsubscribes at once."""
    try:
        subscription = services.unsubscribe(token=token) if request.method == "POST" else None
        if subscription is None:
            subscription = selectors.subscription_by_token(token)
    except DomainError as exc:
        return render(request, "portal/subscription.html", {"error": exc.message}, status=400)
    done = request.method == "POST" or subscription.unsubscribed_at is not None
    return render(request, "portal/subscription.html", {"subscription": subscription, "unsubscribed": done})
