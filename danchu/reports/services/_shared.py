"""What the report services share: the audited fields and the notices to the units concerned."""

from __future__ import annotations

from django.urls import reverse

from danchu.accounts.notifications import Message, deliver
from danchu.plans.reminders import Recipients

from .. import periods
from ..models import Submission

REGIME_FIELDS = (
    "name", "code", "content", "method", "frequency", "reporter_tiers", "cutoff_day", "due_working_days",
    "expiry_days", "starts_on", "ends_on", "outline", "status", "receiver_agency", "directive",
)  # fmt: skip
SUBMISSION_FIELDS = ("status", "submitted_at", "reviewed_at", "review_comment", "number")


def what(submission: Submission) -> str:
    return f"{submission.regime.name} — {periods.label(submission.period)}"


def managers(unit_id: int, agency_id: int | None) -> set[int]:
    """Focal officers and leaders of the unit, and the officers of the agency it receives through."""
    recipients = Recipients({agency_id} if agency_id else set(), {unit_id})
    return recipients.managers.get(unit_id, set()) | recipients.by_agency.get(agency_id or -1, set())


def notify(users: set[int], key: str, title: str, submission: Submission, body: str = "") -> None:
    url = reverse("reports:submission", args=[submission.pk])
    deliver(Message(user_id=u, key=key, title=title[:300], url=url, body=body) for u in users)
