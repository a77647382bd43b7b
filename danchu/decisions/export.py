"""Documents of a community decision in the Decree 30 layout (reusing the plans' export): the invitation
(NĐ 59 Mẫu 01), the minutes/resolution (Mẫu 03), the tally minutes (Mẫu 02 for a meeting, Mẫu 04 for a
household ballot), and the batch of numbered paper ballots (the product's own layout: NĐ 59 has none).

The village's documents carry no number line (the forms show none). The tails of Mẫu 02–04 were not
seen verbatim (forms.md §1.2–1.4): their closing lines here follow the visible openings."""

from __future__ import annotations

import hashlib
from html import escape

from django.utils import timezone

from danchu.core import pdf
from danchu.plans.export import MOTTO_1, MOTTO_2, Layout, Paragraph, document_docx, document_pdf

from . import codes, selectors
from .models import Attendance, Decision, PaperBallot, ProceduralVote


def _issuer(decision: Decision) -> list[str]:
    unit = decision.unit
    if unit.is_village and unit.parent is not None:
        return [f"UBND {unit.parent.name.upper()}", unit.name.upper()]
    return ["ỦY BAN NHÂN DÂN", unit.name.upper()]


def _place_date(decision: Decision) -> str:
    day = timezone.localdate()
    return f"{decision.unit.name}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def invitation(decision: Decision) -> Layout:
    """Giấy mời (Mẫu 01)."""
    when = (
        timezone.localtime(decision.meeting_at).strftime("%H giờ %M, ngày %d/%m/%Y")
        if decision.meeting_at
        else "……"
    )
    questions = selectors.questions_of(decision)
    return Layout(
        issuer_lines=_issuer(decision),
        number_line="",
        place_date=_place_date(decision),
        type_name="GIẤY MỜI",
        title="",
        body=[
            Paragraph("Trân trọng kính mời ông (bà): Đại diện các hộ gia đình"),
            Paragraph(f"Về việc: {decision.title}"),
            Paragraph("1. Thời gian, địa điểm", bold=True),
            Paragraph(f"a) Thời gian: {when}"),
            Paragraph(f"b) Địa điểm: {decision.meeting_place or '……'}"),
            Paragraph("2. Thành phần", bold=True),
            Paragraph(f"a) Chủ trì: Trưởng {decision.unit.name}"),
            Paragraph("b) Đại biểu tham dự: Ban công tác Mặt trận, đại diện các hộ gia đình"),
            Paragraph("3. Nội dung", bold=True),
            *(Paragraph(f"- {q.text}") for q in questions),
            Paragraph("4. Đầu mối liên hệ thông tin về cuộc họp: Trưởng thôn, tổ dân phố", bold=True),
            Paragraph("5. Các tài liệu phục vụ cuộc họp (nếu có).", bold=True),
            Paragraph(
                f"{decision.unit.name} đề nghị ông (bà) bố trí thời gian tham gia đầy đủ, đúng thành phần./."
            ),
        ],
        signature=["CHỦ TRÌ CUỘC HỌP", "(Ký, ghi rõ họ tên)"],
    )


def _result_paragraphs(decision: Decision) -> list[Paragraph]:
    result = selectors.compute_result(decision)
    t = result.threshold
    lines = [
        Paragraph(f"- Tổng số hộ gia đình trong danh sách: {result.denominator}"),
        Paragraph(f"- Số hộ đã biểu quyết: {result.participated} ({result.turnout_percent}%)"),
        Paragraph(
            f"- Tỷ lệ tán thành theo quy định: {t.words} tổng số hộ ({result.needed} hộ); căn cứ {t.citation}"
            + ("" if t.verified else " (chưa kiểm chứng)")
        ),
    ]
    for q in result.questions:
        lines.append(Paragraph(q.text, bold=True))
        lines += [Paragraph(f"- {o.label}: {o.count} hộ{' (đạt)' if o.passes else ''}") for o in q.options]
    if result.passed is not None:
        verdict = "ĐƯỢC THÔNG QUA" if result.passed else "KHÔNG ĐƯỢC THÔNG QUA"
        lines.append(Paragraph(f"Kết quả: nội dung {verdict}.", bold=True))
    if decision.digest:
        lines.append(Paragraph(f"Mã kiểm tra kết quả (SHA-256): {decision.digest}", indent=False))
    return lines


