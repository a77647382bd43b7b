"""Report periods (kỳ báo cáo): codes, data windows and due dates.

Decree 09/2019 Art. 12 fixes the data window of a periodic report: from the 15th of the month before
the period to the 14th of its last month ("cutoff day" 15, a rulebook value). A cutoff day of 1 gives
calendar periods. The nine-month report is not in the decree; it is read as the cumulative window
15/12 → 14/9 (domain.md §5, unverified). An issuer may set its own dates for a period (RegimePeriod).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.utils.translation import gettext, gettext_noop

from danchu.core.calendar import add_working_days, working_days_between
from danchu.core.errors import DomainError

from .models import Frequency

# (code suffix, first month, last month) for each period of a year.
_SPANS: dict[str, list[tuple[str, int, int]]] = {
    Frequency.MONTHLY: [(f"{m:02d}", m, m) for m in range(1, 13)],
    Frequency.QUARTERLY: [(f"Q{q}", 3 * q - 2, 3 * q) for q in range(1, 5)],
    Frequency.SIX_MONTHLY: [("S1", 1, 6), ("S2", 7, 12)],
    Frequency.NINE_MONTHLY: [("NM", 1, 9)],
    Frequency.ANNUAL: [("", 1, 12)],
}
_CODE: dict[str, re.Pattern[str]] = {
    Frequency.MONTHLY: re.compile(r"^(\d{4})(0[1-9]|1[0-2])$"),
    Frequency.QUARTERLY: re.compile(r"^(\d{4})(Q[1-4])$"),
    Frequency.SIX_MONTHLY: re.compile(r"^(\d{4})(S[12])$"),
    Frequency.NINE_MONTHLY: re.compile(r"^(\d{4})(NM)$"),
    Frequency.ANNUAL: re.compile(r"^(\d{4})()$"),
    Frequency.AD_HOC: re.compile(r"^(\d{4})(\d{4})$"),
}
# A period's name, in Vietnamese: `label` keeps it so (notifications, exports), `title` translates it.
_NAMES = {
    "year": gettext_noop("Năm %(year)s"),
    "quarter": gettext_noop("Quý %(quarter)s/%(year)s"),
    "S1": gettext_noop("6 tháng đầu năm %(year)s"),
    "S2": gettext_noop("6 tháng cuối năm %(year)s"),
    "NM": gettext_noop("9 tháng %(year)s"),
    "month": gettext_noop("Tháng %(month)s/%(year)s"),
    "ad_hoc": gettext_noop("Đột xuất %(day)s/%(month)s/%(year)s"),
}


@dataclass(frozen=True)
class Period:
    code: str
    start: dt.date
    end: dt.date  # data cut-off (ngày chốt số liệu)
    due_on: dt.date

    @property
    def label(self) -> str:
        return label(self.code)


def label(code: str) -> str:
    """The Vietnamese name of a period: "Tháng 06/2026", "Quý II/2026", "6 tháng đầu năm 2026", for text
    that is stored or must stay Vietnamese (notifications, Decree 30 exports)."""
    return _name(code, str)


def title(code: str) -> str:
    """The period's name in the reader's language, for pages and the API ("Quarter II, 2026")."""
    return _name(code, gettext)


def _name(code: str, translate: Callable[[str], str]) -> str:
    year, rest = code[:4], code[4:]
    values: dict[str, str] = {}
    if not rest:
        key = "year"
    elif rest.startswith("Q"):
        key, values = "quarter", {"quarter": ["I", "II", "III", "IV"][int(rest[1]) - 1]}
    elif rest in _NAMES:
        key = rest
    elif len(rest) == 2:
        key, values = "month", {"month": rest}
    else:
        key, values = "ad_hoc", {"day": rest[2:], "month": rest[:2]}
    return translate(_NAMES[key]) % {"year": year, **values}


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def window(frequency: str, code: str, cutoff_day: int) -> tuple[dt.date, dt.date]:
    """The data window of a regular period."""
    match = _CODE[frequency].match(code) if frequency in _CODE else None
    if match is None or frequency == Frequency.AD_HOC:
        raise DomainError(
            gettext("Kỳ báo cáo “%(code)s” không đúng với tần suất của chế độ báo cáo.") % {"code": code},
            field="period",
        )
    year = int(match.group(1))
    suffix = match.group(2)
    first, last = next((f, lt) for s, f, lt in _SPANS[frequency] if s == suffix)
    if cutoff_day <= 1:
        return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])
    start_year, start_month = _shift_month(year, first, -1)
    return dt.date(start_year, start_month, cutoff_day), dt.date(year, last, cutoff_day - 1)


def codes_between(frequency: str, cutoff_day: int, start: dt.date, end: dt.date) -> Iterator[str]:
    """Codes of the regular periods whose data window overlaps [start, end], oldest first."""
    if frequency == Frequency.AD_HOC:
        return
    for year in range(start.year, end.year + 2):
        for suffix, _first, _last in _SPANS[frequency]:
            code = f"{year}{suffix}"
            low, high = window(frequency, code, cutoff_day)
            if high >= start and low <= end:
                yield code


def due_date(window_end: dt.date, working_days: int) -> dt.date:
    return add_working_days(window_end, working_days)


def check_due(window_end: dt.date, due_on: dt.date, min_working_days: int) -> None:
    """Decree 09/2019 Art. 8(5)(b): at least one working day between the cut-off and the deadline."""
    check_year(window_end, field="window_end")
    check_year(due_on, field="due_on")
    if due_on <= window_end or working_days_between(window_end, due_on) < min_working_days:
        raise DomainError(
            gettext(
                "Hạn gửi (%(due_on)s) phải sau ngày chốt số liệu (%(window_end)s) ít nhất "
                "%(min_working_days)s ngày làm việc (Nghị định 09/2019/NĐ-CP, Điều 8)."
            )
            % {
                "due_on": f"{due_on:%d/%m/%Y}",
                "window_end": f"{window_end:%d/%m/%Y}",
                "min_working_days": min_working_days,
            },
            field="due_on",
        )


def ad_hoc_code(window_end: dt.date) -> str:
    return f"{window_end:%Y%m%d}"


# Product bounds, not law: a period before the first reporting software or far in the future is a typo.
FIRST_YEAR, LAST_YEAR = 2000, 2100
# The DHIS2 period ids this app uses: month, quarter, half-year, nine months, year, and an ad hoc period
# named by its cut-off date.
_ANY_CODE = re.compile(r"^(\d{4})(0[1-9]|1[0-2]|Q[1-4]|S[12]|NM|)$")
_AD_HOC_CODE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def check_year(day: dt.date | None, *, field: str) -> None:
    """A date a regime or period is built on lies in the years reports can have (a typo is refused)."""
    if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise DomainError(
            gettext("Ngày phải trong khoảng năm %(FIRST_YEAR)s đến %(LAST_YEAR)s.")
            % {"FIRST_YEAR": FIRST_YEAR, "LAST_YEAR": LAST_YEAR},
            field=field,
        )


def parse_period(code: str) -> str:
    """A period id as DHIS2 writes it (`202606`, `2026Q2`, `2026S1`, `2026NM`, `2026`, `20260615`), checked
    strictly; anything else is refused with a message."""
    code = (code or "").strip().upper()
    match = _ANY_CODE.match(code) or _AD_HOC_CODE.match(code)
    year = int(match.group(1)) if match else 0
    if match is not None and match.re is _AD_HOC_CODE:
        try:
            dt.date(year, int(match.group(2)), int(match.group(3)))
        except ValueError:
            match = None
    if match is None or not FIRST_YEAR <= year <= LAST_YEAR:
        raise DomainError(
            gettext(
                "Kỳ báo cáo “%(value)s” không hợp lệ: dùng mã kỳ như 202606 (tháng), 2026Q2 (quý), 2026S1 "
                "(6 tháng), 2026NM (9 tháng), 2026 (năm) hoặc 20260615 (đột xuất), năm từ %(FIRST_YEAR)s "
                "đến %(LAST_YEAR)s."
            )
            % {"value": code[:20], "FIRST_YEAR": FIRST_YEAR, "LAST_YEAR": LAST_YEAR},
            field="period",
        )
    return code


def parse_code(frequency: str, code: str) -> str:
    code = (code or "").strip().upper()
    if frequency not in _CODE or not _CODE[frequency].match(code):
        raise DomainError(
            gettext("Kỳ báo cáo “%(value)s” không hợp lệ cho tần suất này.") % {"value": code[:20]},
            field="period",
        )
    return code
