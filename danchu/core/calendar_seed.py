"""Public holidays as shipped (Bộ luật Lao động 2019, Điều 112).

Tết and Giỗ Tổ follow the lunar calendar and the Government announces the civil-service schedule
each year, so these rows are a starting point for the operator to confirm and edit, not law.
"""

from __future__ import annotations

import datetime as dt

CITATION = "Bộ luật Lao động 2019, Điều 112; lịch nghỉ hằng năm theo thông báo của Chính phủ (cần xác nhận)"


def _days(year: int, month: int, first: int, last: int, name: str) -> list[tuple[dt.date, str]]:
    return [(dt.date(year, month, d), name) for d in range(first, last + 1)]


HOLIDAYS: list[tuple[dt.date, str]] = [
    (dt.date(2025, 1, 1), "Tết Dương lịch"),
    *_days(2025, 1, 27, 31, "Tết Nguyên đán Ất Tỵ"),
    (dt.date(2025, 4, 7), "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
    (dt.date(2025, 4, 30), "Ngày Giải phóng miền Nam"),
    (dt.date(2025, 5, 1), "Ngày Quốc tế Lao động"),
    (dt.date(2025, 5, 2), "Nghỉ hoán đổi dịp 30/4–1/5"),
    (dt.date(2025, 9, 1), "Quốc khánh (ngày liền kề)"),
    (dt.date(2025, 9, 2), "Quốc khánh"),
    (dt.date(2026, 1, 1), "Tết Dương lịch"),
    *_days(2026, 2, 16, 20, "Tết Nguyên đán Bính Ngọ"),
    (dt.date(2026, 4, 27), "Giỗ Tổ Hùng Vương (nghỉ bù, 10/3 âm lịch là Chủ nhật)"),
    (dt.date(2026, 4, 30), "Ngày Giải phóng miền Nam"),
    (dt.date(2026, 5, 1), "Ngày Quốc tế Lao động"),
    (dt.date(2026, 9, 1), "Quốc khánh (ngày liền kề)"),
    (dt.date(2026, 9, 2), "Quốc khánh"),
    (dt.date(2027, 1, 1), "Tết Dương lịch"),
    *_days(2027, 2, 4, 10, "Tết Nguyên đán Đinh Mùi"),
    (dt.date(2027, 4, 16), "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
    (dt.date(2027, 4, 30), "Ngày Giải phóng miền Nam"),
    (dt.date(2027, 5, 3), "Ngày Quốc tế Lao động (nghỉ bù, 1/5 là thứ Bảy)"),
    (dt.date(2027, 9, 2), "Quốc khánh"),
    (dt.date(2027, 9, 3), "Quốc khánh (ngày liền kề)"),
]
MAKEUP_WORKDAYS: list[tuple[dt.date, str]] = [
    (dt.date(2025, 4, 26), "Làm bù cho ngày nghỉ 02/5/2025"),
]
