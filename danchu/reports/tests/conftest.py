from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from danchu.reports import services
from danchu.reports.catalogue import MOTCUA, QCDC, codes
from danchu.reports.models import ReportRegime
from danchu.units.models import Tier

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def at(year: int, month: int, day: int, hour: int = 9) -> Any:
    return time_machine.travel(dt.datetime(year, month, day, hour, tzinfo=TZ), tick=False)


@pytest.fixture
def regime(tree: Any, personas: Any) -> ReportRegime:
    """The province's 6-month report on grassroots democracy and the one-stop shop, H1 2026 open."""
    with at(2026, 1, 10):
        return services.create_regime(
            actor=personas["province_official"],
            unit=tree.province,
            name="Báo cáo 6 tháng thực hiện dân chủ ở cơ sở",
            frequency="six_monthly",
            reporter_tiers=[Tier.COMMUNE],
            indicator_codes=codes(QCDC) + codes(MOTCUA),
            required_codes=["MC_RECEIVED"],
            starts_on=dt.date(2026, 1, 1),
            outline=["Kết quả thực hiện", "Kiến nghị"],
        )