def minutes(decision: Decision) -> Layout:
    """Biên bản cuộc họp của cộng đồng dân cư (Mẫu 03)."""
    present = Attendance.objects.filter(decision=decision).count()
    denominator = selectors.denominator_of(decision)
    when = (
        timezone.localtime(decision.meeting_at).strftime("%H giờ %M phút, ngày %d/%m/%Y")
        if decision.meeting_at
        else "……"
    )
    body = [
        Paragraph(
            f"Hôm nay, vào hồi {when}, tại {decision.meeting_place or '……'}, {decision.unit.name} "
            "tổ chức cuộc họp "
            f"của cộng đồng dân cư về việc {decision.title}."
        ),
        Paragraph("I. Thành phần tham dự", bold=True, indent=False),
        Paragraph(f"1. Chủ trì: Trưởng {decision.unit.name}"),
        Paragraph("2. Thư ký: ……"),
        Paragraph("3. Thành phần tham dự:"),
        Paragraph(f"- Số hộ gia đình có đại diện tham dự cuộc họp: {present}"),
        Paragraph(f"- Số hộ gia đình không có người đại diện tham dự: {max(denominator - present, 0)}"),
        Paragraph("II. Biểu quyết thủ tục", bold=True, indent=False),
        *(
            Paragraph(
                f"- {v.subject}: {v.in_favour}/{v.present} hộ có mặt tán thành, "
                f"{'thông qua' if v.passed else 'không thông qua'}."
            )
            for v in ProceduralVote.objects.filter(decision=decision)
        ),
        Paragraph("III. Kết quả biểu quyết", bold=True, indent=False),
        *(_result_paragraphs(decision) if decision.tallied_at else [Paragraph("Chưa kiểm phiếu.")]),
    ]
    if decision.switched_to_ballot_reason:
        body.append(
            Paragraph(f"Chuyển sang phát phiếu lấy ý kiến hộ gia đình: {decision.switched_to_ballot_reason}")
        )
    return Layout(
        issuer_lines=_issuer(decision),
        number_line="",
        place_date=_place_date(decision),
        type_name="BIÊN BẢN CUỘC HỌP CỦA CỘNG ĐỒNG DÂN CƯ",
        title=f"Về việc {decision.title}",
        body=body,
        recipients=["- UBND xã, phường;", "- Ủy ban MTTQ Việt Nam xã, phường;", "- Lưu."],
        signature=["CHỦ TRÌ CUỘC HỌP", "(Ký, ghi rõ họ tên)"],
    )


def tally_minutes(decision: Decision) -> Layout:
    """Biên bản kiểm phiếu (Mẫu 02 at a meeting, Mẫu 04 for a household ballot)."""
    form = (
        "phát phiếu lấy ý kiến của hộ gia đình"
        if decision.form == "ballot"
        else "cuộc họp của cộng đồng dân cư"
    )
    result = selectors.compute_result(decision)
    table = [["Kênh", "Số hộ"]] + [
        [label, str(result.by_channel.get(code, 0))]
        for code, label in (("meeting", "Tại cuộc họp"), ("paper", "Phiếu giấy"), ("online", "Trực tuyến"))
    ]
    return Layout(
        issuer_lines=_issuer(decision),
        number_line="",
        place_date=_place_date(decision),
        type_name="BIÊN BẢN KIỂM PHIẾU",
        title=f"Về việc {form} về {decision.title}",
        body=[
            Paragraph("Ban kiểm phiếu gồm các ông (bà) có tên sau: ……"),
            Paragraph("Đại diện hộ gia đình chứng kiến việc kiểm phiếu gồm: ……"),
            Paragraph("Kết quả kiểm phiếu như sau:", bold=True),
            *_result_paragraphs(decision),
        ],
        recipients=["- UBND xã, phường;", "- Ủy ban MTTQ Việt Nam xã, phường;", "- Lưu."],
        signature=["TỔ KIỂM PHIẾU", "(Ký, ghi rõ họ tên)"],
        table=table,
    )


