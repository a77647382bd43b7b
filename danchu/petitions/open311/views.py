"""GeoReport v2 resources. `jurisdiction_id` is the commune's official code: one install serves many
communes, so it is required (400 when missing, 404 when unknown). An empty optional parameter behaves
as if absent. Errors carry the spec's body in the request's format; 404 missing, 403 key, 400 otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from danchu.core import bounds
from danchu.core.access import access_public
from danchu.core.errors import DomainError
from danchu.units.models import Unit

from .. import selectors
from ..models import CLOSED_STATUSES, OPEN_STATUSES, Category, Channel, Petition, Update
from ..services import keys
from ..services import petitions as petition_services
from ..services.intake import MAX_TEXT, SenderData
from .render import Open311Error, error, respond, w3c
from .rows import cached_list, rows_of

SPEC = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = dt.datetime(2026, 11, 30, tzinfo=dt.UTC)  # when this endpoint's contract last changed
DEFAULT_DAYS = 90
MAX_REQUESTS = 1000

View = Callable[..., HttpResponse]


def open311(view: View) -> View:
    """Answer an Open311Error (and a 404 of the door) with the spec's error body."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, fmt: str, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, fmt=fmt, **kwargs)
        except Open311Error as exc:
            return error(fmt, exc.status, exc.description)
        except Http404 as exc:
            return error(fmt, 404, str(exc) or "Not found")

    return wrapper


def _param(request: HttpRequest, name: str) -> str:
    source = request.POST if request.method == "POST" else request.GET
    return str(source.get(name, "")).strip()


def _jurisdiction(request: HttpRequest) -> Unit:
    code = _param(request, "jurisdiction_id")
    if not code:
        raise Open311Error(400, "jurisdiction_id is required (the commune's official code)")
    unit = selectors.commune_in_force(code)
    if unit is None:
        raise Open311Error(404, f"jurisdiction_id {code[:20]} not found")
    return unit


def _service(unit: Unit, code: str) -> Category:
    found = (
        Category.objects.filter(unit=unit, code=code[:40], active=True).values_list("pk", flat=True).first()
    )
    return access_public(
        Category.objects.filter(unit=unit, active=True).select_related("agency"),
        found or 0,
        label="service_code",
    )


def _service_row(category: Category) -> dict[str, Any]:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description or category.name,
        "metadata": bool(category.attributes),
        "type": "realtime",
        "keywords": category.keywords,
        "group": category.group,
    }


