"""Records of the commune for the door walk (tests/test_one_door.py): a letter, a petition with a photo,
a category with its Open311 code (the jurisdiction rides in the value's query string)."""

from __future__ import annotations

from typing import Any

from danchu.petitions.models import Channel
from danchu.petitions.services import categories, intake, petitions
from danchu.petitions.services.intake import SenderData
from danchu.petitions.services.photos import Upload

from .conftest import jpeg


def records(tree: Any, personas: Any) -> dict[str, Any]:
    official = personas["commune_official"]
    category = categories.create_category(
        actor=official, unit=tree.commune, code="street_light", name="Đèn chiếu sáng", agency=tree.agency
    )
    petition, _new = petitions.submit(
        actor=None,
        unit=tree.commune,
        category=category,
        channel=Channel.PORTAL_GUEST,
        sender=SenderData(full_name="Nguyễn Văn An", device="door"),
        subject="Đèn hỏng",
        description="Đèn đường không sáng.",
        address="12 Lê Lợi",
        uploads=[Upload("anh.jpg", jpeg())],
    )
    letter = intake.register_letter(
        actor=official,
        unit=tree.commune,
        channel=Channel.POST,
        sender=SenderData(full_name="Lê Văn Cường"),
        subject="Đề nghị",
        text="Nội dung đơn.",
    )
    jurisdiction = f"?jurisdiction_id={tree.commune.code}&_="
    return {
        "letter_id": letter.pk,
        "petition_id": petition.pk,
        "petitions:public_detail.petition_id": petition.pk,
        "photo_id": petition.photos.first().pk,  # type: ignore[union-attr]
        "petitions.code": petition.letter.tracking_code,
        "petitions.action": "giao",
        "petitions:letter_action.action": "phan-loai",
        "service_code": f"street_light.xml{jurisdiction}",
        "service_request_id": f"{petition.pk}.xml{jurisdiction}",
        "token": f"{petition.letter.tracking_code}.xml{jurisdiction}",
    }
