"""Vietnamese text helpers: search keys that ignore diacritics, and input hygiene."""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext as _
from unidecode import unidecode

from .errors import DomainError

_SPACES = re.compile(r"\s+")
# Invisible characters that change how text reads without showing: zero-width spaces and joiners, the
# byte-order mark, and bidirectional overrides/isolates ("abc\u202egpj.exe" shows as "abcexe.jpg").
# Pasted text from word processors carries some of them innocently, so they are removed, not refused.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def fold(text: str) -> str:
    """A search key: lower case, no diacritics, đ→d, single spaces ("Đắk Lắk" → "dak lak")."""
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", unidecode(text).lower()).strip()


def clean_text(
    value: str, *, field: str, max_length: int | None = None, required: bool = True, label: str | None = None
) -> str:
    """Normalise user text (NFC, trimmed, no invisible controls) and refuse what PostgreSQL or the
    reader cannot take (NUL, lone surrogates). `field` names the form/API field the error belongs to;
    `label` is what the reader is told (Vietnamese, translated), `field` itself when not given."""
    shown = _(label if label is not None else field)
    if "\x00" in value or _SURROGATE.search(value):
        raise DomainError(_("Trường “%(field)s” chứa ký tự không hợp lệ.") % {"field": shown}, field=field)
    value = unicodedata.normalize("NFC", strip_invisible(value)).strip()
    if required and not value:
        raise DomainError(_("Trường “%(field)s” không được để trống.") % {"field": shown}, field=field)
    if max_length is not None and len(value) > max_length:
        raise DomainError(
            _("Trường “%(field)s” dài quá %(n)s ký tự.") % {"field": shown, "n": max_length}, field=field
        )
    return value


def strip_invisible(value: str) -> str:
    """The text without zero-width characters and bidirectional controls."""
    return _INVISIBLE.sub("", value)