@require_GET
@open311
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    base = request.build_absolute_uri(reverse("petitions:o311_discovery_xml")).rsplit("/", 1)[0] + "/"
    data = {
        "changeset": w3c(CHANGESET),
        "contact": "Ủy ban nhân dân xã, phường (jurisdiction_id) qua danchu",
        "key_service": "Khoá API do quản trị hệ thống cấp: danchu open311_key TÊN --unit MÃ_XÃ",
        "endpoints": [
            {
                "specification": SPEC,
                "url": base,
                "changeset": w3c(CHANGESET),
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return respond(fmt, "discovery", None, data)


@require_GET
@open311
def services(request: HttpRequest, fmt: str) -> HttpResponse:
    unit = _jurisdiction(request)
    rows = [_service_row(c) for c in selectors.categories(unit)]
    return respond(fmt, "services", "service", rows)


@require_GET
@open311
def service_definition(request: HttpRequest, service_code: str, fmt: str) -> HttpResponse:
    unit = _jurisdiction(request)
    category = _service(unit, service_code)
    attributes = [
        {
            "variable": True,
            "code": a["code"],
            "datatype": a["datatype"],
            "required": bool(a["required"]),
            "datatype_description": a.get("datatype_description", ""),
            "order": a.get("order", i),
            "description": a.get("description", ""),
            "values": a.get("values", []),
        }
        for i, a in enumerate(category.attributes, start=1)
    ]
    return respond(fmt, "service_definition", None, {"service_code": category.code, "attributes": attributes})


def _when(value: str, name: str) -> dt.datetime | None:
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace(" ", "+") if "T" in value else value)
    except ValueError:
        raise Open311Error(400, f"{name} must be a W3C datetime (e.g. 2026-03-02T09:00:00+07:00)") from None
    if not bounds.in_range(moment.date()):
        raise Open311Error(
            400, f"{name} must be between {bounds.EARLIEST_DATE:%Y-%m-%d} and {bounds.LATEST_DATE:%Y-%m-%d}"
        )
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _ids(value: str, name: str) -> list[int]:
    parts = [p.strip() for p in value.split(",") if p.strip()]
    if (
        not parts
        or len(parts) > MAX_REQUESTS
        or not all(p.isascii() and p.isdigit() and len(p) < 19 for p in parts)
    ):
        raise Open311Error(400, f"{name} must be a comma-separated list of ids")
    return [int(p) for p in parts]


def _public_rows(unit: Unit) -> QuerySet[Petition]:
    return Petition.objects.filter(unit=unit)


@csrf_exempt
@require_http_methods(["GET", "POST"])
@open311
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _create(request, fmt)
    unit = _jurisdiction(request)
    rows = _public_rows(unit)
    wanted = _param(request, "service_request_id")
    if wanted:  # overrides every other filter
        rows = rows.filter(pk__in=_ids(wanted, "service_request_id"))
    else:
        codes = [c.strip() for c in _param(request, "service_code").split(",") if c.strip()]
        if codes:
            rows = rows.filter(category__code__in=codes)
        start, end = (
            _when(_param(request, "start_date"), "start_date"),
            _when(_param(request, "end_date"), "end_date"),
        )
        if start and end and start > end:
            raise Open311Error(400, "start_date must be before end_date")
        if start and end and end - start > dt.timedelta(days=DEFAULT_DAYS):
            raise Open311Error(400, f"the date range may not exceed {DEFAULT_DAYS} days")
        end = end or (start + dt.timedelta(days=DEFAULT_DAYS) if start else timezone.now())
        start = start or end - dt.timedelta(days=DEFAULT_DAYS)
        rows = rows.filter(created_at__gte=start, created_at__lte=end)
        statuses = {s.strip().lower() for s in _param(request, "status").split(",") if s.strip()}
        if statuses - {"open", "closed"}:
            raise Open311Error(400, "status must be open, closed or both")
        if statuses == {"open"}:
            rows = rows.filter(status__in=OPEN_STATUSES)
        elif statuses == {"closed"}:
            rows = rows.filter(status__in=CLOSED_STATUSES)
    window = "" if wanted else f"{start:%Y%m%d%H%M}-{end:%Y%m%d%H%M}"
    key = f"{fmt}|{window}|{request.GET.urlencode()}"
    return cached_list(
        unit,
        key,
        lambda: respond(
            fmt,
            "service_requests",
            "request",
            rows_of(request, rows.order_by("-created_at", "-id")[:MAX_REQUESTS]),
        ),
    )


def _attributes(request: HttpRequest, category: Category) -> dict[str, object]:
    given: dict[str, object] = {}
    for a in category.attributes:
        code = a["code"]
        if a["datatype"] == "multivaluelist":
            values = [v for v in request.POST.getlist(f"attribute[{code}][]") if v.strip()]
            value: object = values
        else:
            value = request.POST.get(f"attribute[{code}]", "").strip()
        if a.get("required") and not value:
            raise Open311Error(400, f"attribute[{code}] is required")
        allowed = {v["key"] for v in a.get("values", [])}
        chosen = value if isinstance(value, list) else [value] if value else []
        if allowed and any(v not in allowed for v in chosen):
            raise Open311Error(400, f"attribute[{code}] has a value not in the service definition")
        if value:
            given[code] = value if isinstance(value, list) else str(value)[:500]
    return given


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    """POST requests: the api_key (403), the jurisdiction and service (400/404), a location (lat and
    long, or address_string, or address_id), a description of at most 4,000 characters."""
    key_unit = keys.key_unit(_param(request, "api_key"))
    if key_unit is None:
        raise Open311Error(403, "api_key is missing or invalid")
    unit = _jurisdiction(request)
    if key_unit != unit.pk:
        raise Open311Error(403, "api_key is not valid for this jurisdiction_id")
    code = _param(request, "service_code")
    if not code:
        raise Open311Error(400, "service_code is required")
    category = _service(unit, code)
    lat, long = _param(request, "lat"), _param(request, "long")
    address = _param(request, "address_string") or _param(request, "address_id")
    if not ((lat and long) or address):
        raise Open311Error(400, "a location is required: lat and long, or address_string, or address_id")
    description = _param(request, "description")
    if len(description) > MAX_TEXT:
        raise Open311Error(400, f"description may not exceed {MAX_TEXT} characters")
    attributes = _attributes(request, category)
    media_url = _param(request, "media_url")
    if media_url and media_url.lower().startswith(("http://", "https://")) and len(media_url) <= 500:
        attributes["media_url"] = media_url
    name = " ".join(p for p in (_param(request, "first_name"), _param(request, "last_name")) if p)
    sender = SenderData(
        full_name=name,
        phone=_param(request, "phone"),
        email=_param(request, "email"),
        device=_param(request, "device_id") or _param(request, "account_id"),
    )
    try:
        petition, _new = petition_services.submit(
            actor=None,
            unit=unit,
            category=category,
            channel=Channel.OPEN311,
            sender=sender,
            subject=description.strip().split("\n", 1)[0][:200] or category.name,
            description=description or category.name,
            address=address,
            lat=lat or None,
            long=long or None,
            attributes=attributes,
        )
    except DomainError as exc:
        raise Open311Error(400, exc.message) from None
    notice = f"Mã tra cứu: {petition.letter.tracking_code}. Hạn giải quyết: {petition.due_on:%d/%m/%Y}."
    row = {
        "service_request_id": petition.pk,
        "service_notice": notice,
        "account_id": _param(request, "account_id"),
    }
    return respond(fmt, "service_requests", "request", [row])


@require_GET
@open311
def request(request: HttpRequest, service_request_id: int, fmt: str) -> HttpResponse:
    found = access_public(_public_rows_any(), service_request_id, label="service_request_id")
    unit = _jurisdiction(request)
    if found.unit_id != unit.pk:
        raise Open311Error(404, "service_request_id not found in this jurisdiction")
    return respond(fmt, "service_requests", "request", rows_of(request, Petition.objects.filter(pk=found.pk)))


def _public_rows_any() -> QuerySet[Petition]:
    return Petition.objects.only("id", "unit_id")


@require_GET
@open311
def token(request: HttpRequest, token: str, fmt: str) -> HttpResponse:
    """A token is the tracking code the POST answered with in its notice (our services are realtime)."""
    letter = selectors.letter_by_code(token)
    unit = _jurisdiction(request)
    petition = Petition.objects.filter(letter=letter, unit=unit).values_list("pk", flat=True).first()
    if petition is None:
        raise Open311Error(404, "token not found in this jurisdiction")
    return respond(
        fmt, "service_requests", "request", [{"service_request_id": petition, "token": letter.tracking_code}]
    )


@require_GET
@open311
def updates(request: HttpRequest, fmt: str) -> HttpResponse:
    """mySociety's GET servicerequestupdates: the public updates between start_date and end_date."""
    unit = _jurisdiction(request)
    start, end = (
        _when(_param(request, "start_date"), "start_date"),
        _when(_param(request, "end_date"), "end_date"),
    )
    end = end or timezone.now()
    start = start or end - dt.timedelta(days=DEFAULT_DAYS)
    rows = (
        Update.objects.filter(petition__unit=unit, at__gte=start, at__lte=end)
        .select_related("petition")
        .order_by("at", "id")[:MAX_REQUESTS]
    )
    data = [
        {
            "update_id": u.pk,
            "service_request_id": u.petition_id,
            "status": "closed" if u.status in CLOSED_STATUSES else "open",
            "updated_datetime": w3c(u.at),
            "description": u.text,
            "media_url": "",
            "external_status_code": u.external_status,
        }
        for u in rows
    ]
    return respond(fmt, "service_requests_updates", "request_update", data)
