"""Writes of dân biết: drafting, publishing, proof of posting, withdrawal, the catalogue, subscriptions.

One module per entity; import the package (`from danchu.disclosures import services`). Every write is
keyword-only and typed, runs in one transaction, begins by reading its record again through the door
(`selectors.access_*(..., perm=..., for_write=True)`: the permission first, then a lock), checks the state
on that locked row, validates, changes, and leaves one audit entry; what goes out (search entry, emails)
follows on commit.
"""

from __future__ import annotations

from ._rules import FIELDS, posting_days
from .attachments import MAX_ATTACHMENTS, add_attachment, remove_attachment
from .catalogue import ITEM_FIELDS, update_item
from .disclosures import SEARCH_KIND, create_draft, document_of, publish, update_draft, withdraw
from .proofs import record_proof
from .subscriptions import announce_one, announce_started, confirm, subscribe, unsubscribe

__all__ = [
    "FIELDS",
    "ITEM_FIELDS",
    "MAX_ATTACHMENTS",
    "SEARCH_KIND",
    "add_attachment",
    "announce_one",
    "announce_started",
    "confirm",
    "create_draft",
    "document_of",
    "posting_days",
    "publish",
    "record_proof",
    "remove_attachment",
    "subscribe",
    "unsubscribe",
    "update_draft",
    "update_item",
    "withdraw",
]
