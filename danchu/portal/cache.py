"""Whole-page cache for what anonymous citizens read most: a unit's page and a commune's archive.

A hit skips the queries and the template; the key holds the version the view passes (the unit and its
children, the commune's disclosures: their latest write), the day (windows open and close by date), the
address with its query string and the language, so a publication, a withdrawal or a new village shows at
once. What the key does not see (an ancestor renamed, a merger recorded) shows within five minutes.
The CSRF token of the page's forms is a mark in the cached copy, replaced per visitor, so that a form
posts with the visitor's own token.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone

TTL_SECONDS = 300
CSRF_MARK = "danchu-csrf-mark"


def anonymous_page(
    request: HttpRequest, version: str, render: Callable[[dict[str, Any]], HttpResponse]
) -> HttpResponse:
    """`render(extra_context)` on a miss; the stored page, with this visitor's CSRF token, on a hit."""
    if request.user.is_authenticated or request.method != "GET" or len(messages.get_messages(request)):
        return render({})
    parts = (version, timezone.localdate().isoformat(), request.get_full_path(), request.LANGUAGE_CODE)
    key = "portal:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    body: str | None = cache.get(key)
    if body is None:
        response = render({"csrf_token": CSRF_MARK})
        body = response.content.decode()
        if response.status_code != 200:
            response.content = body.replace(CSRF_MARK, get_token(request)).encode()
            return response
        cache.set(key, body, TTL_SECONDS)
    return HttpResponse(body.replace(CSRF_MARK, get_token(request)))
