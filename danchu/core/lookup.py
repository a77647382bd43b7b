"""Fetching a record named in a URL: a malformed or unknown id is a 404 in the reader's language, never a
500."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

_MAX_ID = 2**63 - 1  # the largest id either database stores; a larger number can name no record


def get_or_404[M: Model](queryset: QuerySet[M], pk: int | str | None, label: str) -> M:
    """The record `pk` of `queryset`, else a 404 naming it by `label` (Vietnamese, marked with
    gettext_noop where it is written; translated here)."""
    try:
        number = int(pk)  # type: ignore[arg-type]
        if not 0 < number <= _MAX_ID:
            raise ValueError
        return queryset.get(pk=number)
    except (ValueError, TypeError, ObjectDoesNotExist):
        raise Http404(_("Không tìm thấy %(label)s.") % {"label": _(label)}) from None
