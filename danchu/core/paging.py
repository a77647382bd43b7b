from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_SIZE = 50


def paginate(request: HttpRequest, items: Any, per_page: int = PAGE_SIZE) -> Page[Any]:
    """One page of `items`; a malformed or out-of-range page number gives the nearest valid page."""
    return Paginator(items, per_page).get_page(request.GET.get("trang"))
