"""Vietnamese text helpers: search keys that ignore diacritics, and input hygiene."""

from __future__ import annotations

import re
import unicodedata

from unidecode import unidecode

from .errors import DomainError

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """A search key: lower case, no diacritics, đ→d, single spaces ("Đắk Lắk" → "dak lak")."""
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", unidecode(text).lower()).strip()


def clean_text(value: str, *, field: str, max_length: int | None = None, required: bool = True) -> str:
    """Normalise user text (NFC, trimmed) and refuse what PostgreSQL or the reader cannot take."""
    if "\x00" in value:
        raise DomainError(f"Trường “{field}” chứa ký tự không hợp lệ.", field=field)
    value = unicodedata.normalize("NFC", value).strip()
    if required and not value:
        raise DomainError(f"Trường “{field}” không được để trống.", field=field)
    if max_length is not None and len(value) > max_length:
        raise DomainError(f"Trường “{field}” dài quá {max_length} ký tự.", field=field)
    return value
