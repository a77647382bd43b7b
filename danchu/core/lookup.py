"""Fetching a record named in a URL: a malformed or unknown id is a 404 in Vietnamese, never a 500."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, QuerySet
from django.http import Http404


def get_or_404[M: Model](queryset: QuerySet[M], pk: int | str | None, label: str) -> M:
    try:
        return queryset.get(pk=int(pk))  # type: ignore[arg-type]
    except (ValueError, TypeError, ObjectDoesNotExist):
        raise Http404(f"Không tìm thấy {label}.") from None


def get_object_or_404(label: str, pk: str) -> Any:
    """Any record by its model label ("units.household") and id, for pages that show any object's history."""
    from django.apps import apps

    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise Http404("Không tìm thấy đối tượng.") from None
    return get_or_404(model._default_manager.all(), pk, "đối tượng")
