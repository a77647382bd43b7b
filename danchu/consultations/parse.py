"""Splitting a draft into its sections (chương, điều, khoản, điểm, or numbered parts), each with an anchor
that a revision of the draft keeps ("dieu-3-khoan-2"), so opinions stay on their section.

The text comes from the plan importer's readers (.docx, .pdf, .txt), which refuse unreadable files with
their own messages; its line cleaning is reused too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from danchu.core.errors import DomainError
from danchu.core.text import fold
from danchu.plans.importer.lines import clean_lines
from danchu.plans.importer.readers import DocumentError, read_document

from .models import SectionKind

_CHAPTER = re.compile(r"^Chương\s+([IVXLC]+|\d+)\s*[.:]?\s*(.*)$", re.IGNORECASE)
_ARTICLE = re.compile(r"^Điều\s+(\d{1,3})\s*[.:]?\s*(.*)$")
_ROMAN = re.compile(r"^([IVX]{1,5})\.\s+(.+)$")
_NUMBER = re.compile(r"^(\d{1,2})\.\s+(.+)$")
_POINT = re.compile(r"^([a-zđ])\)\s*(.+)$")
_CLOSING = re.compile(r"^(Nơi nhận|TM\.|KT\.)", re.IGNORECASE)
MAX_SECTIONS = 2000  # product choice: a draft longer than this is not a draft for the public to read


@dataclass
class ParsedSection:
    anchor: str
    kind: str
    label: str
    title: str = ""
    depth: int = 0
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def read_draft(name: str, data: bytes) -> list[ParsedSection]:
    """The sections of an uploaded draft, or a DomainError saying why the file cannot be used."""
    try:
        text = read_document(name, data)
    except DocumentError as exc:
        raise DomainError(exc.message, field="file") from None
    sections = split(text)
    if not any(s.kind != SectionKind.PREAMBLE for s in sections) and not any(s.lines for s in sections):
        raise DomainError(_("Không tìm thấy nội dung trong tệp dự thảo."), field="file")
    if len(sections) > MAX_SECTIONS:
        raise DomainError(
            _("Dự thảo có quá %(n)s phần; hãy tách thành nhiều dự thảo.") % {"n": MAX_SECTIONS}, field="file"
        )
    return sections


def _key(value: str) -> str:
    return fold(value).replace(" ", "")


def split(text: str) -> list[ParsedSection]:
    lines = clean_lines(text)
    has_articles = any(_ARTICLE.match(line) for line in lines)
    sections: list[ParsedSection] = [ParsedSection("mo-dau", SectionKind.PREAMBLE, "Phần mở đầu")]
    seen: set[str] = {"mo-dau"}
    article = clause = part = number = ""
    pending_title: ParsedSection | None = None  # a chapter whose title is on its next line

    def add(anchor: str, kind: str, label: str, title: str, depth: int) -> ParsedSection:
        unique, n = anchor, 2
        while unique in seen:  # a numbering mistake in the draft: keep both, second one suffixed
            unique, n = f"{anchor}-{n}", n + 1
        seen.add(unique)
        section = ParsedSection(unique, kind, label, title, depth)
        sections.append(section)
        return section

    for line in lines:
        if _CLOSING.match(line):
            break
        if pending_title is not None:
            if not (_ARTICLE.match(line) or _CHAPTER.match(line)):
                pending_title.title, pending_title = line, None
                continue
            pending_title = None
        if m := _CHAPTER.match(line):
            chapter = m.group(1).upper()
            current = add(f"chuong-{_key(chapter)}", SectionKind.CHAPTER, f"Chương {chapter}", m.group(2), 0)
            pending_title = None if m.group(2) else current
            article = clause = ""
        elif has_articles and (m := _ARTICLE.match(line)):
            article, clause = m.group(1), ""
            add(f"dieu-{article}", SectionKind.ARTICLE, f"Điều {article}", m.group(2), 1)
        elif has_articles and article and (m := _NUMBER.match(line)):
            clause = m.group(1)
            add(f"dieu-{article}-khoan-{clause}", SectionKind.CLAUSE, f"Khoản {clause} Điều {article}", "", 2)
            sections[-1].lines.append(m.group(2))
        elif has_articles and article and (m := _POINT.match(line)):
            point = m.group(1)
            where = f"khoan-{clause}-" if clause else ""
            label = f"Điểm {point}" + (f" khoản {clause}" if clause else "") + f" Điều {article}"
            letter = "dd" if point == "đ" else point
            add(f"dieu-{article}-{where}diem-{letter}", SectionKind.POINT, label, "", 3)
            sections[-1].lines.append(m.group(2))
        elif not has_articles and (m := _ROMAN.match(line)):
            part, number = m.group(1), ""
            add(f"muc-{part.lower()}", SectionKind.PART, f"Mục {part}", m.group(2), 0)
        elif not has_articles and (m := _NUMBER.match(line)):
            number = m.group(1)
            prefix = f"muc-{part.lower()}-" if part else "muc-"
            label = f"Mục {part}.{number}" if part else f"Mục {number}"
            add(f"{prefix}{number}", SectionKind.PART, label, "", 1)
            sections[-1].lines.append(m.group(2))
        elif not has_articles and number and (m := _POINT.match(line)):
            point = m.group(1)
            prefix = f"muc-{part.lower()}-" if part else "muc-"
            anchor = f"{prefix}{number}-diem-{'dd' if point == 'đ' else point}"
            add(anchor, SectionKind.POINT, f"Điểm {point} mục {number}", "", 2)
            sections[-1].lines.append(m.group(2))
        else:
            sections[-1].lines.append(line)
    if not sections[0].lines:
        sections.pop(0)
    return sections
