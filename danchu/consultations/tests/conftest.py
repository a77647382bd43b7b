from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from danchu.consultations.models import Consultation

from .factories import make

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def at(year: int, month: int, day: int, hour: int = 9) -> Any:
    return time_machine.travel(dt.datetime(year, month, day, hour, tzinfo=TZ), tick=False)


@pytest.fixture
def consultation(tree: Any, personas: Any, django_capture_on_commit_callbacks: Any) -> Consultation:
    """Launched on 02/03/2026, open until 16/03/2026."""
    with at(2026, 3, 2), django_capture_on_commit_callbacks(execute=True):
        return make(personas["commune_official"], tree.commune)
