"""The one size limit for every uploaded file (plans, evidence, report imports)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from .errors import DomainError


def max_bytes() -> int:
    return int(settings.DANCHU_MAX_UPLOAD_BYTES)


def require_size(data: bytes, *, field: str | None = None) -> None:
    """Refuse a file over the limit, saying both sizes in MB."""
    limit = max_bytes()
    if len(data) > limit:
        raise DomainError(
            _("Tệp quá lớn (%(size)s MB); giới hạn là %(limit)s MB.")
            % {"size": f"{len(data) / (1024 * 1024):.1f}", "limit": limit // (1024 * 1024)},
            field=field,
        )
