"""Email subscriptions (đăng ký nhận tin) and the announcements sent to them. Citizens act here without an
account: the token in a link is their permission, and the audit entry names no actor."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.core import audit
from danchu.core.errors import DomainError
from danchu.core.text import clean_text
from danchu.units.models import Unit

from .. import mail, selectors
from ..models import Disclosure, DisclosureItem, DisclosureState, Scope, Subscription

# Product choice: a confirmation link is sent again at most this often (a form posted in a loop sends no
# flood of mail to someone else's address).
CONFIRMATION_RESEND = dt.timedelta(minutes=10)
# Product choice: how many disclosures the daily job announces in one run (the rest follow the next day).
ANNOUNCE_BATCH = 1000


def _masked(email: str) -> str:
    """What the audit log keeps of an address: enough to recognise it, not enough to harvest it."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


@transaction.atomic
def subscribe(*, email: str, unit: Unit, item: DisclosureItem | None = None) -> Subscription:
    """Đăng ký nhận tin: always answers the same way, sends a confirmation link at most every
    `CONFIRMATION_RESEND`, and never says whether the address was already subscribed (no harvesting)."""
    email = clean_text(email, field="email", label=gettext_noop("Thư điện tử"), max_length=254).lower()
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(_("Địa chỉ thư điện tử không hợp lệ."), field="email") from None
    if not unit.is_commune:
        raise DomainError(_("Chỉ đăng ký nhận tin của một xã, phường, đặc khu."), field="unit")
    if item is not None and item.scope != Scope.COMMUNE:
        raise DomainError(_("Nội dung này không thuộc danh mục công khai của xã."), field="item")
    # The commune's row is locked so that two requests for a new address make one subscription, one email.
    Unit.objects.select_for_update().filter(pk=unit.pk).exists()
    now = timezone.now()
    existing = Subscription.objects.filter(
        email=email, unit=unit, item=item, unsubscribed_at__isnull=True
    ).first()
    if existing is not None and existing.confirmed_at is not None:
        return existing
    subscription = existing or Subscription(
        email=email, unit=unit, item=item, token=secrets.token_urlsafe(32)
    )
    sent = subscription.confirmation_sent_at
    if sent is not None and now - sent < CONFIRMATION_RESEND:
        return subscription
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
    subscription = selectors.subscription_by_token(token, for_write=True)
    if subscription.unsubscribed_at is not None:
        raise DomainError(_("Đăng ký này đã được huỷ; hãy đăng ký lại nếu muốn nhận tin."))
    if subscription.confirmed_at is not None:  # a second click changes nothing
        return subscription
    limit = dt.timedelta(days=settings.DANCHU_SUBSCRIPTION_CONFIRM_DAYS)
    if timezone.now() - subscription.created_at > limit:
        raise DomainError(_("Liên kết xác nhận đã quá hạn; hãy đăng ký lại."))
    with audit.audited(
        actor=None,
        action="disclosures.subscription.confirm",
        obj=subscription,
        fields=("confirmed_at",),
        scope_unit_id=subscription.unit_id,
    ) as change:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
        change.note(email=_masked(subscription.email))
    return subscription


@transaction.atomic
def unsubscribe(*, token: str) -> Subscription:
    subscription = selectors.subscription_by_token(token, for_write=True)
    if subscription.unsubscribed_at is not None:  # a second click changes nothing
        return subscription
    with audit.audited(
        actor=None,
        action="disclosures.subscription.unsubscribe",
        obj=subscription,
        fields=("unsubscribed_at",),
        scope_unit_id=subscription.unit_id,
    ) as change:
        subscription.unsubscribed_at = timezone.now()
        subscription.save(update_fields=["unsubscribed_at"])
        change.note(email=_masked(subscription.email))
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
        ).values_list("pk", flat=True)[:ANNOUNCE_BATCH]
    )
    for pk in due:
        mail.send_announcement.enqueue(pk)
    return {"disclosures.announced": len(due)}
