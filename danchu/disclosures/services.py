"""Writes of dân biết: drafting, publishing, proof of posting, withdrawal, the catalogue, subscriptions.

Every write checks the actor's permission over the unit tree, validates everything before touching the
database, runs in one transaction and leaves one audit entry; what goes out (search entry, emails) follows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from danchu.core import audit, policy, rulebook, search
from danchu.core.errors import DomainError
from danchu.core.files import check_upload
from danchu.core.text import clean_text
from danchu.units.models import Unit

from . import mail, selectors
from .models import (
    PUBLIC_STATES,
    SELF_PROVEN,
    Attachment,
    Channel,
    ChannelProof,
    Disclosure,
    DisclosureItem,
    DisclosureState,
    Recurrence,
    Scope,
    Subscription,
)
from .permissions import DisclosurePerm
from .richtext import clean_body, plain

FIELDS = (
    "title",
    "document_number",
    "document_date",
    "starts_on",
    "ends_on",
    "channels",
    "state",
    "replaces_id",
    "ended_reason",
)
ITEM_FIELDS = ("title", "recurrence", "channels", "mandatory", "broadcast", "posting_days", "note")
MAX_ATTACHMENTS = 20
SEARCH_KIND = "disclosure"


def _d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def posting_days(unit: Unit, items: Sequence[DisclosureItem], on: dt.date) -> int:
    """How long a notice stays on the board: the rulebook's minimum, or an item's longer period."""
    least = int(rulebook.number("disclosure.posting_min_days", unit=unit, on=on))
    return max([least, *(i.posting_days or 0 for i in items)])


def _items(codes: Sequence[str]) -> list[DisclosureItem]:
    wanted = list(dict.fromkeys(c.strip() for c in codes if c.strip()))
    if not wanted:
        raise DomainError("Chọn ít nhất một nội dung phải công khai (Điều 11).", field="items")
    found = {i.code: i for i in DisclosureItem.objects.filter(code__in=wanted)}
    unknown = [c for c in wanted if c not in found]
    if unknown:
        raise DomainError(f"Không có nội dung công khai mã {', '.join(unknown)}.", field="items")
    return [found[c] for c in wanted]


def _channels(values: Sequence[str] | None, items: Sequence[DisclosureItem]) -> list[str]:
    if values is None:  # the catalogue's defaults for the chosen items
        values = [c for i in items for c in i.channels]
    chosen = list(dict.fromkeys(values))
    unknown = [c for c in chosen if c not in Channel.values]
    if unknown:
        raise DomainError(f"Hình thức công khai không hợp lệ: {', '.join(unknown)}.", field="channels")
    if not chosen:
        raise DomainError("Chọn ít nhất một hình thức công khai (Điều 12).", field="channels")
    return chosen


def _check_window(
    unit: Unit,
    items: Sequence[DisclosureItem],
    channels: Sequence[str],
    starts_on: dt.date,
    ends_on: dt.date,
    document_date: dt.date | None,
) -> None:
    if ends_on < starts_on:
        raise DomainError(
            f"Ngày kết thúc ({_d(ends_on)}) phải sau ngày bắt đầu công khai ({_d(starts_on)}).",
            field="ends_on",
        )
    if document_date and document_date > starts_on:
        raise DomainError(
            f"Ngày văn bản ({_d(document_date)}) không thể sau ngày bắt đầu công khai ({_d(starts_on)}).",
            field="document_date",
        )
    least = posting_days(unit, items, starts_on)
    days = (ends_on - starts_on).days + 1
    if Channel.NOTICE_BOARD in channels and days < least:
        raise DomainError(
            f"Niêm yết tại trụ sở phải kéo dài ít nhất {least} ngày; thời gian đã chọn là {days} ngày "
            f"(đến {_d(ends_on)}). Hãy chọn ngày kết thúc từ {_d(starts_on + dt.timedelta(days=least - 1))}.",
            field="ends_on",
        )


def _replaces(unit: Unit, replaces: Disclosure | None) -> Disclosure | None:
    if replaces is not None and (replaces.unit_id != unit.pk or replaces.state != DisclosureState.PUBLISHED):
        raise DomainError("Chỉ thay thế được thông tin đang phát hành của chính đơn vị.", field="replaces")
    return replaces


@transaction.atomic
def create_draft(
    *,
    actor: Any,
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
    title = clean_text(title, field="title", max_length=300)
    body = clean_body(body)
    items = _items(item_codes)
    chosen = _channels(channels, items)
    starts_on = starts_on or timezone.localdate()
    ends_on = ends_on or starts_on + dt.timedelta(days=posting_days(unit, items, starts_on) - 1)
    _check_window(unit, items, chosen, starts_on, ends_on, document_date)
    disclosure = Disclosure.objects.create(
        unit=unit,
        title=title,
        body=body,
        document_number=clean_text(document_number, field="document_number", max_length=60, required=False),
        document_date=document_date,
        starts_on=starts_on,
        ends_on=ends_on,
        channels=chosen,
        replaces=_replaces(unit, replaces),
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


def _require_draft(disclosure: Disclosure) -> None:
    if disclosure.state != DisclosureState.DRAFT:
        raise DomainError(
            "Chỉ sửa được dự thảo. Thông tin đã phát hành được điều chỉnh bằng một thông tin mới thay thế nó."
        )


@transaction.atomic
def update_draft(
    *,
    actor: Any,
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
    policy.require(actor, DisclosurePerm.MANAGE, disclosure)
    _require_draft(disclosure)
    items = _items(item_codes)
    chosen = _channels(channels, items)
    _check_window(disclosure.unit, items, chosen, starts_on, ends_on, document_date)
    before = {
        **audit.snapshot(disclosure, FIELDS),
        "items": sorted(disclosure.items.values_list("code", flat=True)),
    }
    disclosure.title = clean_text(title, field="title", max_length=300)
    disclosure.body = clean_body(body)
    disclosure.document_number = clean_text(
        document_number, field="document_number", max_length=60, required=False
    )
    disclosure.document_date, disclosure.starts_on, disclosure.ends_on = document_date, starts_on, ends_on
    disclosure.channels = chosen
    disclosure.save()
    disclosure.items.set(items)
    audit.record(
        actor=actor,
        action="disclosures.disclosure.update",
        obj=disclosure,
        before=before,
        after={**audit.snapshot(disclosure, FIELDS), "items": sorted(i.code for i in items)},
        scope_unit_id=disclosure.unit_id,
    )
    return disclosure


@transaction.atomic
def add_attachment(*, actor: Any, disclosure: Disclosure, name: str, data: bytes) -> Attachment:
    """Đính kèm tệp: PDF, Word or a photo, checked by content; only while the disclosure is a draft."""
    policy.require(actor, DisclosurePerm.MANAGE, disclosure)
    _require_draft(disclosure)
    name = clean_text(name, field="file", max_length=200)
    kind = check_upload(name, data, field="file", label="Tệp đính kèm")
    if disclosure.attachments.count() >= MAX_ATTACHMENTS:
        raise DomainError(f"Mỗi thông tin công khai có tối đa {MAX_ATTACHMENTS} tệp đính kèm.", field="file")
    attachment = Attachment(
        disclosure=disclosure, name=name, kind=kind, size=len(data), sha256=hashlib.sha256(data).hexdigest()
    )
    attachment.file.save(f"{secrets.token_hex(8)}.{kind}", ContentFile(data), save=False)
    attachment.save()
    audit.record(
        actor=actor,
        action="disclosures.attachment.add",
        obj=disclosure,
        after={
            "attachment": attachment.pk,
            "name": name,
            "kind": kind,
            "size": len(data),
            "sha256": attachment.sha256,
        },
        scope_unit_id=disclosure.unit_id,
    )
    return attachment


@transaction.atomic
def remove_attachment(*, actor: Any, attachment: Attachment) -> None:
    disclosure = attachment.disclosure
    policy.require(actor, DisclosurePerm.MANAGE, disclosure)
    _require_draft(disclosure)
    audit.record(
        actor=actor,
        action="disclosures.attachment.remove",
        obj=disclosure,
        before={"attachment": attachment.pk, "name": attachment.name, "sha256": attachment.sha256},
        scope_unit_id=disclosure.unit_id,
    )
    stored = str(attachment.file.name)
    attachment.delete()
    transaction.on_commit(lambda: attachment.file.storage.delete(stored))


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
        url=f"/cong-bo/{disclosure.pk}/",
    )


@transaction.atomic
def publish(*, actor: Any, disclosure: Disclosure, today: dt.date | None = None) -> Disclosure:
    """Phát hành: posted at once if the window has begun, otherwise scheduled; it replaces the disclosure
    named in `replaces`. From here on the content is fixed."""
    policy.require(actor, DisclosurePerm.MANAGE, disclosure)
    _require_draft(disclosure)
    today = today or timezone.localdate()
    if disclosure.starts_on < today:
        raise DomainError(
            f"Ngày bắt đầu công khai ({_d(disclosure.starts_on)}) đã qua: không thể ghi lùi ngày niêm yết. "
            "Hãy sửa dự thảo, chọn từ hôm nay trở đi.",
            field="starts_on",
        )
    items = list(disclosure.items.all())
    if not items:
        raise DomainError("Chọn ít nhất một nội dung phải công khai (Điều 11).", field="items")
    before = audit.snapshot(disclosure, FIELDS)
    replaced = _replaces(disclosure.unit, disclosure.replaces)
    disclosure.state, disclosure.published_at = DisclosureState.PUBLISHED, timezone.now()
    disclosure.save(update_fields=["state", "published_at", "updated_at"])
    if replaced is not None:
        replaced.state, replaced.ended_at = DisclosureState.SUPERSEDED, timezone.now()
        replaced.ended_reason = f"Được thay thế bởi “{disclosure.title}”."
        replaced.save(update_fields=["state", "ended_at", "ended_reason", "updated_at"])
    search.index(document_of(disclosure, [i.code for i in items]))
    audit.record(
        actor=actor,
        action="disclosures.disclosure.publish",
        obj=disclosure,
        before=before,
        after={**audit.snapshot(disclosure, FIELDS), "replaced": replaced.pk if replaced else None},
        scope_unit_id=disclosure.unit_id,
    )
    if disclosure.starts_on <= today:
        pk = disclosure.pk
        transaction.on_commit(lambda: announce_one(pk))
    return disclosure


@transaction.atomic
def withdraw(*, actor: Any, disclosure: Disclosure, reason: str) -> Disclosure:
    """Gỡ thông tin (with the reason, kept on record); it leaves the portal and search at once."""
    policy.require(actor, DisclosurePerm.MANAGE, disclosure)
    if disclosure.state not in (DisclosureState.DRAFT, DisclosureState.PUBLISHED):
        raise DomainError("Thông tin này đã được gỡ hoặc đã được thay thế.")
    reason = clean_text(reason, field="reason", max_length=1000)
    before = audit.snapshot(disclosure, FIELDS)
    disclosure.state, disclosure.ended_reason, disclosure.ended_at = (
        DisclosureState.WITHDRAWN,
        reason,
        timezone.now(),
    )
    disclosure.save(update_fields=["state", "ended_reason", "ended_at", "updated_at"])
    search.remove(SEARCH_KIND, disclosure.pk)
    audit.record(
        actor=actor,
        action="disclosures.disclosure.withdraw",
        obj=disclosure,
        before=before,
        after=audit.snapshot(disclosure, FIELDS),
        scope_unit_id=disclosure.unit_id,
    )
    return disclosure


@transaction.atomic
def record_proof(
    *,
    actor: Any,
    disclosure: Disclosure,
    channel: str,
    day: dt.date,
    place: str,
    note: str = "",
    file_name: str = "",
    file_data: bytes = b"",
    today: dt.date | None = None,
) -> ChannelProof:
    """Ghi minh chứng công khai (or one day of the loudspeaker log), by someone of the unit itself."""
    policy.require(actor, DisclosurePerm.RECORD_PROOF, disclosure)
    today = today or timezone.localdate()
    if disclosure.state not in PUBLIC_STATES:
        raise DomainError("Chỉ ghi minh chứng cho thông tin đã phát hành.")
    if channel not in Channel.values:
        raise DomainError("Hình thức công khai không hợp lệ.", field="channel")
    label = Channel(channel).label
    if channel not in disclosure.channels:
        raise DomainError(f"Thông tin này không công khai qua hình thức “{label}”.", field="channel")
    if channel in SELF_PROVEN:
        raise DomainError(f"“{label}”: hệ thống tự ghi nhận, không cần minh chứng.", field="channel")
    last = min(disclosure.ends_on, today)
    if not disclosure.starts_on <= day <= last:
        raise DomainError(
            f"Ngày minh chứng phải trong thời gian công khai, từ {_d(disclosure.starts_on)} đến {_d(last)}.",
            field="day",
        )
    if channel == Channel.LOUDSPEAKER and disclosure.proofs.filter(channel=channel, day=day).exists():
        raise DomainError(f"Nhật ký phát thanh ngày {_d(day)} đã được ghi.", field="day")
    proof = ChannelProof(
        disclosure=disclosure,
        channel=channel,
        day=day,
        place=clean_text(place, field="place", max_length=200),
        note=clean_text(note, field="note", max_length=2000, required=False),
        recorded_by=actor,
    )
    if file_data:
        proof.file_kind = check_upload(file_name, file_data, field="file", label="Ảnh, tệp minh chứng")
        proof.file_name = clean_text(file_name, field="file", max_length=200)
        proof.file.save(f"{secrets.token_hex(8)}.{proof.file_kind}", ContentFile(file_data), save=False)
    proof.save()
    audit.record(
        actor=actor,
        action="disclosures.proof.record",
        obj=disclosure,
        after={
            **audit.snapshot(proof, ("channel", "day", "place", "note", "file_name")),
            "proof": proof.pk,
            "sha256": hashlib.sha256(file_data).hexdigest() if file_data else None,
        },
        scope_unit_id=disclosure.unit_id,
    )
    return proof


@transaction.atomic
def update_item(
    *,
    actor: Any,
    item: DisclosureItem,
    title: str,
    recurrence: str,
    channels: Sequence[str],
    mandatory: bool,
    broadcast: bool,
    posting_days: int | None,
    note: str,
) -> DisclosureItem:
    """Correct an unverified line of the catalogue; a line checked against the law's text stays as it is."""
    policy.require(actor, DisclosurePerm.MANAGE_CATALOGUE, None)
    if item.verified:
        raise DomainError(f"Nội dung {item.code} đã được đối chiếu với văn bản luật nên không sửa được.")
    if recurrence not in Recurrence.values:
        raise DomainError("Định kỳ không hợp lệ.", field="recurrence")
    if posting_days is not None and not 1 <= posting_days <= 365:
        raise DomainError("Số ngày niêm yết phải từ 1 đến 365.", field="posting_days")
    before = audit.snapshot(item, ITEM_FIELDS)
    item.title = clean_text(title, field="title", max_length=1000)
    item.recurrence, item.mandatory, item.broadcast, item.posting_days = (
        recurrence,
        mandatory,
        broadcast,
        posting_days,
    )
    item.channels = _channels(channels, [])
    item.note = clean_text(note, field="note", max_length=2000, required=False)
    item.save()
    audit.record(
        actor=actor,
        action="disclosures.item.update",
        obj=item,
        before=before,
        after=audit.snapshot(item, ITEM_FIELDS),
        scope_unit_id=None,
    )
    return item


