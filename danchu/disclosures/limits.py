"""What the app accepts (giới hạn dữ liệu đầu vào): the range of every date and year, the sizes of lists.

Each bound says whether it comes from the law (statutory: with its source) or is a product choice. A value
outside them is refused with a Vietnamese message (a form error on the pages, a 400 from the API), never
carried into date arithmetic or the rulebook, which know nothing before the Law nor near year 9999.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext

from danchu.core.errors import DomainError
from danchu.core.rulebook_seed import LAW10_FROM

# Statutory: the Law on Grassroots Democracy (10/2022/QH15) is in force from 01/07/2023; no disclosure window
# under it starts earlier, and the rulebook's disclosure rules start that day.
FIRST_DAY = LAW10_FROM
# Statutory, the same fact in years: the first year of the compliance checklist and of the portal's archive.
FIRST_YEAR = LAW10_FROM.year
# Product choice: the oldest document a disclosure may cite (a land plan or a budget of years before the Law
# may still have to be made known); 01/01/1945 keeps the old ones and refuses typing errors such as 0001.
FIRST_DOCUMENT_DAY = dt.date(1945, 1, 1)
# Product choice: how many years ahead a date may lie. A window is planned weeks or months ahead and a long
# posting lasts a few years; ten years leaves room and keeps every computation far from year 9999.
YEARS_AHEAD = 10
# Product choice: the catalogue's posting period is days on a notice board, one year at most.
POSTING_DAYS_MAX = 365


def _d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def last_day(today: dt.date) -> dt.date:
    return dt.date(today.year + YEARS_AHEAD, 12, 31)


def check_day(day: dt.date, *, field: str, label: str, today: dt.date, first: dt.date = FIRST_DAY) -> None:
    """Refuse `day` outside [first, YEARS_AHEAD years after today]."""
    latest = last_day(today)
    if not first <= day <= latest:
        raise DomainError(
            gettext("%(label)s phải từ %(d)s đến %(d2)s; đã nhập %(d3)s.")
            % {"label": label, "d": _d(first), "d2": _d(latest), "d3": _d(day)},
            field=field,
        )


def check_year(year: int, *, today: dt.date, field: str = "year") -> int:
    """A year of the checklist or the archive: from the Law's first year to this year."""
    if not FIRST_YEAR <= year <= today.year:
        raise DomainError(
            gettext("Năm phải từ %(FIRST_YEAR)s đến %(today_year)s.")
            % {"FIRST_YEAR": FIRST_YEAR, "today_year": today.year},
            field=field,
        )
    return year


def year_param(text: str | None, *, today: dt.date) -> int | None:
    """A `?nam=` parameter: the year it names if it is one the pages show, else None (ignored)."""
    text = (text or "").strip()
    if len(text) != 4 or not (text.isascii() and text.isdigit()):
        return None
    year = int(text)
    return year if FIRST_YEAR <= year <= today.year else None


def page_param(text: str | None) -> int:
    """A `?trang=` page number: anything that is not a small positive number is the first page."""
    text = (text or "").strip()
    if not (0 < len(text) <= 6 and text.isascii() and text.isdigit()):
        return 1
    return max(1, int(text))
