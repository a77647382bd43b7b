"""Biên bản đối thoại trực tiếp as an official document (NĐ 30/2020 layout, Mẫu 1.9 Phụ lục III for a
minute's parts as forms.md §6.2 records them), through the plans' Decree 30 export: .docx and PDF from
one `Layout`, so both say the same thing. The wording of the minute's labels is unverified (forms.md)."""

from __future__ import annotations

from danchu.plans.export import Layout, Paragraph, document_docx, document_pdf

from .models import Dialogue


def _two(value: int) -> str:
    return f"{value:02d}"


def layout(dialogue: Dialogue) -> Layout:
    unit = dialogue.unit
    held = dialogue.held_on
    opened = dialogue.opened_at.strftime("%H giờ %M") if dialogue.opened_at else "…"
    closed = dialogue.closed_at.strftime("%H giờ %M") if dialogue.closed_at else "…"
    body = [
        Paragraph(
            f"Hôm nay, vào lúc {opened} ngày {_two(held.day)} tháng {_two(held.month)} năm {held.year}, "
            f"tại {dialogue.place}, Chủ tịch Ủy ban nhân dân {unit.name} tổ chức đối thoại trực tiếp với "
            f"{dialogue.get_audience_display().lower()} về: {dialogue.topic}."
        ),
        Paragraph("I. THÀNH PHẦN THAM DỰ", bold=True, indent=False),
        Paragraph(f"1. Chủ trì: {dialogue.chair}."),
        Paragraph(f"2. Thư ký: {dialogue.secretary}."),
        Paragraph(
            f"3. Thành phần khác: {dialogue.audience_note or dialogue.get_audience_display()}; "
            f"số người dự: {dialogue.attendance or 0}."
        ),
        Paragraph("II. NỘI DUNG", bold=True, indent=False),
    ]
    body += [Paragraph(line) for line in dialogue.summary.splitlines() if line.strip()]
    body.append(Paragraph("III. Ý KIẾN CỦA NGƯỜI DÂN VÀ TRẢ LỜI", bold=True, indent=False))
    for n, question in enumerate(dialogue.questions.all(), start=1):
        body.append(
            Paragraph(f"{n}. {question.asker_name} ({question.get_channel_display()}): {question.text}")
        )
        body.append(Paragraph(f"Trả lời ({question.answered_by}): {question.answer}"))
        for commitment in question.commitments.all():
            agency = (
                f", {commitment.agency.name} thực hiện" if commitment.agency_id and commitment.agency else ""
            )
            body.append(Paragraph(f"Cam kết: {commitment.text} (hạn {commitment.due_on:%d/%m/%Y}{agency})."))
    body.append(Paragraph("IV. KẾT LUẬN CỦA CHỦ TRÌ", bold=True, indent=False))
    body += [Paragraph(line) for line in dialogue.conclusion.splitlines() if line.strip()]
    body.append(
        Paragraph(
            f"Buổi đối thoại kết thúc vào lúc {closed} cùng ngày. Biên bản đã được đọc lại cho những người "
            "dự cùng nghe và thống nhất."
        )
    )
    body.append(Paragraph(f"THƯ KÝ: {dialogue.secretary}", bold=True, indent=False))
    return Layout(
        issuer_lines=["ỦY BAN NHÂN DÂN", unit.name.upper()],
        number_line="Số:      /BB-UBND",
        place_date=f"{unit.name}, ngày {_two(held.day)} tháng {_two(held.month)} năm {held.year}",
        type_name="BIÊN BẢN",
        title=f"Đối thoại trực tiếp của Chủ tịch UBND với {dialogue.get_audience_display().lower()}",
        body=body,
        recipients=["- Chủ tịch, các Phó Chủ tịch UBND;", "- Người dự đối thoại;", "- Lưu: VT."],
        signature=["CHỦ TRÌ"],
        signer_name=dialogue.chair,
    )


def to_docx(dialogue: Dialogue) -> bytes:
    return document_docx(layout(dialogue))


def to_pdf(dialogue: Dialogue) -> bytes:
    return document_pdf(layout(dialogue))
