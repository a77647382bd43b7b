from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from conftest import make_household, make_user
from danchu.accounts.models import Role
from danchu.decisions import services
from danchu.decisions.models import Decision
from danchu.decisions.services import OptionSpec, QuestionSpec
from danchu.units.models import Household, Unit

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    """Stored files (the paper ballot batches) go to the test's own directory, not var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


def at(year: int = 2026, month: int = 3, day: int = 2, hour: int = 9) -> Any:
    return time_machine.travel(dt.datetime(year, month, day, hour, tzinfo=TZ), tick=False)


def households(village: Unit, n: int, start: int = 100) -> list[Household]:
    return [make_household(village, f"{start + i:03d}", [f"Chủ hộ {start + i}"]) for i in range(n)]


def citizen_of(household: Household, name: str | None = None) -> Any:
    assert household.representative is not None
    return make_user(
        name or f"dan{household.pk}", Role.CITIZEN, household.village, resident=household.representative
    )


ROAD = [
    QuestionSpec(
        "Đồng ý chủ trương bê tông hóa đường xóm, mỗi hộ góp 500.000 đồng",
        "approve",
    )
]


def road(actor: Any, unit: Unit, **fields: Any) -> Decision:
    values: dict[str, Any] = {
        "matter_code": "infrastructure",
        "title": "Bê tông hóa đường xóm",
        "questions": ROAD,
        "form": "meeting",
        "meeting_at": dt.datetime(2026, 3, 8, 19, 30, tzinfo=TZ),
        "meeting_place": "Nhà văn hóa",
    }
    values.update(fields)
    return services.create_decision(actor=actor, unit=unit, **values)


def opened(actor: Any, unit: Unit, **fields: Any) -> Decision:
    decision = road(actor, unit, **fields)
    services.announce(actor=actor, decision_id=decision.pk)
    return services.open_voting(actor=actor, decision_id=decision.pk)


def ballot(actor: Any, unit: Unit, electronic: bool = True, **fields: Any) -> Decision:
    fields.setdefault("closes_on", dt.date(2026, 3, 20))
    return opened(actor, unit, form="ballot", electronic_returns=electronic, meeting_at=None, **fields)


def options(decision: Decision) -> list[int]:
    return list(
        decision.questions.get().options.order_by("order").values_list("id", flat=True)  # type: ignore[attr-defined]
    )


@pytest.fixture
def clock() -> Any:
    with at():
        yield


__all__ = ["OptionSpec"]
