from __future__ import annotations

import datetime as dt

import pytest

from danchu.core.errors import DomainError
from danchu.reports import periods

D = dt.date


@pytest.mark.parametrize(
    ("frequency", "code", "cutoff", "window"),
    [
        ("monthly", "202603", 15, (D(2026, 2, 15), D(2026, 3, 14))),
        ("monthly", "202601", 15, (D(2025, 12, 15), D(2026, 1, 14))),
        ("quarterly", "2026Q2", 15, (D(2026, 3, 15), D(2026, 6, 14))),
        ("six_monthly", "2026S1", 15, (D(2025, 12, 15), D(2026, 6, 14))),
        ("six_monthly", "2026S2", 15, (D(2026, 6, 15), D(2026, 12, 14))),
        ("nine_monthly", "2026NM", 15, (D(2025, 12, 15), D(2026, 9, 14))),
        ("annual", "2026", 15, (D(2025, 12, 15), D(2026, 12, 14))),
        ("monthly", "202602", 1, (D(2026, 2, 1), D(2026, 2, 28))),
        ("annual", "2024", 1, (D(2024, 1, 1), D(2024, 12, 31))),
    ],
)
def test_decree_windows(frequency, code, cutoff, window):
    assert periods.window(frequency, code, cutoff) == window


def test_labels_and_codes():
    assert periods.label("2026S1") == "6 tháng đầu năm 2026"
    assert periods.label("2026Q3") == "Quý III/2026"
    assert periods.label("202607") == "Tháng 07/2026"
    assert periods.label("2026") == "Năm 2026"
    assert periods.label("20260315") == "Đột xuất 15/03/2026"
    assert list(periods.codes_between("quarterly", 15, D(2026, 1, 1), D(2026, 5, 1))) == ["2026Q1", "2026Q2"]
    with pytest.raises(DomainError, match="không hợp lệ"):
        periods.parse_code("six_monthly", "2026S3")
    with pytest.raises(DomainError, match="không đúng"):
        periods.window("monthly", "2026Q1", 15)


def test_due_date_leaves_the_decrees_working_day(db):
    with pytest.raises(DomainError, match="ít nhất 1 ngày làm việc"):
        periods.check_due(D(2026, 6, 12), D(2026, 6, 13), 1)  # Friday → Saturday
    periods.check_due(D(2026, 6, 12), D(2026, 6, 15), 1)
    assert periods.due_date(D(2026, 6, 12), 5) == D(2026, 6, 19)
