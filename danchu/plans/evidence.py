"""Evidence files attached to task updates: only documents and photos, checked by content, not by name."""

from __future__ import annotations

from pathlib import Path

from danchu.core.errors import DomainError
from danchu.core.uploads import require_size

from .importer.readers import sniff

_ALLOWED = {".pdf": "pdf", ".docx": "docx", ".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg"}


def _kind(data: bytes) -> str:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    return sniff(data)


def check_evidence(name: str, data: bytes) -> None:
    """Refuse what is not a PDF, Word document or photo, what claims to be one and is not, or is too big."""
    suffix = Path(name).suffix.lower()
    if suffix not in _ALLOWED:
        raise DomainError(
            "Tài liệu kèm theo phải là PDF, Word (.docx) hoặc ảnh (.jpg, .png).", field="evidence"
        )
    require_size(data, field="evidence")
    if _kind(data) != _ALLOWED[suffix]:
        raise DomainError(
            f"Tệp “{name}” không đúng định dạng {suffix}: nội dung không khớp với tên tệp.", field="evidence"
        )
