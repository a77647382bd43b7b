"""A plan as an official document (Nghị định 30/2020, Phụ lục I): .docx (python-docx), PDF (WeasyPrint).

Both are laid out from the same `Layout`, so the two files always say the same thing, and both read
back through the importer to the same structure.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

from django.utils import timezone
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from danchu.core import pdf

from .models import AssignmentRole, Plan

MOTTO_1 = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"
FONT = "Times New Roman"  # in the .docx, for Word; the PDF embeds its metric twin (danchu.core.pdf)
PDF_CSS = (
    f'body {{ font-family: "{pdf.FAMILY}"; font-size: 14pt; }}'
    + """
  @page { size: A4; margin: 20mm 15mm 20mm 30mm; @top-center { content: counter(page); font-size: 13pt; } }
  @page :first { @top-center { content: none; } }
  p { margin: 0 0 6pt 0; text-align: justify; }
  p.ind { text-indent: 1.27cm; } p.b { font-weight: bold; }
  table { width: 100%; border-collapse: collapse; } td { vertical-align: top; } td p { text-align: center; }
  td.left { width: 36%; } td p.q { font-size: 12pt; white-space: nowrap; }
  .c { text-align: center; font-weight: bold; } .i { font-style: italic; }
  td.rec p { text-align: left; font-size: 11pt; margin: 0; }
  td.rec p.h { font-size: 12pt; font-weight: bold; font-style: italic; }
  table.grid { margin: 6pt 0 12pt 0; } table.grid th, table.grid td { border: 1px solid #000; padding: 3pt;
    font-size: 12pt; text-align: left; }
