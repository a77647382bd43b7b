"""First pass of the plan reader: clean lines (markdown, spacing, page numbers) and join wrapped ones."""

from __future__ import annotations

import re
import unicodedata

from .patterns import _AUTHORITY, _CLOSING, _CONTINUES, _ITEM, _SECTION, _SIGNER_TITLE, _SUBITEM


def _clean_line(line: str) -> str:
    line = unicodedata.normalize("NFC", line).replace("\u00a0", " ").replace("\t", " ")
    line = re.sub(r"^\s*#{1,6}\s*", "", line)
    line = line.replace("**", "")
    line = re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", r"\1", line)
    return re.sub(r"\s+", " ", line).strip()


def clean_lines(text: str) -> list[str]:
    """Non-empty cleaned lines; a word broken by a hyphen at the end of a line is rejoined."""
    lines = [_clean_line(raw) for raw in text.splitlines()]
    result: list[str] = []
    for line in lines:
        if not line or re.fullmatch(r"[-_=*]{3,}", line) or re.fullmatch(r"(Trang\s*)?\d{1,3}", line):
            continue
        result.append(line)
    return result


def starts_block(line: str) -> bool:
    return bool(
        _SECTION.match(line)
        or _ITEM.match(line)
        or _SUBITEM.match(line)
        or re.match(r"^[-–+•]\s", line)
        or _CLOSING.match(line)
        or _AUTHORITY.match(line)
        or _SIGNER_TITLE.match(line)
    )


def paragraphs(lines: list[str]) -> list[str]:
    """Join wrapped lines. A line continues the previous one unless it starts a block, or the previous
    one ended a sentence, or the previous one stopped short of the text width before a capital letter
    (a heading) without ending on a word that needs a continuation."""
    lengths = sorted(len(line) for line in lines if len(line) > 40)
    width = lengths[int(len(lengths) * 0.9)] if lengths else 80
    result: list[str] = []
    previous = ""
    for line in lines:
        if result and not starts_block(line) and _continues(previous, line, width):
            result[-1] = f"{result[-1]} {line}"
        else:
            result.append(line)
        previous = line
    return result


def _continues(previous: str, line: str, width: int) -> bool:
    if re.search(r"[.:;!?]$|\./\.$", previous):
        return False
    last_word = previous.rsplit(" ", 1)[-1].lower()
    if last_word in _CONTINUES or not line[:1].isupper():
        return True
    return len(previous) >= 0.86 * width
