from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from danchu.conventions import services
from danchu.conventions.models import Convention, ConventionVersion

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TEXT = """Chương I. NHỮNG QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Hương ước này quy định việc tự quản của tổ dân phố.
Điều 2. Đối tượng áp dụng
Mọi hộ gia đình cư trú trên địa bàn.
Chương II. NỘI DUNG
Điều 3. Vệ sinh môi trường
Các hộ đổ rác đúng giờ, đúng nơi quy định.
"""


def at(year: int, month: int, day: int, hour: int = 9) -> Any:
    return time_machine.travel(dt.datetime(year, month, day, hour, tzinfo=TZ), tick=False)


def create(personas: Any, tree: Any, text: str = TEXT) -> Convention:
    with at(2026, 3, 2):
        return services.create_convention(
            actor=personas["village_head"],
            unit=tree.village,
            kind="huong_uoc",
            title="Hương ước TDP 1",
            text=text,
        )


def post(personas: Any, convention: Convention) -> ConventionVersion:
    version = convention.versions.order_by("-number").first()
    assert version is not None
    with at(2026, 3, 2):
        return services.post_draft(actor=personas["village_head"], version=version, place="Nhà văn hóa")


def adopt(personas: Any, version: ConventionVersion) -> ConventionVersion:
    with at(2026, 4, 2):
        outcome = services.record_meeting(
            actor=personas["village_head"], version=version, on=None, present=2, approving=2
        )
    assert outcome.adopted
    return outcome.version


def recognise(personas: Any, version: ConventionVersion) -> ConventionVersion:
    with at(2026, 4, 3):
        services.file_with_commune(actor=personas["village_head"], version=version)
    with at(2026, 4, 6):
        return services.recognise(
            actor=personas["commune_official"], version=version, decision_number="12/QĐ-UBND"
        )


@pytest.fixture
def drafted(tree: Any, personas: Any) -> Convention:
    return create(personas, tree)


@pytest.fixture
def posted(tree: Any, personas: Any, drafted: Convention) -> ConventionVersion:
    return post(personas, drafted)


@pytest.fixture
def in_force(tree: Any, personas: Any, posted: ConventionVersion) -> Convention:
    recognise(personas, adopt(personas, posted))
    return Convention.objects.get(pk=posted.convention_id)
