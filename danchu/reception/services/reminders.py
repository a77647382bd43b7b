"""The daily round's part for reception: remind the commune's reception officials of answers due soon
(Art. 28 clock) and of those overdue, once each (a marker on the row, and the notification's unique key)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danchu.accounts.models import RoleAssignment
from danchu.accounts.notifications import Message, deliver
from danchu.core import rulebook

from ..models import Visit
from ._common import MANAGER_ROLES, d


def _managers(unit_ids: set[int]) -> dict[int, set[int]]:
    rows = RoleAssignment.objects.filter(
        unit_id__in=unit_ids, role__in=MANAGER_ROLES, revoked_at__isnull=True
    ).values_list("unit_id", "user_id")
    found: dict[int, set[int]] = defaultdict(set)
    for unit_id, user_id in rows:
        found[unit_id].add(user_id)
    return found


@transaction.atomic
def remind_answers(today: dt.date) -> dict[str, int]:
    """Visits whose answer is due within the rulebook's "reminder.days_before" days, and visits overdue."""
    before = rulebook.resolver("reminder.days_before", on=today)
    open_visits = Visit.objects.filter(answer_due_on__isnull=False, answered_on__isnull=True)
    horizon = today + dt.timedelta(days=before.largest)
    soon = list(
        open_visits.filter(
            reminded_before_at__isnull=True, answer_due_on__gte=today, answer_due_on__lte=horizon
        )
        .select_related("unit")
        .only("id", "number", "year", "answer_due_on", "unit__id", "unit__path")
    )
    soon = [
        v
        for v in soon
        if v.answer_due_on is not None and (v.answer_due_on - today).days <= before.for_unit(v.unit)
    ]
    late = list(
        open_visits.filter(reminded_overdue_at__isnull=True, answer_due_on__lt=today).only(
            "id", "number", "year", "answer_due_on", "unit_id"
        )
    )
    managers = _managers({v.unit_id for v in soon + late})
    messages: list[Message] = []
    for visit, event, title in (
        *((v, "due", _("Sắp đến hạn trả lời người được tiếp")) for v in soon),
        *((v, "overdue", _("Quá hạn trả lời người được tiếp")) for v in late),
    ):
        assert visit.answer_due_on is not None
        body = _("Lượt tiếp số %(n)s/%(y)s, hạn trả lời %(d)s.") % {
            "n": visit.number,
            "y": visit.year,
            "d": d(visit.answer_due_on),
        }
        url = reverse("reception:visit", args=[visit.pk])
        for user_id in sorted(managers.get(visit.unit_id, ())):
            messages.append(Message(user_id, f"reception:visit:{visit.pk}:{event}", title, body, url))
    now = timezone.now()
    Visit.objects.filter(pk__in=[v.pk for v in soon]).update(reminded_before_at=now)
    Visit.objects.filter(pk__in=[v.pk for v in late]).update(reminded_overdue_at=now)
    return {
        "reception_due_soon": len(soon),
        "reception_overdue": len(late),
        "notifications": deliver(messages),
    }