# Subscriptions ------------------------------------------------------------------------------------------


def _masked(email: str) -> str:
    """What the audit log keeps of an address: enough to recognise it, not enough to harvest it."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


def _new_token() -> str:
    return secrets.token_urlsafe(32)


@transaction.atomic
def subscribe(*, email: str, unit: Unit, item: DisclosureItem | None = None) -> Subscription:
    """Đăng ký nhận tin: always answers the same way, sends a confirmation link at most every 10 minutes,
    and never says whether the address was already subscribed (no address harvesting)."""
    email = clean_text(email, field="email", max_length=254).lower()
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError("Địa chỉ thư điện tử không hợp lệ.", field="email") from None
    if not unit.is_commune:
        raise DomainError("Chỉ đăng ký nhận tin của một xã, phường, đặc khu.", field="unit")
    if item is not None and item.scope != Scope.COMMUNE:
        raise DomainError("Nội dung này không thuộc danh mục công khai của xã.", field="item")
    now = timezone.now()
    existing = (
        Subscription.objects.select_for_update()
        .filter(email=email, unit=unit, item=item, unsubscribed_at__isnull=True)
        .first()
    )
    if existing is not None and existing.confirmed_at is not None:
        return existing
    subscription = existing or Subscription(email=email, unit=unit, item=item, token=_new_token())
    recently = subscription.confirmation_sent_at and now - subscription.confirmation_sent_at < dt.timedelta(
        minutes=10
    )
    if not recently:
        subscription.confirmation_sent_at = now
        subscription.save()
        audit.record(
            actor=None,
            action="disclosures.subscription.request",
            obj=subscription,
            after={"email": _masked(email), "unit": unit.pk, "item": item.code if item else None},
            scope_unit_id=unit.pk,
        )
        pk = subscription.pk
        transaction.on_commit(lambda: mail.send_confirmation.enqueue(pk))
    return subscription


@transaction.atomic
def confirm(*, token: str) -> Subscription:
    subscription = selectors.subscription_by_token(token, for_update=True)
    if subscription.unsubscribed_at is not None:
        raise DomainError("Đăng ký này đã được huỷ; hãy đăng ký lại nếu muốn nhận tin.")
    if subscription.confirmed_at is None:
        limit = dt.timedelta(days=settings.DANCHU_SUBSCRIPTION_CONFIRM_DAYS)
        if timezone.now() - subscription.created_at > limit:
            raise DomainError("Liên kết xác nhận đã quá hạn; hãy đăng ký lại.")
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
        audit.record(
            actor=None,
            action="disclosures.subscription.confirm",
            obj=subscription,
            after={"email": _masked(subscription.email)},
            scope_unit_id=subscription.unit_id,
        )
    return subscription


@transaction.atomic
def unsubscribe(*, token: str) -> Subscription:
    subscription = selectors.subscription_by_token(token, for_update=True)
    if subscription.unsubscribed_at is None:
        subscription.unsubscribed_at = timezone.now()
        subscription.save(update_fields=["unsubscribed_at"])
        audit.record(
            actor=None,
            action="disclosures.subscription.unsubscribe",
            obj=subscription,
            after={"email": _masked(subscription.email)},
            scope_unit_id=subscription.unit_id,
        )
    return subscription


def announce_one(disclosure_id: int) -> None:
    mail.send_announcement.enqueue(disclosure_id)


def announce_started(today: dt.date) -> dict[str, int]:
    """The daily job: email subscribers about scheduled disclosures whose window began."""
    due = list(
        Disclosure.objects.filter(
            state=DisclosureState.PUBLISHED,
            announced_at__isnull=True,
            starts_on__lte=today,
            ends_on__gte=today,
        ).values_list("pk", flat=True)[:1000]
    )
    for pk in due:
        mail.send_announcement.enqueue(pk)
    return {"disclosures.announced": len(due)}
