"""The audit log (nhật ký): every service write appends one entry to a hash chain.

Each entry's hash covers its content and the previous entry's hash, so editing or deleting
any stored entry breaks the chain from that entry on; `danchu verify_audit` finds the first break.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .actors import Actor
from .context import current_origin
from .models import AuditChainHead, AuditEntry

GENESIS = "0" * 64
Snapshot = dict[str, Any]


def _plain(value: Any) -> Any:
    """A JSON value that reads back identically from SQLite and PostgreSQL."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return str(value.normalize())
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str]) -> Snapshot:
    """The named fields of a record, as plain JSON (foreign keys by id)."""
    result: Snapshot = {}
    for name in fields:
        field = instance._meta.get_field(name)
        attname = getattr(field, "attname", name)
        result[name] = _plain(getattr(instance, attname))
    return result


def _digest(entry: AuditEntry) -> str:
    payload = {
        "at": entry.at.astimezone(dt.UTC).isoformat(),
        "actor": entry.actor_id,
        "actor_label": entry.actor_label,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "scope_unit_id": entry.scope_unit_id,
        "before": entry.before,
        "after": entry.after,
        "ip": entry.ip,
        "channel": entry.channel,
        "prev_hash": entry.prev_hash,
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def record(
    *,
    actor: Actor | None,
    action: str,
    obj: models.Model,
    before: Snapshot | None = None,
    after: Snapshot | None = None,
    scope_unit_id: int | None = None,
) -> AuditEntry:
    """Append an entry for a write `actor` made to `obj`; call inside the service's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must run inside the service's transaction")
    origin = current_origin()
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1, defaults={"last_hash": GENESIS})
    user = actor if actor is not None and actor.is_authenticated else None
    entry = AuditEntry(
        at=timezone.now(),
        actor_id=user.pk if user is not None else None,
        actor_label=(user.get_username() if user is not None else "hệ thống")[:200],
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        scope_unit_id=scope_unit_id,
        before=_plain(before),
        after=_plain(after),
        ip=origin.ip,
        user_agent=origin.user_agent,
        channel=origin.channel,
        prev_hash=head.last_hash,
    )
    entry.hash = _digest(entry)
    entry.save()
    head.last_hash = entry.hash
    head.last_entry_id = entry.pk
    head.save(update_fields=["last_hash", "last_entry_id"])
    return entry


@dataclass
class Change:
    """The write being audited: its snapshot before, and what the service adds to the entry's "after"."""

    before: Snapshot
    extra: Snapshot = field(default_factory=dict)

    def note(self, **values: Any) -> None:
        self.extra.update(values)


@contextmanager
def audited(
    *,
    actor: Actor | None,
    action: str,
    obj: models.Model,
    fields: Iterable[str],
    scope_unit_id: int | None = None,
) -> Iterator[Change]:
    """The one shape of an audited change: snapshot `fields`, let the block change and save `obj`, then
    record one entry with before and after. A block that raises records nothing.

        with audit.audited(actor=actor, action="plans.plan.close", obj=plan, fields=PLAN_FIELDS,
                           scope_unit_id=plan.unit_id) as change:
            plan.status = PlanStatus.CLOSED
            plan.save(update_fields=["status"])
            change.note(reason=note)
    """
    names = tuple(fields)
    change = Change(before=snapshot(obj, names))
    yield change
    record(
        actor=actor,
        action=action,
        obj=obj,
        before=change.before,
        after={**snapshot(obj, names), **change.extra},
        scope_unit_id=scope_unit_id,
    )


@dataclass(frozen=True)
class ChainBreak:
    entry_id: int
    reason: str


def verify_chain(entries: Iterator[AuditEntry] | None = None) -> tuple[int, ChainBreak | None]:
    """Walk the chain in order; return how many entries were checked and the first break, if any."""
    rows = entries if entries is not None else AuditEntry.objects.order_by("id").iterator(chunk_size=2000)
    expected_prev = GENESIS
    checked = 0
    for entry in rows:
        checked += 1
        if entry.prev_hash != expected_prev:
            return checked, ChainBreak(
                entry.pk, _("liên kết với mục trước bị đứt (mục trước bị sửa hoặc xoá)")
            )
        if _digest(entry) != entry.hash:
            return checked, ChainBreak(entry.pk, _("nội dung không khớp mã băm (mục này đã bị sửa)"))
        expected_prev = entry.hash
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and checked and head.last_hash != expected_prev:
        return checked, ChainBreak(head.last_entry_id or 0, _("mục cuối của chuỗi đã bị xoá"))
    return checked, None


def access_history(
    *, actor: Actor | None, object_type: str, object_id: str
) -> tuple[str, QuerySet[AuditEntry]]:
    """An object's name and audit entries (oldest first), for those who may read the audit of its unit.

    The entries decide, not the object: the latest entry's unit is asked for `VIEW_AUDIT` (403 outside it).
    A national entry (no unit: an account, a permission) outside the actor's reach is the same 404 as a
    record that does not exist, so nobody learns which accounts exist. A record with no entry yet (made
    in bulk, like the reports a period opens) is asked of its own unit; a model without a unit is a 404.
    """
    from django.apps import apps
    from django.http import Http404

    from . import policy
    from .access import access
    from .policy import CorePerm

    missing = Http404(_("Không tìm thấy nhật ký của đối tượng."))
    if any(ch == "\x00" or "\ud800" <= ch <= "\udfff" for ch in object_type + object_id):
        raise missing  # no stored name holds these; PostgreSQL would refuse the query
    entries = AuditEntry.objects.filter(object_type=object_type[:100], object_id=str(object_id)[:64])
    latest = entries.order_by("-id").first()
    if latest is not None:
        if latest.scope_unit_id is None and not policy.allowed(actor, CorePerm.VIEW_AUDIT, latest):
            raise missing
        access(
            AuditEntry.objects.all(),
            latest.pk,
            actor=actor,
            perm=CorePerm.VIEW_AUDIT,
            label=gettext_noop("nhật ký"),
        )
        return latest.object_repr, entries.order_by("id")
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        raise missing from None
    try:
        obj = access(
            model._default_manager.all(),
            object_id,
            actor=actor,
            perm=CorePerm.VIEW_AUDIT,
            label=gettext_noop("đối tượng"),
        )
    except TypeError:  # the policy can place no record of this model in a unit
        raise missing from None
    return str(obj), entries
