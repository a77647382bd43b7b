"""Fetching a record named in a URL: a malformed or unknown id is a 404 in Vietnamese, never a 500."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, QuerySet
from django.http import Http404

_MAX_ID = 2**63 - 1  # the largest id either database stores; a larger number can name no record


def get_or_404[M: Model](queryset: QuerySet[M], pk: int | str | None, label: str) -> M:
    try:
        number = int(pk)  # type: ignore[arg-type]
        if not 0 < number <= _MAX_ID:
            raise ValueError
        return queryset.get(pk=number)
    except (ValueError, TypeError, ObjectDoesNotExist):
        raise Http404(f"Không tìm thấy {label}.") from None
