from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .notifications import unread_count
from .workspace import current_workspace


def workspace(request: HttpRequest) -> dict[str, Any]:
    """The official's current unit and the roles they can switch between, for the layout."""
    if not request.user.is_authenticated:
        return {}
    return {"workspace": current_workspace(request), "unread_notifications": unread_count(request.user)}
