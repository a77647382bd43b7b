"""Writes to plans, one module per concern; `services.issue_plan(...)` and the rest are imported here.

Every service begins with its own permission check by re-reading its object through the door under a
lock (`access_plan(..., for_write=True)`), checks the object's state on the locked row, then changes it
inside `audit.audited`, so concurrent requests give one success and clear refusals.
"""

from __future__ import annotations

from ..selectors import may_update_task
from ..timeframes import due_from_timeframe
from .drafts import draft_from_parent, import_plan
from .fields import ITEM_FIELDS, PLAN_FIELDS, TASK_FIELDS
from .issue import issue_plan
from .items import correct_item, create_proposed_agencies
from .plans import close_plan, correct_plan, link_parent
from .tasks import open_task, update_task

__all__ = [
    "ITEM_FIELDS",
    "PLAN_FIELDS",
    "TASK_FIELDS",
    "close_plan",
    "correct_item",
    "correct_plan",
    "create_proposed_agencies",
    "draft_from_parent",
    "due_from_timeframe",
    "import_plan",
    "issue_plan",
    "link_parent",
    "may_update_task",
    "open_task",
    "update_task",
]
