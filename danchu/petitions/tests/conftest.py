from __future__ import annotations

import datetime as dt
import io
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from danchu.petitions.models import Category, Channel, Petition
from danchu.petitions.services import categories, petitions
from danchu.petitions.services.intake import SenderData
from danchu.petitions.services.photos import Upload
from danchu.units.models import Agency, AgencyKind

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def at(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> Any:
    return time_machine.travel(dt.datetime(year, month, day, hour, minute, tzinfo=TZ), tick=False)


def jpeg(width: int = 40, height: int = 30) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 180, 20)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def works(tree: Any) -> Agency:
    """The commune's infrastructure section, which answers for street lights."""
    return Agency.objects.create(
        unit=tree.commune,
        name="Phòng Kinh tế, Hạ tầng và Đô thị",
        name_key="phong kinh te",
        kind=AgencyKind.SECTION,
        short_name="KTHTĐT",
    )


@pytest.fixture
def light(tree: Any, personas: Any, works: Agency) -> Category:
    return categories.create_category(
        actor=personas["commune_official"],
        unit=tree.commune,
        code="street_light",
        name="Đèn chiếu sáng hỏng",
        agency=works,
        resolve_days=5,
        attributes=[{"code": "pole", "datatype": "string", "required": False, "description": "Số cột"}],
    )


def report(
    unit: Any,
    category: Category,
    *,
    actor: Any = None,
    text: str = "Đèn đường trước nhà số 12 không sáng.",
    device: str = "máy-1",
    photos: int = 1,
    **extra: Any,
) -> Petition:
    petition, _new = petitions.submit(
        actor=actor,
        unit=unit,
        category=category,
        channel=Channel.PORTAL if actor is not None else Channel.PORTAL_GUEST,
        sender=SenderData(full_name="Nguyễn Văn An", phone="0901234567", device=device),
        subject="Đèn đường hỏng",
        description=text,
        uploads=[Upload(f"anh{i}.jpg", jpeg()) for i in range(photos)],
        **{"address": "12 Lê Lợi", **extra},
    )
    return petition


@pytest.fixture
def petition(tree: Any, light: Category, django_capture_on_commit_callbacks: Any) -> Petition:
    """A street light reported on Monday 02/03/2026 at 09:00 (due in 5 working days: 09/03)."""
    with at(2026, 3, 2), django_capture_on_commit_callbacks(execute=True):
        return report(tree.commune, light)
