"""The five real sample plans (shared/, which CI has) and helpers that save them as .docx and PDF."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

SAMPLES = Path(__file__).resolve().parents[3].parent / "shared" / "samples" / "plans"
NAMES = [
    "ward-chanh-lo-2023",
    "ward-bai-chay-2024",
    "province-quang-ngai-2023",
    "commune-nam-chinh-2023",
    "district-ngo-quyen-2025",
]
WITH_EXPECTED = NAMES[:3]
CORE = [
    "doc_type",
    "number",
    "issuer",
    "place",
    "date",
    "year",
    "title",
    "sections",
    "items",
    "deadlines",
    "legal_refs",
    "recipients",
    "signer",
]
ITEM_KEYS = ("path", "heading", "lead", "implementing", "coordinating", "timeframe")
DEADLINE_KEYS = ("what", "due", "due_text", "to", "window_start")


def text_of(name: str) -> str:
    return (SAMPLES / f"{name}.txt").read_text(encoding="utf-8")


def expected_of(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAMPLES / "expected" / f"{name}.json").read_text(encoding="utf-8"))
    return data


def core(data: dict[str, Any]) -> dict[str, Any]:
    """The core keys, items and deadlines reduced to the keys the README defines for them."""
    result = {key: data.get(key) for key in CORE}
    result["items"] = [{k: item.get(k) for k in ITEM_KEYS} for item in data["items"] or []]
    result["deadlines"] = [{k: d.get(k) for k in DEADLINE_KEYS} for d in data["deadlines"] or []]
    return result


def _layout(name: str) -> tuple[list[str], list[str], list[str], list[str], list[str]]:
    """Split a sample into header-left, header-right, body paragraphs, recipients, signature lines."""
    from danchu.plans.importer.lines import clean_lines, paragraphs
    from danchu.plans.importer.patterns import _MOTTO, _NUMBER, _PLACE_DATE

    lines = clean_lines(text_of(name))
    start = next(i for i, line in enumerate(lines) if line == "KẾ HOẠCH")
    left: list[str] = []
    right: list[str] = []
    for line in lines[:start]:
        number, place = _NUMBER.search(line), _PLACE_DATE.search(line)
        if number and place:
            split = line.index(number.group(2)) + len(number.group(2))
            left.append(line[:split].strip())
            right.append(line[split:].strip())
        elif number or (line.isupper() and not _MOTTO.search(line)):
            left.append(line)
        else:
            right.append(line)
    tail = next(i for i, line in enumerate(lines) if line.startswith("Nơi nhận"))
    recipients, signature = [], []
    for line in lines[tail:]:
        (recipients if line.startswith(("Nơi nhận", "-")) else signature).append(line)
    body = paragraphs(lines[start:tail])
    return left, right, body, recipients, signature


def as_docx(name: str) -> bytes:
    """The sample as Word would hold it: header and signature in two-column tables, one paragraph each."""
    from docx import Document

    left, right, body, recipients, signature = _layout(name)
    document = Document()
    header = document.add_table(rows=1, cols=2)
    header.cell(0, 0).text = "\n".join(left)
    header.cell(0, 1).text = "\n".join(right)
    for para in body:
        document.add_paragraph(para)
    closing = document.add_table(rows=1, cols=2)
    closing.cell(0, 0).text = "\n".join(recipients)
    closing.cell(0, 1).text = "\n".join(signature)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def as_pdf(name: str) -> bytes:
    """The sample printed to A4 by someone else: justified and hyphenated lines, a running header and page
    numbers, header and signature in two columns; so line breaks move and pages add noise. Its text is
    set in a system font (DejaVu Serif: Debian's fontconfig brings it), not in the fonts we ship."""
    from html import escape

    from danchu.core import pdf

    left, right, body, recipients, signature = _layout(name)

    def column(lines: list[str]) -> str:
        return "".join(f"<p>{escape(line)}</p>" for line in lines)

    # Decree 30 centres the type name and the subject; the rest of the body is justified.
    title_end = next(i for i, p in enumerate(body) if not p.isupper()) + 1
    paras = "".join(f"<p class='center'>{escape(p)}</p>" for p in body[:title_end])
    paras += "".join(f"<p class='body'>{escape(p)}</p>" for p in body[title_end:])
    html = f"""<html lang="vi"><head><style>
      @page {{ size: A4; margin: 20mm 20mm 20mm 30mm;
               @top-center {{ content: "Kế hoạch thực hiện dân chủ ở cơ sở"; font-size: 9pt; }}
               @bottom-center {{ content: counter(page); font-size: 9pt; }} }}
      body {{ font-family: "DejaVu Serif", serif; font-size: 12pt; }}
      p {{ margin: 0 0 4pt 0; }} p.body {{ text-align: justify; hyphens: auto; }}
      table {{ width: 100%; border-collapse: collapse; }} td {{ width: 50%; vertical-align: top; }}
      td p, p.center {{ text-align: center; }}
    </style></head><body>
      <table><tr><td>{column(left)}</td><td>{column(right)}</td></tr></table>
      {paras}
      <table><tr><td>{column(recipients)}</td><td>{column(signature)}</td></tr></table>
    </body></html>"""
    return pdf.render(re.sub(r"\s+\n", "\n", html))
