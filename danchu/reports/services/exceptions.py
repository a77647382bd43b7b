"""Cho phép nhập sau thời hạn (DHIS2's lock exception): the receiver reopens entry of one report."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.accounts.models import User
from danchu.core import audit
from danchu.core.errors import DomainError
from danchu.core.text import clean_text

from .. import selectors
from ..models import LockException, Submission, SubmissionStatus
from ..permissions import ReportPerm
from ._shared import managers, notify, what

# Product choice, not law: Decree 09/2019 says nothing of late entry. An exception runs at most this many
# days, so that a reopened report does not stay open for good; the receiver may grant another.
MAX_EXCEPTION_DAYS = 90


@transaction.atomic
def grant_exception(*, actor: User, submission: Submission, until: dt.date, reason: str) -> LockException:
    """Cho phép nhập sau thời hạn, until a date, granted by the receiver."""
    submission = selectors.access_submission(
        actor=actor, submission_id=submission.pk, perm=ReportPerm.MANAGE, for_write=True
    )
    reason = clean_text(reason, field="reason", label=gettext_noop("Lý do"), max_length=300)
    today = timezone.localdate()
    if until < today:
        raise DomainError(_("Ngày hết hạn cho phép phải từ hôm nay trở đi."), field="until")
    if until > today + dt.timedelta(days=MAX_EXCEPTION_DAYS):
        raise DomainError(
            _("Chỉ cho phép nhập sau thời hạn tối đa %(MAX_EXCEPTION_DAYS)s ngày mỗi lần.")
            % {"MAX_EXCEPTION_DAYS": MAX_EXCEPTION_DAYS},
            field="until",
        )
    if submission.status == SubmissionStatus.APPROVED:
        raise DomainError(_("Báo cáo đã được duyệt; hãy trả lại báo cáo nếu cần sửa."))
    exception = LockException.objects.create(
        submission=submission, until=until, reason=reason, granted_by=actor
    )
    audit.record(
        actor=actor,
        action="reports.submission.unlock",
        obj=submission,
        after={"until": until, "reason": reason},
        scope_unit_id=submission.unit_id,
    )
    notify(
        managers(submission.unit_id, None),
        f"report:{submission.pk}:unlock:{exception.pk}",
        f"Được nhập số liệu {what(submission)} đến {until:%d/%m/%Y}",
        submission,
        reason,
    )
    return exception
