"""Who is told what: the audience of a new consultation (citizens' accounts of its households, and the
commune's email subscribers), and the commune's officials before it ends and while opinions wait for an
answer after it ended (the daily job, run by `danchu daily`)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Count, Q
from django.tasks import task
from django.urls import reverse

from danchu.accounts.models import Role, RoleAssignment
from danchu.accounts.notifications import Message, deliver
from danchu.disclosures.models import Subscription

from .models import Audience, Consultation, State

KIND = "consultation"
# Product choices: officials are reminded this many days before the period ends, and, after it ended,
# once a week while some opinion still has no answer.
REMIND_DAYS_BEFORE_END = 3


def d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def audience_user_ids(consultation: Consultation) -> list[int]:
    """Citizens' accounts whose household lives where the consultation asks (or the agency's staff)."""
    rows = RoleAssignment.objects.filter(revoked_at__isnull=True)
    if consultation.audience == Audience.AGENCY:
        rows = rows.filter(agency_id=consultation.agency_id or 0)
    else:
        rows = rows.filter(
            role=Role.CITIZEN,
            resident__household__dissolved_on__isnull=True,
            resident__household__village__path__startswith=consultation.unit.path,
        )
        if consultation.audience == Audience.VILLAGES:
            rows = rows.filter(resident__household__village__in=consultation.villages.all())
    return sorted(set(rows.values_list("user_id", flat=True)))


def officials_of(consultation: Consultation) -> list[int]:
    return sorted(
        set(
            RoleAssignment.objects.filter(
                unit=consultation.unit,
                role__in=[Role.UNIT_LEADER, Role.FOCAL_OFFICER],
                revoked_at__isnull=True,
            ).values_list("user_id", flat=True)
        )
    )


def announce(consultation_id: int) -> int:
    """Tell the audience of a consultation just launched (once per person: the key dedups)."""
    consultation = Consultation.objects.select_related("unit").filter(pk=consultation_id).first()
    if consultation is None or consultation.state != State.OPEN:
        return 0
    url = reverse("consultations:public", args=[consultation.pk])
    title = f"{consultation.unit.name} lấy ý kiến Nhân dân: {consultation.title}"
    period = f"{d(consultation.starts_on)} đến hết {d(consultation.ends_on)}"
    body = f"Góp ý từ {period}, trực tuyến hoặc tại cuộc họp."
    sent = deliver(
        Message(user_id=uid, key=f"{KIND}:{consultation.pk}:open", title=title, body=body, url=url)
        for uid in audience_user_ids(consultation)
    )
    email_subscribers.enqueue(consultation.pk)
    return sent


@task()
def email_subscribers(consultation_id: int) -> int:
    """Email the commune's confirmed subscribers (all news, or the consultations item) of the launch."""
    consultation = Consultation.objects.select_related("unit").filter(pk=consultation_id).first()
    if consultation is None:
        return 0
    subscribers = Subscription.objects.filter(
        Q(item__isnull=True) | Q(item__code="11.10"),
        unit=consultation.unit,
        confirmed_at__isnull=False,
        unsubscribed_at__isnull=True,
    )
    link = f"{settings.DANCHU_SITE_URL}{reverse('consultations:public', args=[consultation.pk])}"
    count = 0
    for subscription in subscribers.iterator(chunk_size=500):
        stop = f"{settings.DANCHU_SITE_URL}{reverse('portal:unsubscribe', args=[subscription.token])}"
        body = (
            f"{consultation.unit.name} lấy ý kiến Nhân dân về dự thảo “{consultation.title}” từ "
            f"{d(consultation.starts_on)} đến hết {d(consultation.ends_on)}.\n\n"
            f"Đọc dự thảo và góp ý: {link}\n\n"
            f"Không nhận thư nữa: {stop}"
        )
        subject = f"Lấy ý kiến Nhân dân: {consultation.title}"[:200]
        count += EmailMessage(subject, body, to=[subscription.email]).send()
    return count


def remind(today: dt.date) -> dict[str, int]:
    """The daily job: officials reminded before the end, then weekly of unanswered opinions."""
    ending = Consultation.objects.filter(
        state=State.OPEN, ends_on__gte=today, ends_on__lte=today + dt.timedelta(days=REMIND_DAYS_BEFORE_END)
    ).select_related("unit")
    messages: list[Message] = []
    for c in ending:
        url = reverse("consultations:detail", args=[c.pk])
        title = f"Đợt lấy ý kiến “{c.title}” kết thúc ngày {d(c.ends_on)}"
        messages += [
            Message(
                uid, f"{KIND}:{c.pk}:ending", title, "Chuẩn bị tổng hợp, tiếp thu, giải trình ý kiến.", url
            )
            for uid in officials_of(c)
        ]
    reminded_end = len(messages)
    week = today.isocalendar()
    waiting = (
        Consultation.objects.filter(state=State.OPEN, ends_on__lt=today)
        .annotate(
            n=Count("opinions", filter=Q(opinions__hidden_at__isnull=True, opinions__response__isnull=True))
        )
        .filter(n__gt=0)
        .select_related("unit")
    )
    for c in waiting:
        url = reverse("consultations:opinions", args=[c.pk]) + "?chua-tra-loi=1"
        title = f"Còn {c.n} ý kiến chưa trả lời: “{c.title}”"
        key = f"{KIND}:{c.pk}:unanswered:{week.year}-{week.week}"
        messages += [
            Message(uid, key, title, "Mọi ý kiến phải được tiếp thu hoặc giải trình.", url)
            for uid in officials_of(c)
        ]
    sent = deliver(messages)
    return {
        "consultations.ending": reminded_end,
        "consultations.unanswered": len(messages) - reminded_end,
        "consultations.sent": sent,
    }
