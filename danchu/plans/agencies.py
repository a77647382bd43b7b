"""Matching agency names as written in a plan to the unit's agencies (diacritic-aware, fuzzy)."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from danchu.core.text import fold
from danchu.units.models import Agency

MATCH_THRESHOLD = 88


def _key(name: str) -> str:
    # Drop the unit suffix a plan adds ("Văn phòng phường", "Sở Tư pháp tỉnh") so it matches the register.
    key = fold(name)
    for suffix in (" phuong", " xa", " tinh", " quan", " huyen", " thanh pho", " thi tran"):
        if key.endswith(suffix):
            key = key[: -len(suffix)]
    for prefix in ("bo phan ", "co quan "):
        if key.startswith(prefix):
            key = key[len(prefix) :]
    return key.strip()


def match_agency(name: str, agencies: list[Agency]) -> Agency | None:
    """The unit's agency this name most likely means, or None when nothing is close enough."""
    if not agencies:
        return None
    choices = {agency.pk: _key(agency.name) for agency in agencies}
    short = {agency.pk: fold(agency.short_name) for agency in agencies if agency.short_name}
    wanted = _key(name)
    for pk, value in short.items():
        if value and value == wanted:
            return next(a for a in agencies if a.pk == pk)
    best = process.extractOne(wanted, choices, scorer=fuzz.token_sort_ratio)
    if best is None or best[1] < MATCH_THRESHOLD:
        return None
    return next(a for a in agencies if a.pk == best[2])
