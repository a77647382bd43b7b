"""Officials' report pages: regimes, a unit's reports, filling in, review, completeness, roll-up."""

from __future__ import annotations

from .regimes import (
    completeness,
    create_regime,
    from_directive,
    open_period,
    regime,
    rollup,
    scorecard,
    unit_reports,
)
from .submissions import download, review, submission
from .transfer import dhis2_export, entry_sheet, import_values

__all__ = [
    "completeness",
    "create_regime",
    "dhis2_export",
    "download",
    "entry_sheet",
    "from_directive",
    "import_values",
    "open_period",
    "regime",
    "review",
    "rollup",
    "scorecard",
    "submission",
    "unit_reports",
]
