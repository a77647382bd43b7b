"""One unit's report (báo cáo của đơn vị): save values, submit, and the receiver's return or approval.

Each service re-reads the report under lock through the door, so of concurrent requests exactly one
changes the state and the others are refused with the state they find.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.accounts.models import User
from danchu.core import audit
from danchu.core.errors import DomainError
from danchu.core.text import clean_text
from danchu.plans.models import Obligation

from .. import selectors, sources
from ..models import DataValue, Indicator, Submission, SubmissionStatus, ValidationRule
from ..permissions import ReportPerm
from ..selectors import entry_open
from ..values import Value, ValuesError, broken_rules, parse
from ._shared import SUBMISSION_FIELDS, managers, notify, what


def _require_entry(submission: Submission) -> None:
    if submission.status == SubmissionStatus.APPROVED:
        raise DomainError(_("Báo cáo đã được duyệt; số liệu đã khóa."))
    if submission.status == SubmissionStatus.SUBMITTED:
        raise DomainError(_("Báo cáo đã gửi và đang chờ duyệt; chỉ sửa được khi nơi nhận trả lại."))
    if not entry_open(submission):
        raise DomainError(
            _("Đã quá thời hạn nhập số liệu của kỳ này; cần nơi nhận báo cáo cho phép nhập sau thời hạn.")
        )


@transaction.atomic
def save_values(
    *,
    actor: User,
    submission: Submission,
    values: Mapping[str, Any],
    narrative: Mapping[str, str] | None = None,
    number: str | None = None,
) -> Submission:
    """Lưu số liệu. `values` maps an indicator code to its raw value, or to (numerator, denominator) for a
    percent. Every error is reported at once and nothing is stored unless all are right."""
    submission = selectors.access_submission(
        actor=actor, submission_id=submission.pk, perm=ReportPerm.SUBMIT, for_write=True
    )
    _require_entry(submission)
    indicators = {
        ri.indicator.code: ri.indicator
        for ri in submission.regime.regime_indicators.select_related("indicator")
    }
    errors: dict[str, str] = {}
    parsed: dict[str, Value] = {}
    for code, raw in values.items():
        indicator = indicators.get(code)
        if indicator is None:
            errors[code] = _("không có trong chế độ báo cáo này")
            continue
        try:
            parsed[code] = parse(indicator, *(raw if isinstance(raw, tuple | list) else (raw,)))
        except DomainError as exc:
            errors[code] = exc.message
        except TypeError:  # a list of more than two parts
            errors[code] = _("giá trị không hợp lệ")
    sections = _narrative(submission, narrative, errors)
    number = (
        clean_text(number, field="number", label=gettext_noop("Số văn bản"), max_length=20, required=False)
        if number is not None
        else None
    )
    stored = selectors.stored(submission)
    merged = {**stored, **parsed}
    errors.update(
        {c: m for c, m in broken_rules(merged, ValidationRule.objects.all()).items() if c not in errors}
    )
    if errors:
        raise ValuesError(errors)
    suggested = sources.suggestions(submission)
    before = {code: stored[code] for code in parsed if code in stored}
    _write_values(submission, indicators, parsed, suggested)
    if sections is not None:
        submission.narrative = sections
    if number is not None:
        submission.number = number
    submission.save(update_fields=["narrative", "number", "updated_at"])
    audit.record(
        actor=actor,
        action="reports.submission.save",
        obj=submission,
        before={"values": {c: v.__dict__ for c, v in before.items()}},
        after={"values": {c: v.__dict__ for c, v in parsed.items()}, "narrative": sections},
        scope_unit_id=submission.unit_id,
    )
    return submission


def _narrative(
    submission: Submission, narrative: Mapping[str, str] | None, errors: dict[str, str]
) -> dict[str, str] | None:
    if narrative is None:
        return None
    outline = submission.regime.outline
    sections: dict[str, str] = {}
    for key, text in narrative.items():
        if key not in {str(i) for i in range(len(outline))}:
            errors[(_("đề cương %(key)s") % {"key": key})] = _("không có mục này trong đề cương")
            continue
        try:
            sections[key] = clean_text(
                text or "", field="narrative", label=outline[int(key)], max_length=20000, required=False
            )
        except DomainError as exc:
            errors[(_("đề cương %(value)s") % {"value": int(key) + 1})] = exc.message
    return {**submission.narrative, **sections}


def _write_values(
    submission: Submission,
    indicators: Mapping[str, Indicator],
    parsed: Mapping[str, Value],
    suggested: Mapping[str, Value],
) -> None:
    existing = {v.indicator_id: v for v in submission.values.all()}
    create, update = [], []
    for code, value in parsed.items():
        indicator = indicators[code]
        prefilled = code in suggested and suggested[code] == value
        row = existing.get(indicator.pk)
        if row is None:
            row = DataValue(submission=submission, indicator=indicator)
            create.append(row)
        else:
            update.append(row)
        row.number, row.denominator, row.text = value.number, value.denominator, value.text
        row.prefilled = prefilled
    DataValue.objects.bulk_create(create)
    DataValue.objects.bulk_update(update, ["number", "denominator", "text", "prefilled"])


@transaction.atomic
def submit(*, actor: User, submission: Submission) -> Submission:
    """Gửi báo cáo: every required value present and every rule kept; the receiver is told."""
    submission = selectors.access_submission(
        actor=actor, submission_id=submission.pk, perm=ReportPerm.SUBMIT, for_write=True
    )
    _require_entry(submission)
    stored = selectors.stored(submission)
    errors = {
        ri.indicator.code: _("bắt buộc, chưa nhập")
        for ri in submission.regime.regime_indicators.select_related("indicator")
        if ri.required and (ri.indicator.code not in stored or stored[ri.indicator.code].empty)
    }
    errors.update(broken_rules(stored, ValidationRule.objects.all()))
    if errors:
        raise ValuesError(errors)
    now = timezone.now()
    with audit.audited(
        actor=actor,
        action="reports.submission.submit",
        obj=submission,
        fields=SUBMISSION_FIELDS,
        scope_unit_id=submission.unit_id,
    ) as change:
        submission.status = SubmissionStatus.SUBMITTED
        submission.submitted_at, submission.submitted_by = now, actor
        submission.first_submitted_at = submission.first_submitted_at or now
        submission.save(
            update_fields=["status", "submitted_at", "submitted_by", "first_submitted_at", "updated_at"]
        )
        change.note(values={c: v.__dict__ for c, v in stored.items()})
    if submission.obligation_id:
        Obligation.objects.filter(pk=submission.obligation_id, fulfilled_at__isnull=True).update(
            fulfilled_at=now
        )
    regime = submission.regime
    notify(
        managers(regime.unit_id, regime.receiver_agency_id),
        f"report:{submission.pk}:submit:{now.timestamp():.0f}",
        f"{submission.unit.name} đã gửi {what(submission)}",
        submission,
    )
    return submission


@transaction.atomic
def return_submission(*, actor: User, submission: Submission, comment: str) -> Submission:
    """Trả lại báo cáo với ý kiến: the unit corrects and sends again."""
    submission = selectors.access_submission(
        actor=actor, submission_id=submission.pk, perm=ReportPerm.MANAGE, for_write=True
    )
    comment = clean_text(comment, field="comment", label=gettext_noop("Ý kiến"), max_length=2000)
    if submission.status not in (SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED):
        raise DomainError(_("Chỉ trả lại báo cáo đã gửi."))
    return _review(actor, submission, SubmissionStatus.RETURNED, comment, "return")


@transaction.atomic
def approve(*, actor: User, submission: Submission, comment: str = "") -> Submission:
    """Duyệt báo cáo: the values are locked and count in the receiver's roll-up as approved."""
    submission = selectors.access_submission(
        actor=actor, submission_id=submission.pk, perm=ReportPerm.MANAGE, for_write=True
    )
    comment = clean_text(
        comment, field="comment", label=gettext_noop("Ý kiến"), max_length=2000, required=False
    )
    if submission.status != SubmissionStatus.SUBMITTED:
        raise DomainError(_("Chỉ duyệt báo cáo đã gửi và đang chờ duyệt."))
    return _review(actor, submission, SubmissionStatus.APPROVED, comment, "approve")


def _review(actor: User, submission: Submission, status: str, comment: str, action: str) -> Submission:
    """The change common to return and approve, on the row the caller locked."""
    now = timezone.now()
    with audit.audited(
        actor=actor,
        action=f"reports.submission.{action}",
        obj=submission,
        fields=SUBMISSION_FIELDS,
        scope_unit_id=submission.unit_id,
    ):
        submission.status, submission.reviewed_at, submission.reviewed_by = status, now, actor
        submission.review_comment = comment
        submission.save(
            update_fields=["status", "reviewed_at", "reviewed_by", "review_comment", "updated_at"]
        )
    verb = "trả lại" if status == SubmissionStatus.RETURNED else "duyệt"
    notify(
        managers(submission.unit_id, None),
        f"report:{submission.pk}:{action}:{now.timestamp():.0f}",
        f"{submission.regime.unit.name} đã {verb} {what(submission)}",
        submission,
        comment,
    )
    return submission
