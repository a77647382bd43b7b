"""The rules every disclosure write shares: the catalogue items and channels chosen, the window of days, the
draft-only edits. Each raises `DomainError` with a Vietnamese message naming the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils.translation import gettext as _

from danchu.core import rulebook
from danchu.core.errors import DomainError
from danchu.units.models import Unit

from .. import limits
from ..models import Channel, Disclosure, DisclosureItem, DisclosureState

# What the audit entry of a disclosure keeps before and after a change.
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


def d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def posting_days(unit: Unit, items: Sequence[DisclosureItem], on: dt.date) -> int:
    """How long a notice stays on the board: the rulebook's minimum, or an item's longer period."""
    least = int(rulebook.number("disclosure.posting_min_days", unit=unit, on=on))
    return max([least, *(i.posting_days or 0 for i in items)])


def items(codes: Sequence[str]) -> list[DisclosureItem]:
    wanted = list(dict.fromkeys(c.strip() for c in codes if c.strip()))
    if not wanted:
        raise DomainError(_("Chọn ít nhất một nội dung phải công khai (Điều 11)."), field="items")
    found = {i.code: i for i in DisclosureItem.objects.filter(code__in=wanted)}
    unknown = [c for c in wanted if c not in found]
    if unknown:
        raise DomainError(
            _("Không có nội dung công khai mã %(join)s.") % {"join": ", ".join(unknown)}, field="items"
        )
    return [found[c] for c in wanted]


def channels(values: Sequence[str] | None, chosen_items: Sequence[DisclosureItem]) -> list[str]:
    if values is None:  # the catalogue's defaults for the chosen items
        values = [c for i in chosen_items for c in i.channels]
    chosen = list(dict.fromkeys(values))
    unknown = [c for c in chosen if c not in Channel.values]
    if unknown:
        raise DomainError(
            _("Hình thức công khai không hợp lệ: %(join)s.") % {"join": ", ".join(unknown)}, field="channels"
        )
    if not chosen:
        raise DomainError(_("Chọn ít nhất một hình thức công khai (Điều 12)."), field="channels")
    return chosen


def check_dates(
    *, starts_on: dt.date, ends_on: dt.date | None, document_date: dt.date | None, today: dt.date
) -> None:
    """Every date in range (see `limits`) before anything computes with it."""
    limits.check_day(starts_on, field="starts_on", label=_("Ngày bắt đầu công khai"), today=today)
    if ends_on is not None:
        limits.check_day(ends_on, field="ends_on", label=_("Ngày kết thúc công khai"), today=today)
    if document_date is not None:
        limits.check_day(
            document_date,
            field="document_date",
            label=_("Ngày văn bản"),
            today=today,
            first=limits.FIRST_DOCUMENT_DAY,
        )


def check_window(
    unit: Unit,
    chosen_items: Sequence[DisclosureItem],
    chosen_channels: Sequence[str],
    starts_on: dt.date,
    ends_on: dt.date,
    document_date: dt.date | None,
) -> None:
    if ends_on < starts_on:
        raise DomainError(
            _("Ngày kết thúc (%(d)s) phải sau ngày bắt đầu công khai (%(d2)s).")
            % {"d": d(ends_on), "d2": d(starts_on)},
            field="ends_on",
        )
    if document_date and document_date > starts_on:
        raise DomainError(
            _("Ngày văn bản (%(d)s) không thể sau ngày bắt đầu công khai (%(d2)s).")
            % {"d": d(document_date), "d2": d(starts_on)},
            field="document_date",
        )
    least = posting_days(unit, chosen_items, starts_on)
    days = (ends_on - starts_on).days + 1
    if Channel.NOTICE_BOARD in chosen_channels and days < least:
        raise DomainError(
            _(
                "Niêm yết tại trụ sở phải kéo dài ít nhất %(least)s ngày; thời gian đã chọn là %(days)s "
                "ngày (đến %(d)s). Hãy chọn ngày kết thúc từ %(d2)s."
            )
            % {
                "least": least,
                "days": days,
                "d": d(ends_on),
                "d2": d(starts_on + dt.timedelta(days=least - 1)),
            },
            field="ends_on",
        )


def replaceable(unit: Unit, replaces: Disclosure | None) -> Disclosure | None:
    if replaces is not None and (replaces.unit_id != unit.pk or replaces.state != DisclosureState.PUBLISHED):
        raise DomainError(_("Chỉ thay thế được thông tin đang phát hành của chính đơn vị."), field="replaces")
    return replaces


def require_draft(disclosure: Disclosure) -> None:
    if disclosure.state != DisclosureState.DRAFT:
        raise DomainError(
            _(
                "Chỉ sửa được dự thảo. Thông tin đã phát hành được điều chỉnh bằng một thông tin mới thay "
                "thế nó."
            )
        )
