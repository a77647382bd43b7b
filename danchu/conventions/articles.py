"""The text of a convention as chapters and articles (chương, điều), read from what the village head types
or pastes, and written back the same way.

    Chương I. NHỮNG QUY ĐỊNH CHUNG
    Điều 1. Phạm vi điều chỉnh
    Hương ước này quy định…

Every article begins with "Điều <số>." (or ":"); a chapter line "Chương <số La Mã>" is optional. Numbers
are kept as typed, so an amendment that keeps "Điều 5" amends the same article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.core.errors import DomainError
from danchu.core.text import clean_text

MAX_TEXT = 200_000
MAX_ARTICLES = 300
MAX_TITLE = 300

_CHAPTER = re.compile(r"^chương\s+([IVXLCDM]+|\d+)\s*[.:\-–]?\s*(.*)$", re.IGNORECASE)
_ARTICLE = re.compile(r"^điều\s+(\d{1,4})\s*[.:\-–]?\s*(.*)$", re.IGNORECASE)


@dataclass
class ParsedArticle:
    number: int
    title: str
    chapter: str = ""
    chapter_title: str = ""
    lines: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n".join(self.lines).strip()


def parse(text: str) -> list[ParsedArticle]:
    """The articles of `text`, in order; a Vietnamese message for what cannot be read."""
    text = clean_text(text, field="text", label=gettext_noop("Nội dung điều"), max_length=MAX_TEXT)
    chapter, chapter_title = "", ""
    found: list[ParsedArticle] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            if found:
                found[-1].lines.append("")
            continue
        if match := _CHAPTER.match(line):
            chapter, chapter_title = match.group(1).upper(), match.group(2).strip()[:MAX_TITLE]
            continue
        if match := _ARTICLE.match(line):
            number = int(match.group(1))
            if number < 1:
                raise DomainError(_("Số điều phải từ 1 trở lên."), field="text")
            if any(a.number == number for a in found):
                raise DomainError(
                    _("Điều %(number)s xuất hiện hai lần trong dự thảo.") % {"number": number}, field="text"
                )
            title = match.group(2).strip()
            if len(title) > MAX_TITLE:
                raise DomainError(
                    _("Tên Điều %(number)s dài quá %(max_title)s ký tự.")
                    % {"number": number, "max_title": MAX_TITLE},
                    field="text",
                )
            found.append(ParsedArticle(number, title, chapter, chapter_title))
            continue
        if not found:
            raise DomainError(
                _("Dự thảo phải bắt đầu bằng “Chương …” hoặc “Điều 1.”; dòng đầu không đọc được: “%(line)s”.")
                % {"line": line[:60]},
                field="text",
            )
        found[-1].lines.append(line)
    if not found:
        raise DomainError(
            _("Dự thảo phải có ít nhất một điều (một dòng bắt đầu bằng “Điều 1.”)."), field="text"
        )
    if len(found) > MAX_ARTICLES:
        raise DomainError(
            _("Dự thảo có quá %(max_articles)s điều.") % {"max_articles": MAX_ARTICLES}, field="text"
        )
    return found


class ArticleLike(Protocol):
    @property
    def number(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def body(self) -> str: ...
    @property
    def chapter(self) -> str: ...
    @property
    def chapter_title(self) -> str: ...


def as_text(articles: Sequence[ArticleLike]) -> str:
    """Articles (model rows or parsed) back into the text form `parse` reads."""
    out: list[str] = []
    chapter = None
    for article in articles:
        if article.chapter and article.chapter != chapter:
            out.append(f"Chương {article.chapter}. {article.chapter_title}".rstrip(". "))
        chapter = article.chapter
        title = article.title
        out.append(f"Điều {article.number}. {title}".rstrip(". ") + ("" if title else "."))
        if article.body:
            out.append(article.body)
        out.append("")
    return "\n".join(out).strip() + "\n"
