"""The signed-in user a request acts as, typed as the concrete `User` the accounts services take."""

from __future__ import annotations

from django.http import HttpRequest

from danchu.core.errors import PermissionDeniedError

from .models import User


def acting_user(request: HttpRequest) -> User:
    """`request.user` as a `User`; a visitor who is not signed in may not act (403)."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise PermissionDeniedError()
    return user
