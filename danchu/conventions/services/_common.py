"""What every convention service shares: the audited fields, the event log, date checks."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.accounts.models import User
from danchu.core.bounds import bounded_date
from danchu.core.errors import DomainError

from ..models import Convention, ConventionEvent, ConventionVersion, VersionState

CONVENTION_FIELDS = (
    "kind",
    "title",
    "status",
    "current",
    "effective_on",
    "last_reviewed_on",
    "status_reason",
)
VERSION_FIELDS = (
    "state",
    "summary",
    "posted_on",
    "posted_place",
    "opinions_until",
    "adoption_form",
    "adopted_on",
    "households_total",
    "households_present",
    "households_approving",
    "failed_meeting_on",
    "failed_meeting_present",
    "decision_id",
    "file_due_on",
    "filed_on",
    "recognition_due_on",
    "recognised_on",
    "decision_number",
    "refusal_reason",
)
STATE_TEXT = {
    VersionState.DRAFT: gettext_noop("còn là dự thảo"),
    VersionState.POSTED: gettext_noop("đang niêm yết lấy ý kiến"),
    VersionState.ADOPTED: gettext_noop("đã được thông qua, chưa gửi hồ sơ"),
    VersionState.NOT_ADOPTED: gettext_noop("không được thông qua"),
    VersionState.FILED: gettext_noop("đã gửi hồ sơ, chờ công nhận"),
    VersionState.RECOGNISED: gettext_noop("đã được công nhận"),
    VersionState.REFUSED: gettext_noop("không được công nhận"),
    VersionState.SUPERSEDED: gettext_noop("đã được thay thế"),
}


def require_state(version: ConventionVersion, *states: str, doing: str) -> None:
    if version.state not in states:
        raise DomainError(
            _("Không thể %(doing)s: bản này %(state)s.")
            % {"doing": _(doing), "state": _(STATE_TEXT[VersionState(version.state)])}
        )


def day(value: dt.date | None, *, field: str, label: str, not_future: bool = True) -> dt.date:
    """A date given by the user: today if empty, within the product's bounds, not in the future."""
    today = timezone.localdate()
    value = bounded_date(value or today, field=field, label=label)
    if not_future and value > today:
        raise DomainError(
            _("%(label)s không được sau hôm nay (%(today)s).")
            % {"label": _(label), "today": today.strftime("%d/%m/%Y")},
            field=field,
        )
    return value


def event(
    *,
    actor: User,
    convention: Convention,
    kind: str,
    on: dt.date,
    version: ConventionVersion | None = None,
    articles: list[int] | None = None,
    reason: str = "",
    document_number: str = "",
) -> ConventionEvent:
    return ConventionEvent.objects.create(
        convention=convention,
        version=version,
        kind=kind,
        on=on,
        articles=articles or [],
        reason=reason,
        document_number=document_number,
        actor=actor,
    )
