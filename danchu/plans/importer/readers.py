"""Reading a plan file into Unicode text: .txt / .md, .docx, text PDF. Everything else is refused clearly.

The file's content decides what it is, not its name: a PDF renamed .docx is called out as such.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danchu.core.errors import DomainError
from danchu.core.files import sniff
from danchu.core.uploads import require_size

from .lines import starts_block
from .patterns import DOC_TYPES

TEXT_SUFFIXES = {".txt", ".md", ".text"}
SUFFIX_KIND = {".docx": "docx", ".pdf": "pdf", **dict.fromkeys(TEXT_SUFFIXES, "text")}
KIND_LABEL = {
    "docx": "Word (.docx)",
    "pdf": "PDF",
    "text": gettext_lazy("văn bản thuần (.txt)"),
    "doc": "Word 97-2003 (.doc)",
    "zip": gettext_lazy("tệp nén (.zip)"),
    "png": gettext_lazy("ảnh PNG"),
    "jpeg": gettext_lazy("ảnh JPEG"),
    "webp": gettext_lazy("ảnh WebP"),
}

# Vietnamese letters that only exist in Unicode text (precomposed), and the marks of the legacy encodings
# when their bytes are read as Windows-1252: TCVN3 puts tone-marked vowels on symbols (Õ = ế, ª = ê,
# ­ = ư, ® = đ), VNI writes a base letter followed by a mark character (aù = á, eâ = ê, ñ = đ).
_UNICODE_VI = re.compile(r"[ăđơưĂĐƠƯ\u1ea0-\u1ef9]")  # none of these exists in Windows-1252
_TCVN3_MARKS = re.compile(r"[®¬\xadª©¨µ¸¶·¹¼½¾ÆÇËÑØÞßæçëîïñøþ]")
_VNI_MARKS = re.compile(r"[aeiouyAEIOUY][ùøûõïáàåãäâêô]|ñ|[oOuU][ôö]")


class DocumentError(DomainError):
    """The file cannot be read as a plan; the message says why and what to do."""


def read_document(name: str, data: bytes) -> str:
    """The document's text, or a DocumentError in Vietnamese that says what is wrong with the file."""
    try:
        require_size(data)
    except DomainError as exc:
        raise DocumentError(exc.message) from None
    if not data.strip():
        raise DocumentError(_("Tệp rỗng."))
    suffix = Path(name).suffix.lower()
    expected = SUFFIX_KIND.get(suffix)
    if expected is None:
        raise DocumentError(
            _("Không hỗ trợ tệp “%(value)s”. Hãy tải lên .docx, .pdf, .txt hoặc .md.")
            % {"value": suffix or name}
        )
    kind = sniff(data)
    if kind == "doc":
        raise DocumentError(
            _("Tệp Word 97-2003 (.doc) chưa đọc được: hãy mở bằng Word và lưu lại dạng .docx.")
        )
    if kind == "zip":
        raise DocumentError(_("Tệp nén không phải văn bản Word (.docx)."))
    if kind != expected:
        content = KIND_LABEL.get(kind, _("loại tệp khác"))
        raise DocumentError(
            _("Tệp có đuôi %(suffix)s nhưng nội dung là %(content)s: hãy kiểm tra lại tệp.")
            % {"suffix": suffix, "content": content}
        )
    if kind == "pdf":
        text = _read_pdf(data)
    elif kind == "docx":
        text = _read_docx(data)
    else:
        text = decode_text(data)
    check_encoding(text)
    return unicodedata.normalize("NFC", text)


def decode_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def check_encoding(text: str) -> None:
    """Refuse text typed in the legacy TCVN3 (.VnTime) or VNI fonts: it would be stored as gibberish."""
    if "\x00" in text:
        raise DocumentError(_("Tệp chứa ký tự không hợp lệ (NUL); có thể đây không phải tệp văn bản."))
    letters = sum(ch.isalpha() for ch in text) or 1
    unicode_vi = len(_UNICODE_VI.findall(text))
    if unicode_vi / letters > 0.02:
        return
    tcvn3 = len(_TCVN3_MARKS.findall(text)) / letters
    vni = len(_VNI_MARKS.findall(text)) / letters
    if max(tcvn3, vni) > 0.03:
        # The two share some symbols; the one whose marks are denser is the one in use.
        font = _("TCVN3 (phông .VnTime)") if tcvn3 >= vni else _("VNI (phông VNI-Times)")
        raise DocumentError(
            _(
                "Văn bản dùng bảng mã %(font)s, không phải Unicode. Hãy chuyển mã sang Unicode (ví dụ bằng "
                "công cụ chuyển mã của Unikey) rồi tải lên lại."
            )
            % {"font": font}
        )
    if "\ufffd" in text:
        raise DocumentError(_("Không nhận ra bảng mã của tệp văn bản; hãy lưu lại dạng UTF-8."))


def _read_docx(data: bytes) -> str:
    try:
        return _docx_text(data)
    except Exception as exc:  # python-docx, zipfile and lxml raise many kinds on damaged packages
        raise DocumentError(
            _(
                "Không đọc được tệp Word (.docx): tệp hỏng hoặc không đúng định dạng. "
                "Hãy mở bằng Word, lưu lại dạng .docx rồi tải lên lại."
            )
        ) from exc


def _docx_text(data: bytes) -> str:
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(io.BytesIO(data))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            # The header (issuer | national motto) and the signature block are two-column tables:
            # read column by column so each side stays together.
            columns = max((len(row.cells) for row in block.rows), default=0)
            for column in range(columns):
                for row in block.rows:
                    if column < len(row.cells):
                        lines.extend(p.text for p in row.cells[column].paragraphs)
    return "\n".join(lines)


