"""Dân bàn, dân quyết over JSON: officials draft, open, record and tally; households vote; anyone reads
published results; elections and citizen initiatives. The same services and selectors as the pages."""

from . import ballot, core, elections, initiatives
from ._router import router

__all__ = ["ballot", "core", "elections", "initiatives", "router"]
