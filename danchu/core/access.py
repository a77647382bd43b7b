"""The one door (cửa kiểm soát truy cập): how every view and API endpoint reaches the object its URL names.

Each app wraps `access` in an `access_<entity>(*, actor, <entity>_id, perm, for_write=False)` selector:
the record is fetched (a malformed or unknown id is a 404), then the policy is asked for `perm` (a 403),
and with `for_write` the row is locked until the transaction ends, so a service checks a state that
no concurrent request can change under it. Public pages use `access_public` over a queryset that is
itself the public scope (what is posted, published, open).

`watch()` lets the URL-walking test see that a request passed through the door.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from django.db.models import Model, QuerySet

from . import policy
from .actors import Actor
from .lookup import get_or_404
from .policy import Perm

_seen: ContextVar[list[Model] | None] = ContextVar("danchu_access_seen", default=None)


def access[M: Model](
    queryset: QuerySet[M],
    pk: int | str | None,
    *,
    actor: Actor | None,
    perm: Perm,
    label: str,
    for_write: bool = False,
) -> M:
    """The record `pk` of `queryset` if `actor` may do `perm` on it (404 if missing, 403 if forbidden)."""
    if for_write:
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("access(for_write=True) locks a row: call it inside the service's transaction")
        queryset = queryset.select_for_update(of=("self",))
    obj = get_or_404(queryset, pk, label)
    _note(obj)
    policy.require(actor, perm, obj)
    return obj


def access_public[M: Model](queryset: QuerySet[M], pk: int | str | None, *, label: str) -> M:
    """A record anyone may read: `queryset` is the public scope (what is posted, published, open)."""
    obj = get_or_404(queryset, pk, label)
    _note(obj)
    return obj


def _note(obj: Model) -> None:
    seen = _seen.get()
    if seen is not None:
        seen.append(obj)


@contextmanager
def watch() -> Iterator[list[Model]]:
    """Collect every record fetched through the door while the block runs (for tests)."""
    token = _seen.set([])
    try:
        seen = _seen.get()
        assert seen is not None
        yield seen
    finally:
        _seen.reset(token)
