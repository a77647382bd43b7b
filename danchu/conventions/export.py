"""A recognised convention's text as a document (.docx and PDF), laid out by the plans' Decree 30 export
(`danchu.plans.export`): the same `Layout` feeds both files, so they always say the same thing."""

from __future__ import annotations

from danchu.plans.export import Layout, Paragraph, document_docx, document_pdf
from danchu.units.models import UnitKind

from .models import Article, ArticleChange, ArticleStatus, ConventionVersion, Kind

_STATUS_NOTE = {
    ArticleStatus.SUSPENDED: "(Điều này đang tạm ngưng thực hiện: {reason})",
    ArticleStatus.ABOLISHED: "(Điều này đã bị bãi bỏ: {reason})",
}


def layout(version: ConventionVersion, articles: list[Article]) -> Layout:
    convention = version.convention
    village = convention.unit
    commune = village.parent
    issuer = [f"UBND {commune.name}".upper()] if commune else []
    body: list[Paragraph] = []
    chapter = None
    for article in articles:
        if article.change == ArticleChange.REPEALED:
            continue
        if article.chapter and article.chapter != chapter:
            body.append(Paragraph(f"Chương {article.chapter}", bold=True, indent=False))
            if article.chapter_title:
                body.append(Paragraph(article.chapter_title.upper(), bold=True, indent=False))
        chapter = article.chapter
        body.append(Paragraph(f"Điều {article.number}. {article.title}".rstrip(". "), bold=True))
        body += [Paragraph(line) for line in article.body.splitlines() if line.strip()]
        if article.status in _STATUS_NOTE:
            body.append(
                Paragraph(_STATUS_NOTE[ArticleStatus(article.status)].format(reason=article.status_reason))
            )
    if version.recognised_on:
        body.append(
            Paragraph(
                f"(Được Ủy ban nhân dân {commune.name if commune else ''} công nhận theo Quyết định số "
                f"{version.decision_number} ngày {version.recognised_on:%d/%m/%Y}; có hiệu lực từ ngày "
                f"{version.recognised_on:%d/%m/%Y}.)",
                indent=False,
            )
        )
    head = "TỔ TRƯỞNG TỔ DÂN PHỐ" if village.kind == UnitKind.RESIDENTIAL_GROUP else "TRƯỞNG THÔN"
    on = version.adopted_on or version.recognised_on
    place_date = f"{village.name}, ngày {on:%d} tháng {on:%m} năm {on:%Y}" if on else village.name
    return Layout(
        issuer_lines=[*issuer, village.name.upper()],
        number_line="",
        place_date=place_date,
        type_name=("" if version.recognised_on else "DỰ THẢO ")
        + ("HƯƠNG ƯỚC" if convention.kind == Kind.HUONG_UOC else "QUY ƯỚC"),
        title=convention.title,
        body=body,
        recipients=[f"- UBND {commune.name};" if commune else "", "- Lưu."],
        signature=["TM. CỘNG ĐỒNG DÂN CƯ", head],
        signer_name="",
    )


def to_docx(version: ConventionVersion, articles: list[Article]) -> bytes:
    return document_docx(layout(version, articles))


def to_pdf(version: ConventionVersion, articles: list[Article]) -> bytes:
    return document_pdf(layout(version, articles))
