"""What the reception services share: audited fields, date checks, who is told."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext as _

from danchu.accounts.models import Role, RoleAssignment
from danchu.core.bounds import bounded_date
from danchu.core.errors import DomainError
from danchu.core.rulebook_seed import RECEPTION_FROM

# Product choice: no reception date (a visit, an answer, an absence, a dialogue, a commitment) before the
# Law on Citizen Reception came into force — its rules (reception.*) are not in force earlier, and the
# register this app keeps did not exist then.
EARLIEST_DAY = RECEPTION_FROM

SCHEDULE_FIELDS = (
    "weekdays",
    "morning",
    "afternoon",
    "place",
    "chairman",
    "stand_in",
    "rules_note",
    "published_at",
)
VISIT_FIELDS = (
    "number",
    "received_on",
    "host",
    "by_chairman",
    "people_count",
    "kind",
    "answer_due_on",
    "outcome",
    "answered_on",
    "answer",
    "transferred_to",
)
DIALOGUE_FIELDS = (
    "topic",
    "held_on",
    "starts_at",
    "place",
    "audience",
    "chair",
    "questions_until",
    "state",
    "cancelled_reason",
    "secretary",
    "attendance",
    "opened_at",
    "closed_at",
    "summary",
    "conclusion",
)
QUESTION_FIELDS = ("channel", "asker_name", "show_name", "text", "answer", "answered_by")
COMMITMENT_FIELDS = ("text", "agency_id", "due_on", "question_id")
MANAGER_ROLES = (Role.UNIT_LEADER, Role.FOCAL_OFFICER)


def d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def day(value: dt.date | None, *, field: str, label: str, required: bool = True) -> dt.date | None:
    """A date from a user: present if required, within the accepted range."""
    if value is None:
        if required:
            raise DomainError(_("%(label)s: chưa nhập ngày.") % {"label": label}, field=field)
        return None
    value = bounded_date(value, field=field, label=label)
    if value < EARLIEST_DAY:
        raise DomainError(
            _("%(label)s không được trước ngày %(d)s (Luật Tiếp công dân có hiệu lực).")
            % {"label": label, "d": d(EARLIEST_DAY)},
            field=field,
        )
    return value


def not_after(value: dt.date, today: dt.date, *, field: str, label: str) -> None:
    if value > today:
        raise DomainError(
            _("%(label)s (%(value)s) chưa đến: không ghi trước ngày.") % {"label": label, "value": d(value)},
            field=field,
        )


def managers_of(unit_id: int) -> list[int]:
    """The users who manage reception at the unit (leaders and focal officers held there)."""
    rows = RoleAssignment.objects.filter(
        Q(unit_id=unit_id), role__in=MANAGER_ROLES, revoked_at__isnull=True
    ).values_list("user_id", flat=True)
    return sorted(set(rows))
