"""The official export: Decree 30 page and blocks, and export → import gives back the structure."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from docx import Document

from danchu.core.tests.pdf_fonts import assert_only_vendored_fonts
from danchu.core.text import fold
from danchu.plans import services
from danchu.plans.export import completeness_pdf, completeness_rows, to_docx, to_pdf
from danchu.plans.importer import parse_text, read_plan
from danchu.units.models import Tier

from .samples import NAMES, core, text_of

pytestmark = pytest.mark.django_db


def _plan(tree, personas, name):
    return services.import_plan(
        actor=personas["admin"], unit=tree.province, file_name="kh.txt", data=text_of(name).encode()
    )


def _same(exported: dict, original: dict) -> None:
    # The export always prints the issuer in the official header form ("ỦY BAN NHÂN DÂN / PHƯỜNG X"),
    # where the source may only have named it in a sentence ("UBND phường X").
    normalise = lambda s: fold(s or "").replace("ubnd", "uy ban nhan dan")  # noqa: E731
    assert normalise(exported.pop("issuer")) == normalise(original.pop("issuer"))
    assert exported == original


def test_docx_has_the_decree_30_layout(tree, personas):
    document = Document(io.BytesIO(to_docx(_plan(tree, personas, "province-quang-ngai-2023"))))
    section = document.sections[0]
    lengths = (
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    )
    # A4; margins within Decree 30: top and bottom 20-25, left 30-35, right 15-20 mm.
    assert [round(length.mm) for length in lengths] == [210, 297, 20, 20, 30, 15]
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert section.different_first_page_header_footer  # no page number on page 1
    header = document.tables[0]
    left = [p.text for p in header.cell(0, 0).paragraphs]
    right = [p.text for p in header.cell(0, 1).paragraphs]
    assert left[-1] == "Số: 30/KH-UBND"
    assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert right[2] == "Quảng Ngãi, ngày 17 tháng 02 năm 2023"
    body = [p.text for p in document.paragraphs]
    assert body[0] == "KẾ HOẠCH" and document.paragraphs[0].runs[0].bold
    assert body[1] == "Thực hiện quy chế dân chủ ở cơ sở và công tác dân vận chính quyền năm 2023"
    closing = document.tables[1]
    assert closing.cell(0, 0).paragraphs[0].text == "Nơi nhận:"
    assert closing.cell(0, 0).paragraphs[-1].text == "- Lưu: VT, NC(vi56)."
    signature = [p.text for p in closing.cell(0, 1).paragraphs if p.text]
    assert signature == ["CHỦ TỊCH", "Đặng Văn Minh"]


@pytest.mark.parametrize("name", NAMES)
def test_export_reimports_to_the_same_structure(tree, personas, name):
    plan = _plan(tree, personas, name)
    original = core(parse_text(text_of(name)).as_json())
    _same(core(read_plan("export.docx", to_docx(plan)).as_json()), dict(original))
    pdf = to_pdf(plan)
    _same(core(read_plan("export.pdf", pdf).as_json()), dict(original))
    # Set in the shipped faces only: a system font standing in for a missing letter re-wraps the lines.
    assert_only_vendored_fonts(pdf)


def test_completeness_pdf_is_set_in_the_shipped_fonts(tree, personas):
    actor = personas["province_official"]
    plan = services.import_plan(
        actor=actor, unit=tree.province, file_name="kh.txt", data=text_of("province-quang-ngai-2023").encode()
    )
    with time_machine.travel(dt.datetime(2023, 2, 17, 9, tzinfo=dt.timezone(dt.timedelta(hours=7)))):
        services.issue_plan(actor=actor, plan=plan, cascade_tiers=[Tier.COMMUNE])
    assert len(completeness_rows(plan)) > 1  # a row per commune and directive, not only the header
    assert_only_vendored_fonts(completeness_pdf(plan))


def test_download_views(tree, personas, login):
    plan = _plan(tree, personas, "ward-chanh-lo-2023")
    client = login(personas["province_official"])
    docx = client.get(reverse("plans:download", args=[plan.pk, "ke-hoach.docx"]))
    assert docx.status_code == 200 and docx["Content-Type"].endswith("wordprocessingml.document")
    pdf = client.get(reverse("plans:download", args=[plan.pk, "ke-hoach.pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    table = client.get(reverse("plans:download", args=[plan.pk, "hoan-thanh.docx"]))
    assert table.status_code == 200
    assert (
        login(personas["sibling_official"])
        .get(reverse("plans:download", args=[plan.pk, "ke-hoach.pdf"]))
        .status_code
        == 403
    )
