"""Reads of dân biết: what is posted now, the archive, a disclosure for an official or for the public."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from danchu.core import policy
from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.core.lookup import get_or_404
from danchu.units.models import Unit

from .models import (
    PUBLIC_STATES,
    Attachment,
    ChannelProof,
    Disclosure,
    DisclosureItem,
    DisclosureState,
    Scope,
    Status,
    Subscription,
)
from .permissions import DisclosurePerm

_ITEMS = Prefetch("items", queryset=DisclosureItem.objects.only("id", "code", "article", "title", "order"))


def access_disclosure(*, actor: Any, disclosure_id: int | str, for_write: bool = False) -> Disclosure:
    disclosure = get_or_404(
        Disclosure.objects.select_related("unit", "replaces", "created_by").prefetch_related(
            _ITEMS, "attachments", "proofs__recorded_by"
        ),
        disclosure_id,
        "thông tin công khai",
    )
    if for_write:
        policy.require(actor, DisclosurePerm.MANAGE, disclosure)
    else:
        require_reader(actor, disclosure)
    return disclosure


def require_reader(actor: Any, target: Any) -> None:
    """Officials who read the unit's disclosures, and those who witness postings in it (village heads)."""
    if not (
        policy.allowed(actor, DisclosurePerm.VIEW, target)
        or policy.allowed(actor, DisclosurePerm.RECORD_PROOF, target)
    ):
        raise PermissionDeniedError()


def public_disclosure(disclosure_id: int | str, today: dt.date) -> Disclosure:
    """A disclosure citizens may open: published, replaced or withdrawn (the page says so), and begun."""
    disclosure = get_or_404(
        Disclosure.objects.select_related("unit", "replaces").prefetch_related(
            _ITEMS, "attachments", "replaced_by"
        ),
        disclosure_id,
        "thông tin công khai",
    )
    if disclosure.state == DisclosureState.DRAFT or disclosure.starts_on > today:
        raise Http404("Không tìm thấy thông tin công khai.")
    if disclosure.state == DisclosureState.WITHDRAWN and disclosure.published_at is None:
        raise Http404("Không tìm thấy thông tin công khai.")
    return disclosure


def access_attachment(*, actor: Any, attachment_id: int | str, today: dt.date) -> Attachment:
    """A file is public with its disclosure; otherwise only officials who may read the draft get it."""
    attachment = get_or_404(
        Attachment.objects.select_related("disclosure__unit"), attachment_id, "tệp đính kèm"
    )
    disclosure = attachment.disclosure
    public = disclosure.state in PUBLIC_STATES and disclosure.starts_on <= today
    if not public and not policy.allowed(actor, DisclosurePerm.VIEW, disclosure):
        raise Http404("Không tìm thấy tệp đính kèm.")
    return attachment


def of_unit(unit: Unit, status: str, today: dt.date) -> QuerySet[Disclosure]:
    """An official's list of the unit's disclosures, filtered by what a reader would see today."""
    rows = Disclosure.objects.filter(unit=unit).prefetch_related(_ITEMS).order_by("-starts_on", "-id")
    published = Q(state=DisclosureState.PUBLISHED)
    filters = {
        Status.DRAFT: Q(state=DisclosureState.DRAFT),
        Status.SCHEDULED: published & Q(starts_on__gt=today),
        Status.POSTED: published & Q(starts_on__lte=today, ends_on__gte=today),
        Status.EXPIRED: published & Q(ends_on__lt=today),
        Status.SUPERSEDED: Q(state=DisclosureState.SUPERSEDED),
        Status.WITHDRAWN: Q(state=DisclosureState.WITHDRAWN),
    }
    return rows.filter(filters[Status(status)]) if status in filters else rows


def posted_now(unit: Unit, today: dt.date, item_code: str | None = None) -> QuerySet[Disclosure]:
    """Đang công khai: published, window running today; newest first."""
    rows = Disclosure.objects.filter(
        unit=unit, state=DisclosureState.PUBLISHED, starts_on__lte=today, ends_on__gte=today
    )
    if item_code:
        rows = rows.filter(items__code=item_code)
    return rows.prefetch_related(_ITEMS).order_by("-starts_on", "-id")