def as_docx(layout: Layout) -> bytes:
    return document_docx(layout)


def as_pdf(layout: Layout) -> bytes:
    return document_pdf(layout)


# Ballots need no page numbers nor the plans' margin boxes (which WeasyPrint lays out page by page). The
# layout is kept cheap to set, since a village prints hundreds of pages: floats rather than a flex row for
# the heading (flex layout was half of each page's cost), line breaks rather than a paragraph per line, no
# table: 12 → 21 pages/s for a 40-ballot batch on the 2-core development machine.
BALLOT_CSS = (
    f'body {{ font-family: "{pdf.FAMILY}"; font-size: 13pt; }}'
    + """
  @page { size: A4; margin: 15mm 15mm 15mm 20mm; }
  p { margin: 0 0 5pt 0; } .b { font-weight: bold; }
  .c { clear: both; text-align: center; font-weight: bold; }
  .i { font-style: italic; }
  .l, .r { font-weight: bold; text-align: center; margin-bottom: 12pt; } .l { float: left; width: 40%; }
  .r { float: right; width: 58%; }
  .ballot { break-after: page; } .ballot:last-child { break-after: auto; }
  .box { display: inline-block; width: 12pt; height: 12pt; border: 1px solid #000; margin-right: 6pt; }
  .code { font-weight: bold; font-size: 16pt; letter-spacing: 2pt; }
  .stub { border-top: 1px dashed #000; margin-top: 18pt; padding-top: 6pt; font-size: 12pt; }
"""
)


def _ballots(decision: Decision) -> list[tuple[int, str, str, str]]:
    """(number, code, household number, address) of every paper ballot, in number order."""
    return list(
        PaperBallot.objects.filter(decision=decision)
        .order_by("number")
        .values_list("number", "code", "household__number", "household__address")
    )


def paper_batch_key(decision: Decision) -> str:
    """A fingerprint of everything printed on the batch: the issuer, the title, the questions and options,
    and every ballot with its household. The stored PDF is current while this is unchanged."""
    questions = selectors.questions_of(decision)
    parts: list[object] = [_issuer(decision), decision.title]
    parts += [(q.text, [o.label for o in q.options.all()]) for q in questions]
    parts += _ballots(decision)
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def paper_batch(decision: Decision) -> bytes:
    """Phiếu lấy ý kiến hộ gia đình: every household's numbered ballot in one PDF, the code on the part that
    comes back and the receipt on the stub the household keeps."""
    questions = selectors.questions_of(decision)
    issuer = "<br>".join(escape(line) for line in _issuer(decision))
    head = (
        f"<p class='l'>{issuer}</p><p class='r'>{MOTTO_1}<br>{MOTTO_2}</p>"
        f"<p class='c'>PHIẾU LẤY Ý KIẾN HỘ GIA ĐÌNH<br>{escape(decision.title)}</p>"
    )
    options_html = "".join(
        f"<p class='b'>{escape(q.text)}</p>"
        + "".join(f"<p><span class='box'></span>{escape(o.label)}</p>" for o in q.options.all())
        for q in questions
    )
    pages = []
    for number, code, household, address in _ballots(decision):
        receipt = codes.paper_receipt(decision.pk, code)
        pages.append(
            f"<section class='ballot'>{head}"
            f"<p>Phiếu số: {number} · Hộ số {escape(household)} · {escape(address)}</p>"
            f"{options_html}<p>Mã phiếu: <span class='code'>{code}</span></p>"
            "<p class='i'>Đánh dấu vào một ô cho mỗi câu hỏi; đại diện hộ ký và nộp lại phiếu.</p>"
            f"<div class='stub'><p>Phần hộ giữ lại · Phiếu số {number}</p>"
            f"<p>Mã xác nhận: <span class='code'>{receipt}</span></p>"
            "<p class='i'>Sau khi kiểm phiếu, tra mã này trong danh sách công bố "
            "để biết phiếu của hộ đã được tính.</p>"
            "</div></section>"
        )
    style = f"<style>{BALLOT_CSS}</style>"
    html = f"<html lang='vi'><head>{style}</head><body>{''.join(pages)}</body></html>"
    return pdf.render(html)
