"""Codes households hold (mã phiếu, mã xác nhận): random, unguessable, easy to type.

A paper ballot's code is drawn with `secrets` (50 bits); the receipt printed on its stub is derived from it
with a keyed hash, so the database never stores which household holds which receipt. For a secret vote the
ballot box of a receipt is derived the same way, so a household can change its online vote with its receipt
while nothing stored links the household to its box.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid

from django.conf import settings

# No 0/O, 1/I/L: codes are read off paper and typed.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
GROUP = 4


def _format(chars: str) -> str:
    return "-".join(chars[i : i + GROUP] for i in range(0, len(chars), GROUP))


def new_code(length: int = 12) -> str:
    return _format("".join(secrets.choice(ALPHABET) for _ in range(length)))


def normalise(typed: str) -> str:
    """What the team typed or scanned, as stored: upper case, groups of four, confusable letters mapped."""
    raw = "".join(ch for ch in typed.upper() if ch.isalnum())
    return _format(raw)


def _keyed(*parts: object) -> bytes:
    message = "|".join(str(p) for p in parts).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).digest()


def paper_receipt(decision_id: int, ballot_code: str) -> str:
    digest = _keyed("receipt", decision_id, ballot_code)
    return _format("".join(ALPHABET[b % len(ALPHABET)] for b in digest[:8]))


def secret_box(decision_id: int, receipt: str) -> uuid.UUID:
    return uuid.UUID(bytes=_keyed("box", decision_id, receipt)[:16])


def receipt_check(decision_id: int, household_id: int, receipt: str) -> str:
    """Binds a secret vote's receipt to its household while voting is open (cleared at closing), so only
    that household's receipt changes its choices; the choices themselves stay keyed by the receipt alone."""
    return _keyed("check", decision_id, household_id, receipt).hex()
