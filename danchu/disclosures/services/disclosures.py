"""Drafting, publishing and withdrawing a disclosure.

Each write begins by reading the disclosure again through the door, locked, with the permission it needs,
and checks the state on that locked row: of twenty concurrent publications one succeeds, once audited and
once announced, and the others are told why in Vietnamese."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.accounts.models import User
from danchu.core import audit, policy, search
from danchu.core.errors import DomainError
from danchu.core.text import clean_text
from danchu.units.models import Unit

from .. import selectors
from ..models import Disclosure, DisclosureState
from ..permissions import DisclosurePerm
from ..richtext import clean_body, plain
from . import _rules
from ._rules import FIELDS, d
from .subscriptions import announce_one

SEARCH_KIND = "disclosure"


@transaction.atomic
def create_draft(
    *,
    actor: User,
    unit: Unit,
    title: str,
    item_codes: Sequence[str],
    body: str = "",
    channels: Sequence[str] | None = None,
    document_number: str = "",
    document_date: dt.date | None = None,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    replaces: Disclosure | None = None,
) -> Disclosure:
    """Soạn thông tin công khai. Window and channels default from the rulebook and the catalogue."""
    policy.require(actor, DisclosurePerm.MANAGE, unit)
    today = timezone.localdate()
    title = clean_text(title, field="title", label=gettext_noop("Tiêu đề"), max_length=300)
    body = clean_body(body)
    items = _rules.items(item_codes)
    chosen = _rules.channels(channels, items)
    starts_on = starts_on or today
    _rules.check_dates(starts_on=starts_on, ends_on=ends_on, document_date=document_date, today=today)
    ends_on = ends_on or starts_on + dt.timedelta(days=_rules.posting_days(unit, items, starts_on) - 1)
    _rules.check_window(unit, items, chosen, starts_on, ends_on, document_date)
    disclosure = Disclosure.objects.create(
        unit=unit,
        title=title,
        body=body,
        document_number=clean_text(
            document_number,
            field="document_number",
            label=gettext_noop("Số, ký hiệu văn bản"),
            max_length=60,
            required=False,
        ),
        document_date=document_date,
        starts_on=starts_on,
        ends_on=ends_on,
        channels=chosen,
        replaces=_rules.replaceable(unit, replaces),
        created_by=actor,
    )
    disclosure.items.set(items)
    audit.record(
        actor=actor,
        action="disclosures.disclosure.create",
        obj=disclosure,
        after={**audit.snapshot(disclosure, FIELDS), "items": [i.code for i in items]},
        scope_unit_id=unit.pk,
    )
    return disclosure


@transaction.atomic
def update_draft(
    *,
    actor: User,
    disclosure: Disclosure,
    title: str,
    item_codes: Sequence[str],
    body: str,
    channels: Sequence[str],
    document_number: str,
    document_date: dt.date | None,
    starts_on: dt.date,
    ends_on: dt.date,
) -> Disclosure:
    disclosure = selectors.access_disclosure(
        actor=actor, disclosure_id=disclosure.pk, perm=DisclosurePerm.MANAGE, for_write=True
    )
    _rules.require_draft(disclosure)
    _rules.check_dates(
        starts_on=starts_on, ends_on=ends_on, document_date=document_date, today=timezone.localdate()
    )
    items = _rules.items(item_codes)
    chosen = _rules.channels(channels, items)
    _rules.check_window(disclosure.unit, items, chosen, starts_on, ends_on, document_date)
    title = clean_text(title, field="title", label=gettext_noop("Tiêu đề"), max_length=300)
    body = clean_body(body)
    document_number = clean_text(
        document_number,
        field="document_number",
        label=gettext_noop("Số, ký hiệu văn bản"),
        max_length=60,
        required=False,
    )
    with audit.audited(
        actor=actor,
        action="disclosures.disclosure.update",
        obj=disclosure,
        fields=FIELDS,
        scope_unit_id=disclosure.unit_id,
    ) as change:
        change.before["items"] = sorted(disclosure.items.values_list("code", flat=True))
        disclosure.title, disclosure.body, disclosure.document_number = title, body, document_number
        disclosure.document_date, disclosure.starts_on, disclosure.ends_on = document_date, starts_on, ends_on
        disclosure.channels = chosen
        disclosure.save()
        disclosure.items.set(items)
        change.note(items=sorted(i.code for i in items))
    return disclosure


def document_of(disclosure: Disclosure, codes: Sequence[str]) -> search.Document:
    unit = disclosure.unit
    return search.Document(
        kind=SEARCH_KIND,
        object_id=disclosure.pk,
        unit_id=unit.pk,
        unit_path=unit.path,
        unit_name=unit.name,
        categories=list(codes),
        day=disclosure.document_date or disclosure.starts_on,
        visible_from=disclosure.starts_on,
        title=disclosure.title,
        body=" ".join([disclosure.document_number, plain(disclosure.body)]),
        url=reverse("portal:disclosure", args=[disclosure.pk]),
    )


@transaction.atomic
def publish(*, actor: User, disclosure: Disclosure, today: dt.date | None = None) -> Disclosure:
    """Phát hành: posted at once if the window has begun, otherwise scheduled; it replaces the disclosure
    named in `replaces`. From here on the content is fixed."""
    disclosure = selectors.access_disclosure(
        actor=actor, disclosure_id=disclosure.pk, perm=DisclosurePerm.MANAGE, for_write=True
    )
    if disclosure.state == DisclosureState.PUBLISHED:
        raise DomainError(_("Thông tin này đã được phát hành."))
    _rules.require_draft(disclosure)
    today = today or timezone.localdate()
    if disclosure.starts_on < today:
        raise DomainError(
            _(
                "Ngày bắt đầu công khai (%(d)s) đã qua: không thể ghi lùi ngày niêm yết. Hãy sửa dự thảo, "
                "chọn từ hôm nay trở đi."
            )
            % {"d": d(disclosure.starts_on)},
            field="starts_on",
        )
    items = list(disclosure.items.all())
    if not items:
        raise DomainError(_("Chọn ít nhất một nội dung phải công khai (Điều 11)."), field="items")
    replaced = None
    if disclosure.replaces_id is not None:  # locked too: two drafts cannot both replace it
        replaced = selectors.access_disclosure(
            actor=actor, disclosure_id=disclosure.replaces_id, perm=DisclosurePerm.MANAGE, for_write=True
        )
    _rules.replaceable(disclosure.unit, replaced)
    with audit.audited(
        actor=actor,
        action="disclosures.disclosure.publish",
        obj=disclosure,
        fields=FIELDS,
        scope_unit_id=disclosure.unit_id,
    ) as change:
        disclosure.state, disclosure.published_at = DisclosureState.PUBLISHED, timezone.now()
        disclosure.save(update_fields=["state", "published_at", "updated_at"])
        if replaced is not None:
            replaced.state, replaced.ended_at = DisclosureState.SUPERSEDED, timezone.now()
            replaced.ended_reason = f"Được thay thế bởi “{disclosure.title}”."
            replaced.save(update_fields=["state", "ended_at", "ended_reason", "updated_at"])
        change.note(replaced=replaced.pk if replaced else None)
    search.index(document_of(disclosure, [i.code for i in items]))
    if disclosure.starts_on <= today:
        pk = disclosure.pk
        transaction.on_commit(lambda: announce_one(pk))
    return disclosure


@transaction.atomic
def withdraw(*, actor: User, disclosure: Disclosure, reason: str) -> Disclosure:
    """Gỡ thông tin (with the reason, kept on record); it leaves the portal and search at once."""
    disclosure = selectors.access_disclosure(
        actor=actor, disclosure_id=disclosure.pk, perm=DisclosurePerm.MANAGE, for_write=True
    )
    if disclosure.state not in (DisclosureState.DRAFT, DisclosureState.PUBLISHED):
        raise DomainError(_("Thông tin này đã được gỡ hoặc đã được thay thế."))
    reason = clean_text(reason, field="reason", label=gettext_noop("Lý do gỡ"), max_length=1000)
    with audit.audited(
        actor=actor,
        action="disclosures.disclosure.withdraw",
        obj=disclosure,
        fields=FIELDS,
        scope_unit_id=disclosure.unit_id,
    ):
        disclosure.state, disclosure.ended_reason, disclosure.ended_at = (
            DisclosureState.WITHDRAWN,
            reason,
            timezone.now(),
        )
        disclosure.save(update_fields=["state", "ended_reason", "ended_at", "updated_at"])
    search.remove(SEARCH_KIND, disclosure.pk)
    return disclosure
