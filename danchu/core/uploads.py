"""The one size limit for every uploaded file (plans, evidence, report imports)."""

from __future__ import annotations

from django.conf import settings

from .errors import DomainError


def max_bytes() -> int:
    return int(settings.DANCHU_MAX_UPLOAD_BYTES)


def require_size(data: bytes, *, field: str | None = None) -> None:
    """Refuse a file over the limit, saying both sizes in MB."""
    limit = max_bytes()
    if len(data) > limit:
        raise DomainError(
            f"Tệp quá lớn ({len(data) / (1024 * 1024):.1f} MB); giới hạn là {limit // (1024 * 1024)} MB.",
            field=field,
        )