"""
)
FIELD_LABELS = {
    AssignmentRole.LEAD: "Cơ quan chủ trì",
    AssignmentRole.IMPLEMENTING: "Cơ quan thực hiện",
    AssignmentRole.COORDINATING: "Cơ quan phối hợp",
}


@dataclass
class Paragraph:
    text: str
    bold: bool = False
    indent: bool = True


@dataclass
class Layout:
    issuer_lines: list[str]
    number_line: str
    place_date: str
    type_name: str
    title: str
    body: list[Paragraph] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)
    signer_name: str = ""
    table: list[list[str]] = field(default_factory=list)  # a data table after the body (reports)


def _two(value: int) -> str:
    return f"{value:02d}"


def layout(plan: Plan) -> Layout:
    """Everything the document says, in order, following the conventions the sample plans use."""
    issuer = (
        (plan.issuer_text or f"Ủy ban nhân dân {plan.unit.name}").upper().replace("UBND ", "ỦY BAN NHÂN DÂN ")
    )
    head, sep, rest = issuer.partition("ỦY BAN NHÂN DÂN ")
    issuer_lines = [f"{head}{sep}".strip(), rest.strip()] if sep and rest else [issuer]
    if plan.issued_on:
        day, month = _two(plan.issued_on.day), _two(plan.issued_on.month)
    else:
        day, month = "    ", _two(int(plan.date_partial[5:7])) if len(plan.date_partial) == 7 else "    "
    place_date = f"{plan.place or plan.unit.name}, ngày {day} tháng {month} năm {plan.year}"
    body: list[Paragraph] = []
    bases = [basis.text for basis in plan.legal_bases.all()]
    if bases:
        body.append(Paragraph("Căn cứ " + "; ".join(bases) + "."))
    items = list(plan.items.prefetch_related("assignments").order_by("order"))
    for section in plan.sections.all():
        body.append(Paragraph(f"{section.label}. {section.title}", bold=True, indent=False))
        for item in (i for i in items if i.section_id == section.pk):
            number = item.path.split(".")[-1]
            marker = f"{number})" if number.isalpha() else f"{number}."
            if item.heading:
                body.append(Paragraph(f"{marker} {item.heading}", bold=True))
                if item.text:
                    body.append(Paragraph(item.text))
            else:
                body.append(Paragraph(f"{marker} {item.text}"))
            if "tổ chức thực hiện" not in section.title.lower():
                by_role: dict[str, list[str]] = {}
                for assignment in item.assignments.all():
                    by_role.setdefault(assignment.role, []).append(assignment.name)
                for role, label in FIELD_LABELS.items():
                    if by_role.get(role):
                        body.append(Paragraph(f"- {label}: {'; '.join(by_role[role])}."))
                if item.timeframe_text:
                    body.append(Paragraph(f"- Thời gian thực hiện: {item.timeframe_text}."))
    recipients = [f"- {r};" for r in plan.recipients[:-1]] + (
        [f"- {plan.recipients[-1]}."] if plan.recipients else []
    )
    signature = [line for line in plan.signer_authority.split(" KT. ") if line]
    if len(signature) == 2:
        signature[1] = "KT. " + signature[1]
    return Layout(
        issuer_lines=issuer_lines,
        number_line=f"Số: {plan.number_display}" if plan.symbol else "",
        place_date=place_date,
        type_name="KẾ HOẠCH",
        title=plan.title,
        body=body,
        recipients=recipients,
        signature=[*signature, plan.signer_title] if plan.signer_title else signature,
        signer_name=plan.signer_name,
    )


def _run(paragraph: object, text: str, *, size: float = 14, bold: bool = False, italic: bool = False) -> None:
    run = paragraph.add_run(text)  # type: ignore[attr-defined]
    run.font.name = FONT
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic


def _cell_lines(cell: object, lines: Sequence[tuple[str, float, bool, bool]]) -> None:
    first = True
    for text, size, bold, italic in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()  # type: ignore[attr-defined]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(paragraph, text, size=size, bold=bold, italic=italic)
        first = False


def _page_number_header(section: object) -> None:
    """Page numbers centred at the top, from page 2 on (NĐ 30: hidden on the first page)."""
    section.different_first_page_header_footer = True  # type: ignore[attr-defined]
    paragraph = section.header.paragraphs[0]  # type: ignore[attr-defined]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), tag)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    run.font.name = FONT
    run.font.size = Pt(13)


def to_docx(plan: Plan) -> bytes:
    return document_docx(layout(plan))


def document_docx(doc_layout: Layout) -> bytes:
    """Any administrative document (plan, report) laid out per Decree 30 as .docx."""
    document = Document()
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    _page_number_header(section)

    header = document.add_table(rows=1, cols=2)
    header.autofit = False
    header.columns[0].width, header.columns[1].width = Cm(6.5), Cm(10)
    left = [
        (line, 13, i > 0 or len(doc_layout.issuer_lines) == 1, False)
        for i, line in enumerate(doc_layout.issuer_lines)
    ]
    if doc_layout.number_line:
        left.append((doc_layout.number_line, 13, False, False))
    _cell_lines(header.cell(0, 0), left)
    _cell_lines(
        header.cell(0, 1),
        [(MOTTO_1, 12, True, False), (MOTTO_2, 13, True, False), (doc_layout.place_date, 14, False, True)],
    )
    for text in (doc_layout.type_name, doc_layout.title):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(paragraph, text, bold=True)
    for para in doc_layout.body:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.space_after = Pt(6)
        if para.indent:
            paragraph.paragraph_format.first_line_indent = Cm(1.27)
        _run(paragraph, para.text, bold=para.bold)
    if doc_layout.table:
        grid = document.add_table(rows=len(doc_layout.table), cols=len(doc_layout.table[0]))
        grid.style = "Table Grid"
        for r, row in enumerate(doc_layout.table):
            for c, text in enumerate(row):
                _run(grid.cell(r, c).paragraphs[0], text, size=12, bold=r == 0)
        document.add_paragraph()

    closing = document.add_table(rows=1, cols=2)
    cell = closing.cell(0, 0)
    first = cell.paragraphs[0]
    _run(first, "Nơi nhận:", size=12, bold=True, italic=True)
    for recipient in doc_layout.recipients:
        _run(cell.add_paragraph(), recipient, size=11)
    _cell_lines(
        closing.cell(0, 1),
        [
            *((line, 14, True, False) for line in doc_layout.signature),
            ("", 14, False, False),
            ("", 14, False, False),
            (doc_layout.signer_name, 14, True, False),
        ],
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def to_pdf(plan: Plan) -> bytes:
    return document_pdf(layout(plan))


def document_pdf(doc_layout: Layout) -> bytes:
    """The same document as PDF."""

    def lines(items: list[str], css: str = "") -> str:
        return "".join(f"<p class='{css}'>{escape(text)}</p>" for text in items)

    body = "".join(
        f"<p class='{'b ' if p.bold else ''}{'ind' if p.indent else ''}'>{escape(p.text)}</p>"
        for p in doc_layout.body
    )
    number = escape(doc_layout.number_line).replace("  ", "&nbsp;&nbsp;")  # a blank number keeps its space
    issuer = lines(doc_layout.issuer_lines, "b") + (f"<p>{number}</p>" if number else "")
    place_date = f"<p class='i'>{escape(doc_layout.place_date)}</p>"
    name = f"<p class='b'>{escape(doc_layout.signer_name)}</p>"
    if doc_layout.table:
        head, *rest = doc_layout.table
        body += (
            "<table class='grid'><thead><tr>"
            + "".join(f"<th>{escape(t)}</th>" for t in head)
            + "</tr></thead><tbody>"
            + "".join("<tr>" + "".join(f"<td>{escape(t)}</td>" for t in row) + "</tr>" for row in rest)
            + "</tbody></table>"
        )
    html = (
        f"<html lang='vi'><head><style>{PDF_CSS}</style></head><body>"
        f"<table><tr><td class='left'>{issuer}</td>"
        f"<td><p class='b q'>{MOTTO_1}</p><p class='b'>{MOTTO_2}</p>{place_date}</td></tr></table>"
        f"<p class='c'>{doc_layout.type_name}</p><p class='c'>{escape(doc_layout.title)}</p>{body}"
        f"<table><tr><td class='rec left'><p class='h'>Nơi nhận:</p>{lines(doc_layout.recipients)}</td>"
        f"<td>{lines(doc_layout.signature, 'b')}<p>&nbsp;</p><p>&nbsp;</p>{name}</td></tr></table>"
        "</body></html>"
    )
    return pdf.render(html)


def completeness_rows(plan: Plan) -> list[list[str]]:
    """The completeness table as rows of text: one per subordinate unit and directive."""
    from .selectors import completeness, obligations_of_directive

    rows = [["Yêu cầu", "Hạn", "Đơn vị", "Tình trạng", "Ngày gửi"]]
    today = timezone.localdate()
    for summary in completeness(plan):
        for obligation in obligations_of_directive(summary.directive):
            if obligation.fulfilled_at is not None:
                state = "Đúng hạn" if obligation.on_time else "Trễ hạn"
                sent = timezone.localtime(obligation.fulfilled_at).strftime("%d/%m/%Y")
            else:
                state, sent = ("Quá hạn, chưa gửi" if obligation.due_on < today else "Chưa đến hạn"), ""
            rows.append(
                [
                    summary.directive.get_kind_display(),
                    obligation.due_on.strftime("%d/%m/%Y"),
                    obligation.unit.name,
                    state,
                    sent,
                ]
            )
    return rows


def completeness_docx(plan: Plan) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(heading, "TÌNH HÌNH THỰC HIỆN CỦA CÁC ĐƠN VỊ", bold=True)
    subtitle = document.add_paragraph()
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(subtitle, f"Kế hoạch số {plan.number_display}: {plan.title}", italic=True)
    rows = completeness_rows(plan)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            _run(table.cell(r, c).paragraphs[0], text, size=12, bold=r == 0)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def completeness_pdf(plan: Plan) -> bytes:
    rows = completeness_rows(plan)
    head = "".join(f"<th>{escape(text)}</th>" for text in rows[0])
    body = "".join("<tr>" + "".join(f"<td>{escape(text)}</td>" for text in row) + "</tr>" for row in rows[1:])
    title = f"Kế hoạch số {escape(plan.number_display)}: {escape(plan.title)}"
    html = (
        f"<html lang='vi'><head><style>{PDF_CSS} th, td {{ border: 1px solid #000; padding: 3pt; }}"
        "</style></head><body><p class='c'>TÌNH HÌNH THỰC HIỆN CỦA CÁC ĐƠN VỊ</p>"
        f"<p class='c i'>{title}</p><table><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table></body></html>"
    )
    return pdf.render(html)
