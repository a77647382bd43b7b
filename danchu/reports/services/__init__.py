"""Writes of periodic reporting, one module per entity: regimes (and their periods), submissions (values,
submit → return → approve), exceptions (late entry), indicators.

Every service begins by re-reading its object through the door (`selectors.access_*`) with its own
permission, locked for the transaction; it checks the state on the locked row, writes one audit entry
and leaves the database as it was when it refuses. `from danchu.reports import services` keeps working:
the names are re-exported here.
"""

from __future__ import annotations

from ._shared import REGIME_FIELDS, SUBMISSION_FIELDS
from .exceptions import MAX_EXCEPTION_DAYS, grant_exception
from .indicators import create_indicator
from .regimes import (
    DEFAULT_OUTLINE,
    create_regime,
    end_regime,
    open_ad_hoc_period,
    open_due_periods,
    regime_from_directive,
)
from .submissions import approve, return_submission, save_values, submit

__all__ = [
    "DEFAULT_OUTLINE",
    "MAX_EXCEPTION_DAYS",
    "REGIME_FIELDS",
    "SUBMISSION_FIELDS",
    "approve",
    "create_indicator",
    "create_regime",
    "end_regime",
    "grant_exception",
    "open_ad_hoc_period",
    "open_due_periods",
    "regime_from_directive",
    "return_submission",
    "save_values",
    "submit",
]
