"""A denouncer's identity is read only by those who handle the denunciation: the commune's leader and the
official who received the visit (Law on Denunciations; Law on Citizen Reception Art. 4). Pages, API and
the .xlsx log ask the same selector."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from danchu.accounts.models import Role
from danchu.reception.models import VisitKind

from .conftest import MONDAY, at, log

SECRET = ("Trần Văn Tố", "Thôn Bí Mật", "079123456789")


@pytest.fixture
def denunciation(tree: Any, personas: Any) -> Any:
    with at(MONDAY.year, MONDAY.month, MONDAY.day):
        return log(
            personas["commune_official"],
            tree.commune,
            kind=VisitKind.DENUNCIATION,
            visitor_name=SECRET[0],
            visitor_address=SECRET[1],
            id_number=SECRET[2],
        )


@pytest.fixture
def readers(tree: Any, personas: Any) -> dict[str, Any]:
    from conftest import make_user

    return {
        "recorder": personas["commune_official"],
        "leader": make_user("chutich", Role.UNIT_LEADER, tree.commune),
        "colleague": make_user("xa2", Role.FOCAL_OFFICER, tree.commune),
        "province_leader": make_user("chutichtinh", Role.UNIT_LEADER, tree.province),
        "province_official": personas["province_official"],
    }


SEES = {
    "recorder": True, "leader": True,
    "colleague": False, "province_leader": False, "province_official": False,
}  # fmt: skip


def _shown(text: str) -> bool:
    return any(part in text for part in SECRET)


@pytest.mark.parametrize("who", list(SEES))
def test_the_api_masks_a_denouncer_but_for_those_who_handle_it(tree, denunciation, readers, login, who):
    client = login(readers[who])
    one = client.get(f"/api/v1/reception-visits/{denunciation.pk}")
    listed = client.get(f"/api/v1/units/{tree.commune.pk}/reception-visits")
    assert one.status_code == 200 and listed.status_code == 200
    assert _shown(one.content.decode()) is SEES[who]
    assert _shown(listed.content.decode()) is SEES[who]
    if not SEES[who]:
        assert one.json()["id_number"] == "" and one.json()["visitor_address"] == ""


@pytest.mark.parametrize("who", list(SEES))
def test_pages_and_export_mask_a_denouncer_but_for_those_who_handle_it(
    tree, denunciation, readers, login, who
):
    client = login(readers[who])
    detail = client.get(f"/tiep-cong-dan/luot/{denunciation.pk}/")
    page = client.get(f"/tiep-cong-dan/don-vi/{tree.commune.pk}/so/?nam={MONDAY.year}")
    sheet = client.get(f"/tiep-cong-dan/don-vi/{tree.commune.pk}/so.xlsx?nam={MONDAY.year}")
    assert detail.status_code == page.status_code == sheet.status_code == 200
    assert _shown(detail.content.decode()) is SEES[who]
    assert _shown(page.content.decode()) is SEES[who]
    rows = load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True)
    cells = " ".join(str(cell) for row in rows for cell in row)
    assert _shown(cells) is SEES[who]


def test_other_visitors_are_named_to_every_reader(tree, personas, readers, login):
    with at(MONDAY.year, MONDAY.month, MONDAY.day):
        visit = log(personas["commune_official"], tree.commune, id_number="079000000001")
    client = login(readers["province_official"])
    assert client.get(f"/api/v1/reception-visits/{visit.pk}").json()["id_number"] == "079000000001"
