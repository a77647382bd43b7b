"""The chairman's reception schedule: set it, publish it, record an absence with a stand-in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from danchu.accounts.models import User
from danchu.core import audit, rulebook
from danchu.core.errors import DomainError
from danchu.core.text import clean_text
from danchu.units import selectors as unit_selectors
from danchu.units.models import Tier, Unit

from .. import selectors
from ..models import ChairmanAbsence, ReceptionSchedule
from ..permissions import ReceptionPerm
from ._common import SCHEDULE_FIELDS, d, day

# Product choice: an absence is recorded for at most this many days at once (a longer one is a change
# of the stand-in on the schedule itself).
MAX_ABSENCE_DAYS = 92


def _commune(actor: User, unit: Unit) -> Unit:
    unit = unit_selectors.access_unit(actor=actor, unit_id=unit.pk, perm=ReceptionPerm.MANAGE, for_write=True)
    if unit.tier != Tier.COMMUNE:
        raise DomainError(_("Lịch tiếp công dân định kỳ là của Chủ tịch UBND cấp xã."))
    return unit


def _weekdays(unit: Unit, weekdays: Sequence[int]) -> list[int]:
    chosen = sorted({int(w) for w in weekdays})
    if any(w < 0 or w > 4 for w in chosen):
        raise DomainError(
            _("Ngày tiếp phải là ngày làm việc trong tuần (Thứ Hai đến Thứ Sáu)."), field="weekdays"
        )
    least = rulebook.number("reception.chairman_min_days_per_week", unit=unit)
    if len(chosen) < least:
        raise DomainError(
            ngettext(
                "Chủ tịch UBND cấp xã tiếp công dân ít nhất %(n)s ngày mỗi tuần "
                "(Luật Tiếp công dân, Điều 15).",
                "Chủ tịch UBND cấp xã tiếp công dân ít nhất %(n)s ngày mỗi tuần "
                "(Luật Tiếp công dân, Điều 15).",
                least,
            )
            % {"n": least},
            field="weekdays",
        )
    return chosen


@transaction.atomic
def save_schedule(
    *,
    actor: User,
    unit: Unit,
    weekdays: Sequence[int],
    morning: str,
    afternoon: str,
    place: str,
    chairman: str,
    stand_in: str,
    rules_note: str = "",
) -> ReceptionSchedule:
    """Lập, sửa lịch tiếp công dân. A published schedule stays published: the portal shows the change."""
    unit = _commune(actor, unit)
    values = {
        "weekdays": _weekdays(unit, weekdays),
        "morning": clean_text(morning, field=gettext_noop("Buổi sáng"), max_length=40, required=False),
        "afternoon": clean_text(afternoon, field=gettext_noop("Buổi chiều"), max_length=40, required=False),
        "place": clean_text(place, field=gettext_noop("Địa điểm"), max_length=200),
        "chairman": clean_text(chairman, field=gettext_noop("Chủ tịch"), max_length=120),
        "stand_in": clean_text(stand_in, field=gettext_noop("Người tiếp thay"), max_length=120),
        "rules_note": clean_text(
            rules_note, field=gettext_noop("Ghi chú quy chế"), max_length=4000, required=False
        ),
    }
    if not values["morning"] and not values["afternoon"]:
        raise DomainError(_("Nhập giờ tiếp buổi sáng hoặc buổi chiều."), field="morning")
    if values["chairman"] == values["stand_in"]:
        raise DomainError(_("Người tiếp thay phải là người khác Chủ tịch."), field="stand_in")
    schedule = selectors.schedule_of(unit, for_write=True)
    if schedule is None:
        schedule = ReceptionSchedule.objects.create(unit=unit, updated_by=actor, **values)
        audit.record(
            actor=actor,
            action="reception.schedule.create",
            obj=schedule,
            after=audit.snapshot(schedule, SCHEDULE_FIELDS),
            scope_unit_id=unit.pk,
        )
        return schedule
    with audit.audited(
        actor=actor,
        action="reception.schedule.update",
        obj=schedule,
        fields=SCHEDULE_FIELDS,
        scope_unit_id=unit.pk,
    ):
        for name, value in values.items():
            setattr(schedule, name, value)
        schedule.updated_by = actor
        schedule.save()
    return schedule


@transaction.atomic
def publish_schedule(*, actor: User, unit: Unit) -> ReceptionSchedule:
    """Công bố lịch tiếp trên cổng thông tin (Art. 2(3): the place and time are announced publicly)."""
    unit = _commune(actor, unit)
    schedule = selectors.schedule_of(unit, for_write=True)
    if schedule is None:
        raise DomainError(_("Chưa có lịch tiếp công dân để công bố."))
    if schedule.published_at is not None:
        raise DomainError(_("Lịch tiếp công dân đã được công bố."))
    with audit.audited(
        actor=actor,
        action="reception.schedule.publish",
        obj=schedule,
        fields=SCHEDULE_FIELDS,
        scope_unit_id=unit.pk,
    ):
        schedule.published_at = timezone.now()
        schedule.save(update_fields=["published_at", "updated_at"])
    return schedule


@transaction.atomic
def record_absence(
    *,
    actor: User,
    unit: Unit,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    stand_in: str,
    reason: str,
) -> ChairmanAbsence:
    """Chủ tịch vắng: who receives citizens instead on the sessions of these days."""
    unit = _commune(actor, unit)
    schedule = selectors.schedule_of(unit, for_write=True)
    if schedule is None:
        raise DomainError(_("Lập lịch tiếp công dân trước khi ghi ngày Chủ tịch vắng."))
    first = day(starts_on, field="starts_on", label=_("Từ ngày"))
    last = day(ends_on, field="ends_on", label=_("Đến ngày"))
    assert first is not None and last is not None
    if last < first:
        raise DomainError(_("Ngày kết thúc phải từ ngày bắt đầu trở đi."), field="ends_on")
    if (last - first).days >= MAX_ABSENCE_DAYS:
        raise DomainError(
            _("Một lần vắng ghi tối đa %(n)s ngày; vắng lâu hơn thì sửa người tiếp thay trên lịch.")
            % {"n": MAX_ABSENCE_DAYS},
            field="ends_on",
        )
    if last < timezone.localdate():
        raise DomainError(_("Những ngày này đã qua (đến %(d)s).") % {"d": d(last)}, field="ends_on")
    overlap = schedule.absences.filter(starts_on__lte=last, ends_on__gte=first).first()
    if overlap is not None:
        raise DomainError(
            _("Đã ghi Chủ tịch vắng từ %(a)s đến %(b)s.")
            % {"a": d(overlap.starts_on), "b": d(overlap.ends_on)},
            field="starts_on",
        )
    absence = ChairmanAbsence.objects.create(
        schedule=schedule,
        starts_on=first,
        ends_on=last,
        stand_in=clean_text(stand_in, field=gettext_noop("Người tiếp thay"), max_length=120),
        reason=clean_text(reason, field=gettext_noop("Lý do"), max_length=300),
        recorded_by=actor,
    )
    audit.record(
        actor=actor,
        action="reception.absence.create",
        obj=absence,
        after=audit.snapshot(absence, ("starts_on", "ends_on", "stand_in", "reason")),
        scope_unit_id=unit.pk,
    )
    return absence
