"""What the unit services share: saving under a uniqueness rule."""

from __future__ import annotations

from collections.abc import Callable

from django.db import IntegrityError, transaction

from danchu.core.errors import DomainError


def unique_or_error(message: str, save: Callable[[], object]) -> None:
    """Run `save` in a savepoint and turn a uniqueness clash into a readable error (a concurrent write
    that no lock covers, e.g. two new villages of one name)."""
    try:
        with transaction.atomic():  # a savepoint: the clash must not break the service's transaction
            save()
    except IntegrityError as exc:
        raise DomainError(message) from exc