def _read_pdf(data: bytes) -> str:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            words = [page.extract_words(x_tolerance=1.5, y_tolerance=3) for page in pdf.pages]
        # The text block's own middle, over the whole document: Decree 30 margins are wider on the
        # left, and a last page may hold nothing but the left column of the signature table.
        every = [w for page_words in words for w in page_words]
        middle = (min((w["x0"] for w in every), default=0) + max((w["x1"] for w in every), default=0)) / 2
        pages = [_page_lines(page_words, middle) for page_words in words]
    except Exception as exc:  # pdfminer raises many kinds on damaged files, wrapped by pdfplumber
        if isinstance(exc, PDFPasswordIncorrect) or any(
            isinstance(a, PDFPasswordIncorrect) for a in exc.args
        ):
            raise DocumentError(_("Tệp PDF được đặt mật khẩu: hãy gỡ mật khẩu rồi tải lên lại.")) from None
        raise DocumentError(_("Không đọc được tệp PDF (tệp hỏng hoặc không đúng định dạng).")) from exc
    if sum(len(line.text) for page in pages for line in page) < 50:
        raise DocumentError(
            _(
                "Tệp PDF là ảnh chụp, không có lớp chữ: cần nhận dạng ký tự (OCR) trước, hoặc tải lên bản "
                ".docx."
            )
        )
    return _join_pdf_pages(pages)


@dataclass
class _PdfLine:
    text: str
    x0: float
    x1: float
    right: str = ""  # text of a second column on the same line (header, signature block)
    left_half: bool = False  # the line stays in the left half: part of a two-column block


def _page_lines(words: list[dict[str, Any]], middle: float) -> list[_PdfLine]:
    """The page's lines, each split into a left part and, in two-column blocks, a right part."""
    rows: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) <= 3:
            rows[-1].append(word)
        else:
            rows.append([word])
    lines: list[_PdfLine] = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        split = next((i for i in range(1, len(row)) if row[i]["x0"] - row[i - 1]["x1"] > 25), None)
        left, right = (row[:split], row[split:]) if split else (row, [])
        if not right and left[0]["x0"] > middle - 10:
            left, right = [], left
        text = " ".join(w["text"] for w in left)
        lines.append(
            _PdfLine(
                text=text,
                x0=left[0]["x0"] if left else middle,
                x1=left[-1]["x1"] if left else middle,
                right=" ".join(w["text"] for w in right),
                left_half=bool(left) and left[-1]["x1"] < middle,
            )
        )
    return lines


def _join_pdf_pages(pages: list[list[_PdfLine]]) -> str:
    """Drop running headers and page numbers, put two-column blocks column by column, and rejoin
    justified lines into paragraphs (a line that reaches the right margin continues on the next)."""
    edges: Counter[str] = Counter()
    for page in pages:
        for line in [*page[:1], *page[-1:]][: len(page)]:
            edges[(line.text + " " + line.right).strip()] += 1
    repeated = {text for text, count in edges.items() if count >= 2 and len(pages) >= 2}
    lines: list[tuple[_PdfLine, float]] = []
    for page in pages:
        body = [
            ln
            for ln in page
            if (ln.text + " " + ln.right).strip() not in repeated
            and not re.fullmatch(r"(Trang\s*)?\d{1,3}(\s*/\s*\d{1,3})?", (ln.text + ln.right).strip())
        ]
        right_edge = max((ln.x1 for ln in body if ln.text and not ln.right), default=0)
        lines += [(ln, right_edge) for ln in body]
    out: list[str] = []
    open_paragraph = False
    index = 0
    while index < len(lines):
        line, right_edge = lines[index]
        if line.right:
            # A two-column block (header, "Nơi nhận" beside the signature), possibly across a page break.
            block = [line]
            while index + 1 < len(lines) and _continues_block(block, lines[index + 1][0]):
                index += 1
                block.append(lines[index][0])
            out += _column([ln.text for ln in block if ln.text]) + _column(
                [ln.right for ln in block if ln.right]
            )
            open_paragraph = False
        elif open_paragraph and out and not starts_block(line.text):
            out[-1] = _rejoin(out[-1], line.text)
            open_paragraph = line.x1 >= right_edge - 3
        else:
            out.append(line.text)
            open_paragraph = line.x1 >= right_edge - 3
        index += 1
    return "\n".join(out)


def _continues_block(block: list[_PdfLine], line: _PdfLine) -> bool:
    if line.right:
        return True
    return line.left_half and any(ln.text for ln in block) and line.text not in DOC_TYPES


def _column(lines: list[str]) -> list[str]:
    """A table cell's lines; a list entry wrapped inside its cell ("- Báo Quảng Ngãi, Đài PT-TH" +
    "Quảng Ngãi;") is rejoined: an entry ends with ';' or '.', the next one starts with a dash."""
    result: list[str] = []
    for line in lines:
        wrapped = result and result[-1].startswith(("-", "–")) and not re.search(r"[;.]$", result[-1])
        if wrapped and not re.match(r"[-–+•]|Nơi nhận", line):
            result[-1] = _rejoin(result[-1], line)
        else:
            result.append(line)
    return result


def _rejoin(previous: str, line: str) -> str:
    """Join a wrapped line: a word hyphenated at the margin loses its hyphen; a symbol broken after
    its dash or slash ("157/NQ-" + "HĐND", "04/2015/" + "NĐ-CP") is glued back; otherwise one space."""
    if re.search(r"[a-zđà-ỹ]-$", previous) and line[:1].islower():
        return previous[:-1] + line
    if re.search(r"\S[-/]$", previous) and re.match(r"[A-ZĐ0-9]{2}", line):
        return previous + line
    return f"{previous} {line}"
