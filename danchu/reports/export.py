"""A unit's report as an official document (BÁO CÁO, Decree 30 layout) in .docx and PDF, and the pivot
as .xlsx. The document reuses the plans' layout so every official paper looks alike."""

from __future__ import annotations

import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from danchu.core.spreadsheet import append_row
from danchu.plans.export import Layout, Paragraph, document_docx, document_pdf

from . import periods, selectors
from .models import Submission
from .selectors import Pivot
from .values import Value


def layout(submission: Submission) -> Layout:
    regime, unit = submission.regime, submission.unit
    issued = timezone.localdate(submission.submitted_at) if submission.submitted_at else None
    day, month = (f"{issued.day:02d}", f"{issued.month:02d}") if issued else ("    ", "    ")
    year = issued.year if issued else submission.period_end.year
    body = [
        Paragraph(
            f"Thực hiện {regime.name} của {regime.unit.name}, {unit.name} báo cáo kết quả "
            f"{periods.label(submission.period).lower()} (số liệu từ ngày {submission.period_start:%d/%m/%Y} "
            f"đến ngày {submission.period_end:%d/%m/%Y}) như sau:"
        )
    ]
    for i, title in enumerate(regime.outline):
        body.append(Paragraph(f"{_roman(i + 1)}. {title.upper()}", bold=True, indent=False))
        text = submission.narrative.get(str(i), "")
        body += [Paragraph(line) for line in text.splitlines() if line.strip()] or [Paragraph("…")]
    body.append(Paragraph(f"{_roman(len(regime.outline) + 1)}. SỐ LIỆU", bold=True, indent=False))
    stored = selectors.stored(submission)
    table = [["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"]]
    for n, indicator in enumerate(selectors.indicators_of(regime), start=1):
        value = stored.get(indicator.code, Value())
        table.append([str(n), indicator.name, indicator.measure, value.display(indicator.kind)])
    via = f" (qua {regime.receiver_agency.name})" if regime.receiver_agency else ""
    recipients = [f"- {regime.unit.name}{via};", "- Lưu: VT."]
    return Layout(
        issuer_lines=["ỦY BAN NHÂN DÂN", unit.name.upper()],
        number_line=f"Số: {submission.number or '    '}/BC-UBND",
        place_date=f"{unit.name}, ngày {day} tháng {month} năm {year}",
        type_name="BÁO CÁO",
        title=f"{regime.name} – {periods.label(submission.period)}",
        body=body,
        recipients=recipients,
        signature=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        table=table,
    )


def _roman(n: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in numerals:
        while n >= value:
            out, n = out + letters, n - value
    return out


def to_docx(submission: Submission) -> bytes:
    return document_docx(layout(submission))


def to_pdf(submission: Submission) -> bytes:
    return document_pdf(layout(submission))


def pivot_xlsx(pivot: Pivot, *, title: str, node_name: str) -> bytes:
    """Units × indicators with the node's total last; numbers stay numbers for Excel, texts stay texts
    (a unit named like a formula is not one)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Tổng hợp"
    append_row(sheet, [title])
    sheet["A1"].font = Font(bold=True)
    append_row(sheet, ["Mã đơn vị", "Đơn vị", *(f"{i.code} – {i.name}" for i in pivot.indicators)])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in pivot.rows:
        append_row(
            sheet, [row.unit.code, row.unit.name, *(float(v) if v is not None else None for v in row.values)]
        )
    append_row(sheet, ["", f"Cộng {node_name}", *(float(v) if v is not None else None for v in pivot.total)])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
