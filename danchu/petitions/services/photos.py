"""Photos and evidence of a petition: checked by their content, size-limited, resized on the server.

A photo from a phone is often 4–12 MB; the browser shrinks it before upload when JavaScript runs, and
the server shrinks what still arrives large, so the public pages stay light on a slow line. A document
(PDF, Word) is kept as it is, as evidence only.
"""

from __future__ import annotations

import hashlib
import io
import secrets
from dataclasses import dataclass
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.core.errors import DomainError
from danchu.core.files import IMAGE_KINDS, SUFFIX_KIND, check_upload
from danchu.core.text import clean_text

from ..models import Petition, Photo

# Product choices: a petition shows a few photos; a photo's longest side on screen; what is accepted.
MAX_PHOTOS = 5
MAX_SIDE = 1600
MAX_PHOTO_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 50_000_000  # refuse decompression bombs before decoding


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


@dataclass(frozen=True)
class CheckedFile:
    name: str
    kind: str
    data: bytes


def check(upload: Upload, *, field: str, images_only: bool) -> CheckedFile:
    """The file if it may be kept (a real image, or with `images_only=False` a PDF/Word document),
    resized if it is a large photo; a Vietnamese DomainError otherwise. Writes nothing."""
    name = clean_text(upload.name or "anh.jpg", field=field, label=gettext_noop("Tên tệp"), max_length=200)
    if len(upload.data) > MAX_PHOTO_BYTES:
        raise DomainError(
            _("Tệp “%(name)s” lớn quá %(mb)s MB.") % {"name": name, "mb": MAX_PHOTO_BYTES // (1024 * 1024)},
            field=field,
        )
    kinds = IMAGE_KINDS if images_only else set(SUFFIX_KIND.values())
    if SUFFIX_KIND.get(PurePath(name).suffix.lower()) not in kinds:
        allowed = (
            _("Ảnh phải là tệp JPEG, PNG hoặc WebP")
            if images_only
            else _("Minh chứng phải là ảnh JPEG, PNG, WebP hoặc tài liệu PDF, Word (.docx)")
        )
        raise DomainError(
            _("%(allowed)s; “%(name)s” không thuộc loại này.") % {"allowed": allowed, "name": name},
            field=field,
        )
    kind = check_upload(name, upload.data, field=field, label=_("Ảnh") if images_only else _("Minh chứng"))
    if kind not in IMAGE_KINDS:
        if images_only:
            raise DomainError(
                _("Tệp “%(name)s” không phải ảnh (.jpg, .png, .webp).") % {"name": name}, field=field
            )
        return CheckedFile(name, kind, upload.data)
    return CheckedFile(name, kind, _image(upload.data, name=name, kind=kind, field=field))


def _image(data: bytes, *, name: str, kind: str, field: str) -> bytes:
    """The decoded, verified image, shrunk to MAX_SIDE and re-encoded (which also drops anything hidden
    after the image data and the photo's location metadata)."""
    try:
        from PIL import Image, ImageOps, UnidentifiedImageError
    except ImportError:  # Pillow is optional: the content check above already proved the kind
        return data
    refused = DomainError(_("Tệp “%(name)s” không phải ảnh hợp lệ.") % {"name": name}, field=field)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.width * probe.height > MAX_PIXELS:
                raise DomainError(_("Ảnh “%(name)s” quá nhiều điểm ảnh.") % {"name": name}, field=field)
            probe.verify()
        with Image.open(io.BytesIO(data)) as opened:
            image = ImageOps.exif_transpose(opened)
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            out = io.BytesIO()
            if kind == "jpeg":
                image.convert("RGB").save(out, "JPEG", quality=82, optimize=True)
            elif kind == "png":
                image.save(out, "PNG", optimize=True)
            else:
                image.save(out, "WEBP", quality=82)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise refused from None


def keep(petition: Petition, checked: CheckedFile, kind: str) -> Photo:
    """Store a checked file on `petition` (inside the caller's transaction)."""
    photo = Photo(
        petition=petition,
        kind=kind,
        file_kind=checked.kind,
        size=len(checked.data),
        sha256=hashlib.sha256(checked.data).hexdigest(),
        at=timezone.now(),
    )
    suffix = {"jpeg": "jpg"}.get(checked.kind, checked.kind)
    photo.file.save(f"{secrets.token_hex(12)}.{suffix}", ContentFile(checked.data), save=False)
    photo.save()
    return photo