def archive(
    unit: Unit, today: dt.date, *, year: int | None = None, item_code: str | None = None
) -> QuerySet[Disclosure]:
    """Lưu trữ: everything the unit ever made public (posted, expired, replaced), newest first."""
    rows = Disclosure.objects.filter(unit=unit, state__in=PUBLIC_STATES, starts_on__lte=today)
    if year:
        rows = rows.filter(starts_on__year=year)
    if item_code:
        rows = rows.filter(items__code=item_code)
    return rows.prefetch_related(_ITEMS).order_by("-starts_on", "-id")


def categories_posted(unit: Unit, today: dt.date) -> list[tuple[DisclosureItem, int]]:
    """Each commune catalogue item with how many of the unit's disclosures are posted under it today."""
    links = Disclosure.items.through.objects.filter(
        disclosure__unit=unit,
        disclosure__state=DisclosureState.PUBLISHED,
        disclosure__starts_on__lte=today,
        disclosure__ends_on__gte=today,
    )
    grouped = links.values("disclosureitem_id").annotate(n=Count("id"))
    counts = {row["disclosureitem_id"]: row["n"] for row in grouped}
    items = DisclosureItem.objects.filter(scope=Scope.COMMUNE).order_by("order")
    return [(item, counts.get(item.pk, 0)) for item in items]


def catalogue(scope: str | None = None) -> QuerySet[DisclosureItem]:
    items = DisclosureItem.objects.order_by("scope", "order")
    return items.filter(scope=scope) if scope else items


def item_by_code(code: str | None) -> DisclosureItem | None:
    if not code:
        return None
    item = DisclosureItem.objects.filter(code=code[:20]).first()
    if item is None:
        raise Http404("Không có nội dung công khai này.")
    return item


def access_proof(*, actor: Any, proof_id: int | str) -> ChannelProof:
    proof = get_or_404(ChannelProof.objects.select_related("disclosure__unit"), proof_id, "minh chứng")
    require_reader(actor, proof)
    return proof


def access_item(*, actor: Any, item_id: int | str) -> DisclosureItem:
    """A catalogue line for correction: the catalogue is national, so only the system administrator."""
    policy.require(actor, DisclosurePerm.MANAGE_CATALOGUE, None)
    return get_or_404(DisclosureItem.objects.all(), item_id, "nội dung công khai")


def subscription_by_token(token: str, *, for_update: bool = False) -> Subscription:
    rows = Subscription.objects.select_related("unit", "item")
    if for_update:
        rows = rows.select_for_update(of=("self",))  # PostgreSQL cannot lock the nullable side of a join
    subscription = rows.filter(token=token[:64]).first()
    if subscription is None:
        raise DomainError("Liên kết không đúng hoặc đã hết hiệu lực.")
    return subscription


def version(unit_id: int) -> str:
    """Changes whenever the unit, one of its direct children or one of its disclosures is written: the
    portal's page cache keys on it.

    One statement (one round trip to PostgreSQL) in plain SQL, because it runs on every citizen's page view,
    where the ORM's own work would cost more than the query: the count and latest write of the unit and its
    children, and the disclosure written last (a new one is also the newest by date), one step down the
    (unit, updated_at) index."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT COUNT(*) FROM units_unit WHERE parent_id = %s OR id = %s), "
            "(SELECT MAX(updated_at) FROM units_unit WHERE parent_id = %s OR id = %s), "
            "(SELECT id FROM disclosures_disclosure WHERE unit_id = %s "
            "ORDER BY updated_at DESC, id DESC LIMIT 1), "
            "(SELECT updated_at FROM disclosures_disclosure WHERE unit_id = %s "
            "ORDER BY updated_at DESC, id DESC LIMIT 1)",
            [unit_id] * 6,
        )
        row = cursor.fetchone()
    return ":".join(str(value) for value in row)
