"""Writes of tham gia ý kiến: consultations, opinions, the synthesis.

One module per entity; import the package (`from danchu.consultations import services`). Every write is
keyword-only and typed, runs in one transaction, reads its record again through the door (locked), checks
the state on that row, validates, changes, and leaves one audit entry; notifications follow on commit.
"""

from __future__ import annotations

from ._rules import MAX_OPINION, OFFLINE_GRACE_DAYS
from .consultations import SYNTHESIS_ITEM, close, create, launch, publish_synthesis, revise
from .opinions import Entry, give, hide, record
from .synthesis import answer, confirm_group, suggestions

__all__ = [
    "MAX_OPINION",
    "OFFLINE_GRACE_DAYS",
    "SYNTHESIS_ITEM",
    "Entry",
    "answer",
    "close",
    "confirm_group",
    "create",
    "give",
    "hide",
    "launch",
    "publish_synthesis",
    "record",
    "revise",
    "suggestions",
]
