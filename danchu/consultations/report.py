"""The synthesis report (báo cáo tổng hợp, tiếp thu, giải trình ý kiến Nhân dân) as an administrative
document in the Decree 30 BÁO CÁO layout, .docx and PDF, laid out by the plans' Decree 30 export.

It gives the statistics by channel, by section and by response, then every visible opinion with its answer.
Authors are not named (the report is published): a citizen is "Công dân", an organisation by its name.
"""

from __future__ import annotations

from django.utils import timezone

from danchu.plans.export import Layout, Paragraph, document_docx, document_pdf

from . import selectors
from .models import Audience, Channel, Consultation, ResponseKind, SourceKind

NO_ANSWER = "Chưa trả lời"


def _channel(code: str) -> str:
    return str(Channel(code).label) if code in Channel.values else code


def _response(code: str) -> str:
    return str(ResponseKind(code).label) if code in ResponseKind.values else NO_ANSWER


def layout(consultation: Consultation) -> Layout:
    unit = consultation.unit
    day = (
        timezone.localtime(consultation.closed_at).date() if consultation.closed_at else timezone.localdate()
    )
    tally = selectors.tally(consultation)
    audience = {
        Audience.COMMUNE: f"Nhân dân {unit.name}",
        Audience.VILLAGES: "Nhân dân " + ", ".join(v.name for v in consultation.villages.all()),
        Audience.AGENCY: f"Cán bộ, công chức {consultation.agency.name if consultation.agency else ''}",
    }[Audience(consultation.audience)]
    body = [
        Paragraph(f"Căn cứ {consultation.matter.citation};"),
        Paragraph(
            f"Ủy ban nhân dân {unit.name} báo cáo kết quả tổng hợp, tiếp thu, giải trình ý kiến Nhân dân "
            "đối với "
            f"dự thảo “{consultation.title}” như sau:"
        ),
        Paragraph("I. TÌNH HÌNH TỔ CHỨC LẤY Ý KIẾN", bold=True, indent=False),
        Paragraph(f"1. Nội dung lấy ý kiến: {consultation.matter.title} ({consultation.matter.article})."),
        Paragraph(
            f"2. Thời gian: từ ngày {consultation.starts_on:%d/%m/%Y} "
            f"đến ngày {consultation.ends_on:%d/%m/%Y}."
        ),
        Paragraph(f"3. Đối tượng: {audience}."),
        Paragraph(f"4. Hình thức: {'; '.join(consultation.channel_labels)}."),
    ]
    for source in consultation.sources.all():
        body.append(
            Paragraph(
                f"- {SourceKind(source.kind).label} ngày {source.held_on:%d/%m/%Y}: {source.reference}."
            )
        )
    body += [
        Paragraph("II. KẾT QUẢ TỔNG HỢP", bold=True, indent=False),
        Paragraph(
            f"Tổng số {tally.total} ý kiến; đã tiếp thu, giải trình {tally.answered} ý kiến"
            + (f"; {tally.hidden} ý kiến bị ẩn (vi phạm quy định)." if tally.hidden else ".")
        ),
        Paragraph("1. Theo hình thức lấy ý kiến:", indent=True),
        *(Paragraph(f"- {_channel(c)}: {n} ý kiến.") for c, n in tally.by_channel),
        Paragraph("2. Theo phần của dự thảo:"),
        *(Paragraph(f"- {label}: {n} ý kiến.") for label, n in tally.by_section),
        Paragraph("3. Theo kết quả tiếp thu, giải trình:"),
        *(Paragraph(f"- {_response(k)}: {n} ý kiến.") for k, n in tally.by_response),
        Paragraph("III. NỘI DUNG TIẾP THU, GIẢI TRÌNH", bold=True, indent=False),
        Paragraph("Chi tiết từng ý kiến và nội dung tiếp thu, giải trình tại bảng dưới đây."),
    ]
    if consultation.conclusion:
        body += [Paragraph("IV. KẾT LUẬN", bold=True, indent=False), Paragraph(consultation.conclusion)]
    table = [["STT", "Phần dự thảo", "Ý kiến", "Hình thức", "Tiếp thu, giải trình"]]
    for n, opinion in enumerate(
        selectors.public_opinions(consultation).order_by("section_id", "id"), start=1
    ):
        who = opinion.author_name if opinion.author_kind == "organisation" else "Công dân"
        answer = (
            f"{_response(opinion.response.kind)}: {opinion.response.text}" if opinion.response else NO_ANSWER
        )
        table.append(
            [
                str(n),
                opinion.section.label if opinion.section else "Toàn văn",
                f"{opinion.text} ({who}, #{opinion.pk})",
                _channel(opinion.channel),
                answer,
            ]
        )
    issuer = f"ỦY BAN NHÂN DÂN {unit.name.upper()}"
    return Layout(
        issuer_lines=["ỦY BAN NHÂN DÂN", unit.name.upper()] if len(issuer) > 30 else [issuer],
        number_line="Số:     /BC-UBND",
        place_date=f"{unit.name}, ngày {day:%d} tháng {day:%m} năm {day:%Y}",
        type_name="BÁO CÁO",
        title=f"Tổng hợp, tiếp thu, giải trình ý kiến Nhân dân đối với dự thảo {consultation.title}",
        body=body,
        recipients=[
            "- Thường trực Hội đồng nhân dân;",
            "- Ủy ban Mặt trận Tổ quốc Việt Nam;",
            "- Cổng thông tin điện tử;",
            "- Lưu: VT.",
        ],
        signature=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
        signer_name="",
        table=table,
    )


def to_docx(consultation: Consultation) -> bytes:
    return document_docx(layout(consultation))


def to_pdf(consultation: Consultation) -> bytes:
    return document_pdf(layout(consultation))
