from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from danchu.disclosures import services
from danchu.disclosures.models import Disclosure

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def at(year: int, month: int, day: int, hour: int = 9) -> Any:
    return time_machine.travel(dt.datetime(year, month, day, hour, tzinfo=TZ), tick=False)


def draft(actor: Any, unit: Any, **fields: Any) -> Disclosure:
    values: dict[str, Any] = {
        "title": "Dự toán ngân sách phường năm 2026",
        "item_codes": ["11.2a"],
        "body": "Tổng thu 12 tỷ đồng; tổng chi 11,5 tỷ đồng.",
        "starts_on": dt.date(2026, 3, 2),
    }
    values.update(fields)
    return services.create_draft(actor=actor, unit=unit, **values)


@pytest.fixture
def posted(tree: Any, personas: Any, django_capture_on_commit_callbacks: Any) -> Disclosure:
    """Chánh Lộ's budget estimate, posted 02/03/2026 on the board and the portal for 30 days."""
    with at(2026, 3, 2), django_capture_on_commit_callbacks(execute=True):
        disclosure = draft(personas["commune_official"], tree.commune, document_date=dt.date(2026, 2, 25))
        return services.publish(actor=personas["commune_official"], disclosure=disclosure)
