"""Writes to the unit tree, agencies, households and provinces' rules: each begins with its own
permission check on the row it re-reads under lock, then checks state on that row, then changes it
and records one audit entry."""

from .agencies import AGENCY_FIELDS, close_agency, create_agency
from .households import (
    HOUSEHOLD_FIELDS,
    RESIDENT_FIELDS,
    add_resident,
    create_household,
    dissolve_household,
    resident_leaves,
    set_representative,
)
from .rules import RULE_FIELDS, override_rule
from .tree import UNIT_FIELDS, create_village, move_unit, rename_unit, retire_unit

__all__ = [
    "AGENCY_FIELDS",
    "HOUSEHOLD_FIELDS",
    "RESIDENT_FIELDS",
    "RULE_FIELDS",
    "UNIT_FIELDS",
    "add_resident",
    "close_agency",
    "create_agency",
    "create_household",
    "create_village",
    "dissolve_household",
    "move_unit",
    "override_rule",
    "rename_unit",
    "resident_leaves",
    "retire_unit",
    "set_representative",
]
