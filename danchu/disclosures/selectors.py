"""Reads of dân biết: what is posted now, the archive, a disclosure for an official or for the public.

Every record an URL names is reached through the door (`danchu.core.access`): officials through
`access_<entity>(..., perm=...)`, citizens through `access_public` over the public scope. Who reads what:
officials who hold `DisclosurePerm.VIEW` over the unit read everything, drafts included; a witness who
holds only `DisclosurePerm.RECORD_PROOF` (a village head) reads what was published, never a draft
(`read_disclosure`, `read_unit`); citizens read what is published and has begun (`public_disclosure`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.accounts.models import User
from danchu.core.access import access, access_national, access_public
from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.core.policy import Perm
from danchu.units import selectors as unit_selectors
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
LABEL = gettext_noop("thông tin công khai")


def _witnessed(perm: Perm, prefix: str = "") -> Q:
    """What `perm` reaches: a witness (RECORD_PROOF) only what was published (a draft never was; a
    disclosure withdrawn after publication was); every other permission, the whole unit."""
    if perm == DisclosurePerm.RECORD_PROOF:
        return Q(**{f"{prefix}published_at__isnull": False})
    return Q()


def access_disclosure(
    *, actor: User, disclosure_id: int | str, perm: Perm, for_write: bool = False
) -> Disclosure:
    """A disclosure `actor` may do `perm` on (404 missing, 403 forbidden); locked with `for_write`."""
    if for_write:  # what a service needs to check and change the row, not the page's prefetches
        rows = Disclosure.objects.select_related("unit")
    else:
        rows = Disclosure.objects.select_related("unit", "replaces", "created_by").prefetch_related(
            _ITEMS, "attachments", "proofs__recorded_by"
        )
    rows = rows.filter(_witnessed(perm))
    return access(rows, disclosure_id, actor=actor, perm=perm, label=LABEL, for_write=for_write)


def _as_reader[T](fetch: Callable[[Perm], T]) -> T:
    """`fetch` as an official who reads the unit's disclosures, or else as a witness of its postings."""
    try:
        return fetch(DisclosurePerm.VIEW)
    except PermissionDeniedError:
        return fetch(DisclosurePerm.RECORD_PROOF)


def read_disclosure(*, actor: User, disclosure_id: int | str) -> Disclosure:
    """The detail page's door: any disclosure for officials who read the unit's, published ones for its
    witnesses (a draft is a 404 to them), 403 for everyone else."""
    return _as_reader(lambda perm: access_disclosure(actor=actor, disclosure_id=disclosure_id, perm=perm))


def read_unit(*, actor: User, unit_id: int | str) -> tuple[Unit, QuerySet[Disclosure]]:
    """A unit's list page: the unit through the door, and the disclosures that reader may see in it."""

    def fetch(perm: Perm) -> tuple[Unit, QuerySet[Disclosure]]:
        unit = unit_selectors.access_unit(actor=actor, unit_id=unit_id, perm=perm)
        return unit, Disclosure.objects.filter(_witnessed(perm), unit=unit)

    return _as_reader(fetch)


def access_attachment(
    *, actor: User, disclosure_id: int | str, attachment_id: int | str, perm: Perm, for_write: bool = False
) -> Attachment:
    """A file of the disclosure the address names (another disclosure's file is a 404), for officials."""
    rows = Attachment.objects.select_related("disclosure__unit").filter(
        _witnessed(perm, "disclosure__"), disclosure_id=disclosure_id
    )
    return access(
        rows, attachment_id, actor=actor, perm=perm, label=gettext_noop("tệp đính kèm"), for_write=for_write
    )


def read_attachment(*, actor: User, attachment_id: int | str) -> Attachment:
    """A file not yet public (a draft's, a scheduled disclosure's), for those who read its disclosure."""
    rows = Attachment.objects.select_related("disclosure__unit")
    return _as_reader(
        lambda perm: access(
            rows.filter(_witnessed(perm, "disclosure__")),
            attachment_id,
            actor=actor,
            perm=perm,
            label=gettext_noop("tệp đính kèm"),
        )
    )


def _public(today: dt.date, prefix: str = "") -> Q:
    """What citizens may open: published, replaced, or withdrawn after publication (the page says so),
    and begun."""
    return Q(**{f"{prefix}published_at__isnull": False, f"{prefix}starts_on__lte": today}) & ~Q(
        **{f"{prefix}state": DisclosureState.DRAFT}
    )


def public_disclosure(disclosure_id: int | str, today: dt.date) -> Disclosure:
    """A disclosure citizens may open (see `_public`)."""
    rows = Disclosure.objects.filter(_public(today)).select_related("unit", "replaces")
    return access_public(
        rows.prefetch_related(_ITEMS, "attachments", "replaced_by"), disclosure_id, label=LABEL
    )


def public_attachment(attachment_id: int | str, today: dt.date) -> Attachment:
    """A file of a disclosure that is public and has not been withdrawn."""
    rows = Attachment.objects.filter(
        disclosure__state__in=PUBLIC_STATES, disclosure__starts_on__lte=today
    ).select_related("disclosure")
    return access_public(rows, attachment_id, label=gettext_noop("tệp đính kèm"))


def of_unit(rows: QuerySet[Disclosure], status: str, today: dt.date) -> QuerySet[Disclosure]:
    """A unit's disclosures as `read_unit` scoped them, filtered by what a reader would see today."""
    rows = rows.prefetch_related(_ITEMS).order_by("-starts_on", "-id")
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
        raise Http404(_("Không có nội dung công khai này."))
    return item


def access_proof(*, actor: User, proof_id: int | str) -> ChannelProof:
    """A proof of posting (proofs exist only for published disclosures), for its unit's readers."""
    rows = ChannelProof.objects.select_related("disclosure__unit")
    return _as_reader(
        lambda perm: access(rows, proof_id, actor=actor, perm=perm, label=gettext_noop("minh chứng"))
    )


def access_item(*, actor: User, item_id: int | str, perm: Perm, for_write: bool = False) -> DisclosureItem:
    """A catalogue line. The catalogue is national and public: `perm` is asked of the whole country (no
    unit), then the line is read from the catalogue (locked with `for_write`)."""
    rows = DisclosureItem.objects.all()
    return access_national(
        rows, item_id, actor=actor, perm=perm, label=gettext_noop("nội dung công khai"), for_write=for_write
    )


def subscription_by_token(token: str, *, for_write: bool = False) -> Subscription:
    """A subscription by the secret of its links (the token is the permission); locked with `for_write`."""
    rows = Subscription.objects.select_related("unit", "item")
    if for_write:
        rows = rows.select_for_update(of=("self",))  # PostgreSQL cannot lock the nullable side of a join
    subscription = rows.filter(token=token[:64]).first()
    if subscription is None:
        raise DomainError(_("Liên kết không đúng hoặc đã hết hiệu lực."))
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
