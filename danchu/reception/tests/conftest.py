from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation

from danchu.reception import services
from danchu.reception.models import Audience, Dialogue, ReceptionSchedule, Visit, VisitKind

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = dt.date(2026, 3, 2)


def at(year: int, month: int, day: int, hour: int = 9) -> Any:
    return time_machine.travel(dt.datetime(year, month, day, hour, tzinfo=TZ), tick=False)


def make_schedule(actor: Any, unit: Any, **fields: Any) -> ReceptionSchedule:
    values: dict[str, Any] = {
        "weekdays": [3],
        "morning": "07:30–11:30",
        "afternoon": "13:30–17:00",
        "place": "Phòng tiếp công dân, trụ sở UBND phường",
        "chairman": "Nguyễn Văn Thành",
        "stand_in": "Trần Thị Hòa",
    }
    values.update(fields)
    return services.save_schedule(actor=actor, unit=unit, **values)


def log(actor: Any, unit: Any, **fields: Any) -> Visit:
    values: dict[str, Any] = {
        "received_on": MONDAY,
        "host": "Nguyễn Văn Thành",
        "visitor_name": "Phạm Văn Hải",
        "visitor_address": "Tổ 1, phường Chánh Lộ",
        "subject": "Đề nghị sửa cống thoát nước trước nhà.",
        "kind": VisitKind.PETITION,
    }
    values.update(fields)
    return services.log_visit(actor=actor, unit=unit, **values)


def announce(actor: Any, unit: Any, **fields: Any) -> Dialogue:
    values: dict[str, Any] = {
        "topic": "Chỉnh trang vỉa hè",
        "held_on": dt.date(2026, 3, 12),
        "place": "Hội trường UBND phường",
        "audience": Audience.CITIZENS,
        "chair": "Nguyễn Văn Thành",
        "questions_until": dt.date(2026, 3, 10),
    }
    values.update(fields)
    return services.plan_dialogue(actor=actor, unit=unit, **values)


@pytest.fixture(autouse=True)
def _vietnamese() -> Any:
    """Services speak the active language: every test starts in Vietnamese, whatever a previous request
    in this thread activated."""
    with translation.override("vi"):
        yield


@pytest.fixture
def schedule(tree: Any, personas: Any) -> ReceptionSchedule:
    """Chánh Lộ's chairman receives on Thursdays; published on 02/03/2026."""
    with at(2026, 3, 2):
        make_schedule(personas["commune_official"], tree.commune)
        return services.publish_schedule(actor=personas["commune_official"], unit=tree.commune)


@pytest.fixture
def visit(tree: Any, personas: Any) -> Visit:
    with at(2026, 3, 2):
        return log(personas["commune_official"], tree.commune)


@pytest.fixture
def dialogue(tree: Any, personas: Any) -> Dialogue:
    """Announced on 02/03/2026 for 12/03, questions until 10/03."""
    with at(2026, 3, 2):
        return announce(personas["commune_official"], tree.commune)
