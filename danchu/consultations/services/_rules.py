"""The rules every consultation write shares, each raising DomainError with a Vietnamese message naming
the field."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from django.db.models import F
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.core import bounds
from danchu.core.errors import DomainError
from danchu.core.text import clean_text

from ..models import Channel, Consultation, State

FIELDS = (
    "title",
    "matter_id",
    "starts_on",
    "ends_on",
    "audience",
    "agency_id",
    "channels",
    "state",
    "conclusion",
)
OPINION_FIELDS = ("text", "section_id", "channel", "hidden_at", "hidden_reason", "group_id", "response_id")
# Product choice: an opinion is read by a person; longer than this is a document, to be sent as a letter.
MAX_OPINION = 5000
# Product choice: paper records (a box opened, a meeting's minutes) may be dated this many days after the
# period ends, for the box opened the morning after; entering them is then a matter of days.
OFFLINE_GRACE_DAYS = 7
# Text that looks like markup: refused rather than stored, since the author meant it for a browser.
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|javascript\s*:|on[a-z]+\s*=\s*[\"']", re.IGNORECASE)


def d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def opinion_text(value: str, *, field: str = "text") -> str:
    """An opinion's text: plain, within the length a person reads, no markup or script."""
    if len(value) > MAX_OPINION:
        raise DomainError(
            _(
                "Ý kiến dài %(n)s ký tự, quá giới hạn %(max)s ký tự. Hãy tóm tắt, hoặc gửi văn bản góp ý qua "
                "hòm thư, bộ phận một cửa."
            )
            % {
                "n": number_format(len(value), force_grouping=True),
                "max": number_format(MAX_OPINION, force_grouping=True),
            },
            field=field,
        )
    cleaned = text(value, field=field, label=gettext_noop("Ý kiến"), max_length=MAX_OPINION)
    if _MARKUP.search(cleaned):
        raise DomainError(
            _("Ý kiến không được chứa mã HTML hoặc mã lệnh (script). Hãy gõ nội dung bằng chữ thường."),
            field=field,
        )
    return cleaned


def channels(values: Sequence[str]) -> list[str]:
    chosen = list(dict.fromkeys(values))
    unknown = [c for c in chosen if c not in Channel.values]
    if unknown:
        raise DomainError(
            _("Hình thức lấy ý kiến không hợp lệ: %(codes)s.") % {"codes": ", ".join(unknown)},
            field="channels",
        )
    if not chosen:
        raise DomainError(_("Chọn ít nhất một hình thức lấy ý kiến (Điều 26)."), field="channels")
    return chosen


def period(starts_on: dt.date, ends_on: dt.date) -> None:
    bounds.bounded_date(starts_on, field="starts_on", label=_("Ngày bắt đầu"))
    bounds.bounded_date(ends_on, field="ends_on", label=_("Ngày kết thúc"))
    if ends_on < starts_on:
        raise DomainError(
            _("Ngày kết thúc (%(end)s) phải từ ngày bắt đầu (%(start)s) trở đi.")
            % {"end": d(ends_on), "start": d(starts_on)},
            field="ends_on",
        )


def accepting(consultation: Consultation, today: dt.date) -> None:
    """Opinions are received only while the consultation is open, within its period."""
    if consultation.state == State.DRAFT:
        raise DomainError(_("Đợt lấy ý kiến chưa được phát động."))
    if consultation.state == State.CLOSED or today > consultation.ends_on:
        raise DomainError(
            _("Đợt lấy ý kiến đã kết thúc ngày %(day)s; không nhận thêm ý kiến.")
            % {"day": d(consultation.ends_on)},
            field="text",
        )
    if today < consultation.starts_on:
        raise DomainError(
            _("Đợt lấy ý kiến bắt đầu từ ngày %(day)s.") % {"day": d(consultation.starts_on)}, field="text"
        )


def draft_page_changed(consultation: Consultation) -> None:
    """The public page's rendered draft and counts are stale: move the version on (row already locked)."""
    Consultation.objects.filter(pk=consultation.pk).update(page_version=F("page_version") + 1)


def not_closed(consultation: Consultation) -> None:
    if consultation.state == State.CLOSED:
        raise DomainError(_("Đợt lấy ý kiến đã kết thúc; kết quả đã chốt, không sửa được nữa."))


def text(value: str, *, field: str, label: str, max_length: int = 5000, required: bool = True) -> str:
    """`clean_text` whose message names the field as the form shows it (`label`), under the form's field."""
    try:
        return clean_text(value, field=label, max_length=max_length, required=required)
    except DomainError as exc:
        raise DomainError(exc.message, field=field) from None
