"""Errors that services raise for the user to read, in Vietnamese."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

NOT_PERMITTED = _("Bạn không có quyền thực hiện thao tác này.")


class DomainError(Exception):
    """A rule of the domain was broken; the message is shown to the user as is."""

    def __init__(self, message: StrOrPromise, *, field: str | None = None) -> None:
        # a lazy message (a module's constant) is read in the language of the request that raised it
        message = str(message)
        super().__init__(message)
        self.message = message
        self.field = field


class PermissionDeniedError(DomainError, PermissionDenied):
    """The actor may not do this to this object (Django answers it with the 403 page)."""

    def __init__(self, message: StrOrPromise = NOT_PERMITTED) -> None:
        super().__init__(message)
