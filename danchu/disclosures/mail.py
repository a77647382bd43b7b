"""Emails to subscribers, sent by the task worker: the confirmation link (double opt-in) and the news of a
disclosure, each announcement with a one-click unsubscribe link (RFC 8058 headers for mail programs)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from danchu.core import audit

from .models import Disclosure, DisclosureState, Subscription

# Product choice: a subject line mail programs show whole.
SUBJECT_MAX = 200


def _url(name: str, *args: object) -> str:
    """The absolute address of a portal page, for a link in an email."""
    return f"{settings.DANCHU_SITE_URL}{reverse(name, args=args)}"


def unsubscribe_url(subscription: Subscription) -> str:
    return _url("portal:unsubscribe", subscription.token)


@task()
def send_confirmation(subscription_id: int) -> int:
    subscription = Subscription.objects.select_related("unit", "item").filter(pk=subscription_id).first()
    if subscription is None or subscription.confirmed_at or subscription.unsubscribed_at:
        return 0
    topic = f" — mục {subscription.item.code}" if subscription.item else ""
    body = (
        f"Có người (có thể là bạn) đã đăng ký nhận tin công khai của {subscription.unit.name}{topic} "
        "bằng địa chỉ thư này.\n\n"
        f"Để xác nhận, hãy mở liên kết sau:\n{_url('portal:confirm', subscription.token)}\n\n"
        f"Liên kết có hiệu lực {settings.DANCHU_SUBSCRIPTION_CONFIRM_DAYS} ngày. Nếu không phải bạn đăng ký, "
        "hãy bỏ qua thư này: bạn sẽ không nhận thêm thư nào."
    )
    message = EmailMessage(
        f"Xác nhận đăng ký nhận tin: {subscription.unit.name}", body, to=[subscription.email]
    )
    return message.send()


@task()
def send_announcement(disclosure_id: int) -> int:
    """Email each confirmed subscriber of the unit (or of one of its categories) once."""
    # A task, not a service: the mark (at most once per disclosure) and its audit entry commit together,
    # and the mails go out after, so a slow mail server holds no lock.
    with transaction.atomic():
        marked = Disclosure.objects.filter(
            pk=disclosure_id, state=DisclosureState.PUBLISHED, announced_at__isnull=True
        ).update(announced_at=timezone.now())
        if not marked:
            return 0
        disclosure = Disclosure.objects.select_related("unit").get(pk=disclosure_id)
        codes = list(disclosure.items.values_list("code", flat=True))
        subscribers = list(
            Subscription.objects.filter(
                Q(item__isnull=True) | Q(item__code__in=codes),
                unit_id=disclosure.unit_id,
                confirmed_at__isnull=False,
                unsubscribed_at__isnull=True,
            ).order_by("email")
        )
        audit.record(
            actor=None,
            action="disclosures.disclosure.announce",
            obj=disclosure,
            after={"subscribers": len(subscribers)},
            scope_unit_id=disclosure.unit_id,
        )
    page = _url("portal:disclosure", disclosure.pk)
    window = f"{disclosure.starts_on:%d/%m/%Y} – {disclosure.ends_on:%d/%m/%Y}"
    messages, seen = [], set()
    for subscription in subscribers:
        if subscription.email in seen:  # subscribed to the unit and to a category: one email
            continue
        seen.add(subscription.email)
        leave = unsubscribe_url(subscription)
        body = (
            f"{disclosure.unit.name} công khai: {disclosure.title}\n"
            f"Thời gian công khai: {window}\n\nXem toàn văn và tệp đính kèm: {page}\n\n"
            f"Huỷ nhận tin (một lần bấm): {leave}"
        )
        messages.append(
            EmailMessage(
                f"[{disclosure.unit.name}] {disclosure.title}"[:SUBJECT_MAX],
                body,
                to=[subscription.email],
                headers={
                    "List-Unsubscribe": f"<{leave}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
            )
        )
    if not messages:
        return 0
    with mailers.default as connection:  # one connection for the whole batch
        return int(connection.send_messages(messages) or 0)
