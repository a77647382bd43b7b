"""Sổ tiếp công dân as a spreadsheet (.xlsx): the twelve columns of Mẫu số 03 (TT 04/2021/TT-TTCP), one
row per visit of the year. No text can become a formula (`core.spreadsheet`); a denouncer's identity is
left out, as on the log page (Law on Citizen Reception, Art. 4)."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from danchu.core.spreadsheet import append_row
from danchu.units.models import Unit

from .models import MASKED_DENOUNCER, Outcome, Visit

HEADERS = (
    "STT",
    "Ngày tiếp",
    "Họ tên - Địa chỉ",
    "CMND/Hộ chiếu của công dân",
    "Nội dung vụ việc",
    "Phân loại đơn/Số người",
    "Cơ quan đã giải quyết",
    "Thụ lý để giải quyết",
    "Trả lại đơn và hướng dẫn",
    "Chuyển đơn đến cơ quan, tổ chức, đơn vị có thẩm quyền",
    "Theo dõi kết quả giải quyết",
    "Ghi chú",
)


def _follow_up(visit: Visit) -> str:
    parts = [
        f"{link.letter.tracking_code}: {link.letter.get_outcome_display()}" for link in visit.letters.all()
    ]
    if visit.answered_on:
        parts.append(_("Trả lời %(d)s") % {"d": visit.answered_on.strftime("%d/%m/%Y")})
    elif visit.answer_due_on:
        parts.append(_("Hạn %(d)s") % {"d": visit.answer_due_on.strftime("%d/%m/%Y")})
    return "; ".join(parts)


def log_xlsx(unit: Unit, year: int, visits: list[Visit]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = f"So tiep {year}"
    append_row(sheet, [f"SỔ TIẾP CÔNG DÂN – {unit.name.upper()} – NĂM {year}"])
    sheet["A1"].font = Font(bold=True)
    append_row(sheet, HEADERS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    append_row(sheet, [f"({n})" for n in range(1, len(HEADERS) + 1)])
    for visit in visits:
        who = (
            str(MASKED_DENOUNCER)
            if visit.identity_hidden
            else f"{visit.visitor_name} - {visit.visitor_address}"
        )
        append_row(
            sheet,
            [
                visit.number,
                visit.received_on.strftime("%d/%m/%Y"),
                who,
                "" if visit.identity_hidden else visit.id_number,
                visit.subject,
                f"{visit.get_kind_display()}/{visit.people_count}",
                visit.handled_before_by,
                "x" if visit.outcome == Outcome.ACCEPTED else "",
                "x" if visit.outcome == Outcome.REFUSED else "",
                visit.transferred_to if visit.outcome == Outcome.TRANSFERRED else "",
                _follow_up(visit),
                visit.note,
            ],
        )
    for column, width in zip("ABCDEFGHIJKL", (6, 12, 30, 16, 45, 18, 20, 12, 12, 24, 30, 20), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
