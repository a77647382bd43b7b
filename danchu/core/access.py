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

_seen: ContextVar[list[tuple[str, object]] | None] = ContextVar("danchu_access_seen", default=None)


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
    _note(queryset.model, pk)
    obj = get_or_404(_locked(queryset) if for_write else queryset, pk, label)
    policy.require(actor, perm, obj)
    return obj


def access_public[M: Model](queryset: QuerySet[M], pk: int | str | None, *, label: str) -> M:
    """A record anyone may read: `queryset` is the public scope (what is posted, published, open)."""
    _note(queryset.model, pk)
    return get_or_404(queryset, pk, label)


def access_national[M: Model](
    queryset: QuerySet[M],
    pk: int | str | None,
    *,
    actor: Actor | None,
    perm: Perm,
    label: str,
    for_write: bool = False,
) -> M:
    """A national record that belongs to no unit (a catalogue line, a holiday): `perm` is asked of the
    whole country first, then the record is read (and locked with `for_write`)."""
    _note(queryset.model, pk)
    policy.require(actor, perm, None)
    return get_or_404(_locked(queryset) if for_write else queryset, pk, label)


def _locked[M: Model](queryset: QuerySet[M]) -> QuerySet[M]:
    """The row locked until the transaction ends (its own row only, not the joined ones)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("access(for_write=True) locks a row: call it inside the service's transaction")
    return queryset.select_for_update(of=("self",))


def _note(model: type[Model], pk: object) -> None:
    seen = _seen.get()
    if seen is not None:
        seen.append((model._meta.label_lower, pk))


@contextmanager
def watch() -> Iterator[list[tuple[str, object]]]:
    """Collect every (model, id) asked of the door while the block runs, allowed or not (for tests)."""
    token = _seen.set([])
    try:
        seen = _seen.get()
        assert seen is not None
        yield seen
    finally:
        _seen.reset(token)
