"""Khoá Open311: a client (an app, FixMyStreet) may POST requests to one commune with its key.

Only the key's SHA-256 is stored; the key itself is shown once, when it is made.
"""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.core import audit
from danchu.core.actors import Actor
from danchu.core.errors import DomainError
from danchu.core.text import clean_text
from danchu.units.models import Tier, Unit

from ..models import ApiKey


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def issue_key(*, actor: Actor | None, name: str, unit: Unit, key: str | None = None) -> tuple[ApiKey, str]:
    """A new key for `unit` (the caller is the administrator's command or the demo, which derives its own
    so that re-running it prints the same key); returns the key once."""
    if unit.tier != Tier.COMMUNE or unit.valid_to is not None:
        raise DomainError(_("Chỉ cấp khoá cho một xã, phường đang có hiệu lực."), field="unit")
    name = clean_text(name, field="name", label=gettext_noop("Tên ứng dụng"), max_length=100)
    key = key or secrets.token_urlsafe(32)
    row = ApiKey.objects.create(name=name, unit=unit, digest=digest(key))
    audit.record(
        actor=actor, action="petitions.apikey.issue", obj=row, after={"name": name}, scope_unit_id=unit.pk
    )
    return row, key


def key_unit(key: str) -> int | None:
    """The unit id a valid, unrevoked key may POST to; None for a missing or wrong key."""
    if not key or len(key) > 200:
        return None
    row = (
        ApiKey.objects.filter(digest=digest(key), revoked_at__isnull=True)
        .values_list("unit_id", flat=True)
        .first()
    )
    return row
