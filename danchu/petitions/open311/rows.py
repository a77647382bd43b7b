"""The `request` elements of GET requests, from plain rows (up to 1,000 of them: no model instances),
and a cache of whole answers keyed by the commune's version (its petitions' count and latest write), so
that a poll that finds nothing new costs one aggregate query."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from danchu.units.models import Unit

from ..models import CLOSED_STATUSES, Petition, Photo, Status, Update
from ..services import petitions as petition_services
from .render import w3c

TTL_SECONDS = 300


def cached_list(unit: Unit, key: str, render: Callable[[], HttpResponse]) -> HttpResponse:
    """`render()` once per (commune version, request); a later write to the commune's petitions or their
    updates changes the version and so the key."""
    version = Petition.objects.filter(unit=unit).aggregate(n=Count("id"), at=Max("updated_at"))
    latest = Update.objects.filter(petition__unit=unit).aggregate(at=Max("id"))["at"]
    parts = (unit.pk, version["n"], str(version["at"]), latest, key)
    name = "open311:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    stored: tuple[bytes, str] | None = cache.get(name)
    if stored is not None:
        return HttpResponse(stored[0], content_type=stored[1])
    response = render()
    if response.status_code == 200:
        cache.set(name, (response.content, response["Content-Type"]), TTL_SECONDS)
    return response


_FIELDS = (
    "pk",
    "status",
    "answer",
    "category__name",
    "category__code",
    "letter__text",
    "agency__name",
    "created_at",
    "updated_at",
    "closed_at",
    "due_on",
    "address",
    "lat",
    "long",
    "attributes",
)


def rows_of(request: HttpRequest, petitions: QuerySet[Petition]) -> list[dict[str, Any]]:
    """The `request` elements of these petitions, from plain rows (up to 1,000 of them: no instances)."""
    rows = list(petitions.values(*_FIELDS))
    images: dict[int, int] = {}
    wanted = [r["pk"] for r in rows]
    for start in range(0, len(wanted), 500):
        for photo_id, petition_id in (
            Photo.objects.filter(
                petition_id__in=wanted[start : start + 500], file_kind__in=["jpeg", "png", "webp"]
            )
            .order_by("-id")
            .values_list("pk", "petition_id")
        ):
            images[petition_id] = photo_id
    photo_base = request.build_absolute_uri(reverse("petitions:photo", args=[1]))[: -len("1/")]
    zone = timezone.get_current_timezone()
    return [_request_row(r, images.get(r["pk"]), photo_base, zone) for r in rows]


def _request_row(r: dict[str, Any], image: int | None, photo_base: str, zone: Any) -> dict[str, Any]:
    closed = r["status"] in CLOSED_STATUSES
    media = f"{photo_base}{image}/" if image else (r["attributes"] or {}).get("media_url", "")
    due = dt.datetime.combine(r["due_on"], dt.time(17, 0), tzinfo=zone)
    return {
        "service_request_id": r["pk"],
        "status": "closed" if closed else "open",
        "status_notes": r["answer"],
        "service_name": r["category__name"],
        "service_code": r["category__code"],
        "description": r["letter__text"],
        "agency_responsible": r["agency__name"] or "",
        "service_notice": "",
        "requested_datetime": w3c(r["created_at"]),
        "updated_datetime": w3c(r["closed_at"] if closed and r["closed_at"] else r["updated_at"]),
        "expected_datetime": w3c(due),
        "address": r["address"],
        "address_id": "",
        "zipcode": "",
        "lat": "" if r["lat"] is None else str(r["lat"]),
        "long": "" if r["long"] is None else str(r["long"]),
        "media_url": media,
        # mySociety's extension: the finer status FixMyStreet maps (FIXED, IN_PROGRESS, DUPLICATE…)
        "extended_attributes": {"external_status_code": petition_services.EXTERNAL[Status(r["status"])]},
    }
