"""The fields each audit entry of plans records before and after a write."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

PLAN_FIELDS = (
    "progress_mode",
    "unit",
    "number",
    "symbol",
    "place",
    "issued_on",
    "date_partial",
    "year",
    "title",
    "status",
    "signer_authority",
    "signer_title",
    "signer_name",
)
TASK_FIELDS = ("status", "progress", "done_on", "due_on")
ITEM_FIELDS = ("path", "heading", "timeframe_text", "due_on", "weight")

# What every write to a plan's content refuses once the plan is issued.
NOT_A_DRAFT = _("Kế hoạch đã ban hành: không sửa trực tiếp được nữa.")
