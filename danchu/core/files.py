"""Uploaded documents and photos: what a file is comes from its content, never from its name.

One check for every upload that is kept and served again (task evidence, disclosure attachments): the
suffix must be allowed, the content must be what the suffix says, within the size limit, and carry no
active content (PDF JavaScript or launch actions, Word macros, HTML or script hidden in an image).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .errors import DomainError
from .uploads import require_size

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

SUFFIX_KIND = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".webp": "webp",
}
CONTENT_TYPE = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "webp": "image/webp",
}
IMAGE_KINDS = frozenset({"png", "jpeg", "webp"})
ALLOWED_TEXT = _("PDF, Word (.docx) hoặc ảnh (.jpg, .png, .webp)")

# PDF names that run code or open other things when the file is opened.
_PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA)\b")
# Markup a browser would run if it ever sniffed the bytes as HTML (polyglot images and PDFs). Long tags
# only: a short one ("<svg") turns up by chance in the compressed bytes of one photo in fifty.
_MARKUP = re.compile(rb"<(script|html|iframe|object|embed)\b|javascript:", re.IGNORECASE)


def sniff(data: bytes) -> str:
    """pdf, docx, doc, zip, png, jpeg, webp or text, by the file's first bytes."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            pass
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    return "text"


def _docx_active(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [n.lower() for n in archive.namelist()]
        types = archive.read("[Content_Types].xml") if "[content_types].xml" in names else b""
    return any(n.endswith("vbaproject.bin") or n.startswith("word/activex/") for n in names) or (
        b"macroEnabled" in types
    )


ATTACHMENT_LABEL = _("Tài liệu kèm theo")


def check_upload(name: str, data: bytes, *, field: str, label: StrOrPromise = ATTACHMENT_LABEL) -> str:
    """The file's kind if it may be kept and served; otherwise a DomainError saying what is wrong."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIX_KIND:
        raise DomainError(
            gettext("%(label)s phải là %(allowed)s; “%(name)s” không thuộc loại này.")
            % {"label": label, "allowed": ALLOWED_TEXT, "name": name},
            field=field,
        )
    if not data:
        raise DomainError(gettext("Tệp “%(name)s” rỗng.") % {"name": name}, field=field)
    require_size(data, field=field)
    kind = sniff(data)
    if kind != SUFFIX_KIND[suffix]:
        raise DomainError(
            gettext("Tệp “%(name)s” không đúng định dạng %(suffix)s: nội dung không khớp với tên tệp.")
            % {"name": name, "suffix": suffix},
            field=field,
        )
    active = (
        (kind == "pdf" and _PDF_ACTIVE.search(data) is not None)
        or (kind == "docx" and _docx_active(data))
        or (kind != "docx" and _MARKUP.search(data) is not None)
    )
    if active:
        raise DomainError(
            gettext(
                "Tệp “%(name)s” chứa mã thực thi (JavaScript, macro hoặc HTML nhúng) nên không được nhận. "
                "Hãy xuất lại tệp sạch (in ra PDF, lưu Word dạng .docx không macro) rồi tải lên."
            )
            % {"name": name},
            field=field,
        )
    return kind


def file_response(file: FieldFile, name: str, kind: str) -> FileResponse:
    """Serve a kept upload safely: its checked type, never sniffed; photos shown, documents downloaded;
    a sandbox policy so that nothing in it can run as part of our site."""
    response = FileResponse(
        file.open("rb"),
        content_type=CONTENT_TYPE.get(kind, "application/octet-stream"),
        as_attachment=kind not in IMAGE_KINDS,
        filename=name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    return response
