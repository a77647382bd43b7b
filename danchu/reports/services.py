"""Writes of periodic reporting: regimes, opening periods, values, submit → return → approve, exceptions.

Every service checks every input before it changes anything, writes one audit entry, and leaves the
database as it was when it refuses.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from danchu.accounts.notifications import Message, deliver
from danchu.core import audit, policy, rulebook
from danchu.core.calendar import working_days_between
from danchu.core.errors import DomainError
from danchu.core.text import clean_text, fold
from danchu.plans.models import Directive, DirectiveKind, Obligation
from danchu.plans.reminders import Recipients
from danchu.units.models import Agency, Tier, Unit

from . import periods, selectors, sources
from .models import (
    Aggregation,
    DataValue,
    Frequency,
    Indicator,
    IndicatorKind,
    LockException,
    RegimeIndicator,
    RegimePeriod,
    RegimeStatus,
    ReportRegime,
    Submission,
    SubmissionStatus,
    ValidationRule,
)
from .permissions import ReportPerm
from .values import Value, ValuesError, broken_rules, parse

REGIME_FIELDS = (
    "name", "code", "content", "method", "frequency", "reporter_tiers", "cutoff_day", "due_working_days",
    "expiry_days", "starts_on", "ends_on", "outline", "status", "receiver_agency", "directive",
)  # fmt: skip
SUBMISSION_FIELDS = ("status", "submitted_at", "reviewed_at", "review_comment", "number")


def create_regime(
    *,
    actor: Any,
    unit: Unit,
    name: str,
    frequency: str,
    reporter_tiers: Sequence[int],
    indicator_codes: Sequence[str],
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    content: str = "",
    method: str = "",
    receiver_agency: Agency | None = None,
    cutoff_day: int | None = None,
    due_working_days: int | None = None,
    expiry_days: int | None = None,
    outline: Sequence[str] = (),
    required_codes: Sequence[str] = (),
    directive: Directive | None = None,
    period_dates: Mapping[str, tuple[dt.date, dt.date]] | None = None,
    today: dt.date | None = None,
) -> ReportRegime:
    """Ban hành chế độ báo cáo; the periods whose data window has begun are opened at once."""
    policy.require(actor, ReportPerm.MANAGE, unit)
    name = clean_text(name, field="name", max_length=300)
    content = clean_text(content, field="content", required=False)
    method = clean_text(method, field="method", max_length=200, required=False)
    if frequency not in Frequency.values:
        raise DomainError("Tần suất báo cáo không hợp lệ.", field="frequency")
    tiers = sorted(set(int(t) for t in reporter_tiers))
    if not tiers or any(t <= unit.tier or t > Tier.VILLAGE for t in tiers):
        raise DomainError(
            "Cấp đơn vị báo cáo phải thấp hơn cấp của đơn vị nhận báo cáo.", field="reporter_tiers"
        )
    if receiver_agency is not None and receiver_agency.unit_id != unit.pk:
        raise DomainError("Cơ quan tiếp nhận phải thuộc đơn vị nhận báo cáo.", field="receiver_agency")
    if ends_on is not None and ends_on < starts_on:
        raise DomainError("Ngày kết thúc phải sau ngày bắt đầu áp dụng.", field="ends_on")
    cutoff = (
        cutoff_day if cutoff_day is not None else rulebook.number("reporting.cutoff_day_of_month", unit=unit)
    )
    if not 1 <= cutoff <= 28:
        raise DomainError("Ngày bắt đầu kỳ số liệu phải từ 1 đến 28.", field="cutoff_day")
    minimum = rulebook.number("reporting.min_working_days_after_cutoff", unit=unit)
    due_days = (
        due_working_days
        if due_working_days is not None
        else rulebook.number("reporting.default_due_working_days", unit=unit)
    )
    if due_days < minimum:
        raise DomainError(
            f"Hạn gửi phải sau ngày chốt số liệu ít nhất {minimum} ngày làm việc "
            "(Nghị định 09/2019/NĐ-CP, Điều 8).",
            field="due_working_days",
        )
    expiry = (
        expiry_days
        if expiry_days is not None
        else rulebook.number("reporting.entry_open_days_after_due", unit=unit)
    )
    indicators = _indicators(indicator_codes)
    unknown_required = set(required_codes) - {i.code for i in indicators}
    if unknown_required:
        raise DomainError(f"Chỉ tiêu bắt buộc không có trong báo cáo: {', '.join(sorted(unknown_required))}.")
    sections = [clean_text(s, field="outline", max_length=300) for s in outline if s.strip()]
    dates = dict(period_dates or {})
    for code, (window_end, due_on) in dates.items():
        if frequency != Frequency.AD_HOC:
            periods.parse_code(frequency, code)
        periods.check_due(window_end, due_on, minimum)
    with transaction.atomic():
        regime = ReportRegime.objects.create(
            unit=unit,
            receiver_agency=receiver_agency,
            directive=directive,
            code=_unique_code(unit, name, starts_on),
            name=name,
            content=content,
            method=method or "Gửi trên hệ thống danchu",
            frequency=frequency,
            reporter_tiers=tiers,
            cutoff_day=cutoff,
            due_working_days=due_days,
            expiry_days=expiry,
            starts_on=starts_on,
            ends_on=ends_on,
            outline=sections,
        )
        required = set(required_codes)
        RegimeIndicator.objects.bulk_create(
            RegimeIndicator(regime=regime, indicator=ind, order=i, required=ind.code in required)
            for i, ind in enumerate(indicators)
        )
        RegimePeriod.objects.bulk_create(
            RegimePeriod(regime=regime, period=code, window_end=end, due_on=due)
            for code, (end, due) in dates.items()
        )
        opened = _open_regular_periods(regime, today or timezone.localdate())
        audit.record(
            actor=actor,
            action="reports.regime.create",
            obj=regime,
            after={
                **audit.snapshot(regime, REGIME_FIELDS),
                "indicators": [i.code for i in indicators],
                "required": sorted(required),
                "period_dates": {c: [e, d] for c, (e, d) in dates.items()},
                "opened": opened,
            },
            scope_unit_id=unit.pk,
        )
    return regime


_DIRECTIVE_FREQUENCY: dict[str, tuple[str, str, str]] = {
    DirectiveKind.REPORT_6M: (Frequency.SIX_MONTHLY, "S1", "Báo cáo 6 tháng thực hiện dân chủ ở cơ sở"),
    DirectiveKind.REPORT_ANNUAL: (Frequency.ANNUAL, "", "Báo cáo năm thực hiện dân chủ ở cơ sở"),
}


def regime_from_directive(
    *, actor: Any, directive: Directive, indicator_codes: Sequence[str], today: dt.date | None = None
) -> ReportRegime:
    """A plan's "send your 6-month/annual report by …" becomes a regime whose period has the plan's date;
    the data cut-off is moved back so that the decree's working day remains before it."""
    plan = directive.plan
    if directive.kind not in _DIRECTIVE_FREQUENCY:
        raise DomainError("Chỉ tạo được chế độ báo cáo từ yêu cầu báo cáo 6 tháng hoặc báo cáo năm.")
    if directive.due_on is None:
        raise DomainError("Yêu cầu này chưa có hạn gửi; hãy sửa kế hoạch trước.")
    if ReportRegime.objects.filter(directive=directive).exists():
        raise DomainError("Yêu cầu này đã có chế độ báo cáo.")
    frequency, suffix, name = _DIRECTIVE_FREQUENCY[directive.kind]
    minimum = rulebook.number("reporting.min_working_days_after_cutoff", unit=plan.unit)
    window_end = directive.due_on - dt.timedelta(days=1)
    while working_days_between(window_end, directive.due_on) < minimum:
        window_end -= dt.timedelta(days=1)
    code = f"{plan.year}{suffix}"
    tiers = plan.cascade_tiers or [Tier.COMMUNE]
    return create_regime(
        actor=actor,
        unit=plan.unit,
        name=f"{name} năm {plan.year}",
        content=directive.subject or directive.due_text,
        method=directive.receiver_text,
        frequency=frequency,
        reporter_tiers=tiers,
        indicator_codes=indicator_codes,
        starts_on=dt.date(plan.year, 1, 1),
        ends_on=dt.date(plan.year, 12, 31),
        directive=directive,
        period_dates={code: (window_end, directive.due_on)},
        outline=DEFAULT_OUTLINE,
        today=today,
    )


DEFAULT_OUTLINE = (
    "Công tác lãnh đạo, chỉ đạo, tổ chức thực hiện",
    "Kết quả thực hiện các nội dung công khai để Nhân dân biết",
    "Kết quả thực hiện các nội dung Nhân dân bàn và quyết định",
    "Kết quả thực hiện các nội dung Nhân dân tham gia ý kiến",
    "Kết quả thực hiện các nội dung Nhân dân kiểm tra, giám sát",
    "Đánh giá chung: ưu điểm, hạn chế, nguyên nhân",
    "Phương hướng, nhiệm vụ thời gian tới và kiến nghị, đề xuất",
)


def _indicators(codes: Sequence[str]) -> list[Indicator]:
    wanted = list(dict.fromkeys(c.strip().upper() for c in codes if c.strip()))
    if not wanted:
        raise DomainError("Chế độ báo cáo cần ít nhất một chỉ tiêu.", field="indicators")
    found = {i.code: i for i in Indicator.objects.filter(code__in=wanted, active=True)}
    unknown = [c for c in wanted if c not in found]
    if unknown:
        raise DomainError(f"Không có chỉ tiêu: {', '.join(unknown[:20])}.", field="indicators")
    return [found[c] for c in wanted]


def _unique_code(unit: Unit, name: str, starts_on: dt.date) -> str:
    words = re.findall(r"[a-z0-9]+", fold(name))
    base = f"{unit.code or unit.pk}-{''.join(w[0] for w in words)[:12]}-{starts_on:%Y}".upper()
    code, n = base, 1
    while ReportRegime.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


def period_of(regime: ReportRegime, code: str) -> periods.Period:
    """The dates of one period of the regime: the issuer's own, or the decree's window and default delay."""
    own = next((p for p in regime.period_dates.all() if p.period == code), None)
    if regime.frequency == Frequency.AD_HOC:
        if own is None:
            raise DomainError(f"Kỳ báo cáo “{code}” chưa được mở.", field="period")
        return periods.Period(code, regime.starts_on, own.window_end, own.due_on)
    start, end = periods.window(regime.frequency, code, regime.cutoff_day)
    if own is not None:
        return periods.Period(code, start, own.window_end, own.due_on)
    return periods.Period(code, start, end, periods.due_date(end, regime.due_working_days))


def _reporters(regime: ReportRegime) -> list[int]:
    return list(
        Unit.objects.filter(
            path__startswith=regime.unit.path,
            tier__in=regime.reporter_tiers,
            generation=regime.unit.generation,
            valid_to__isnull=True,
        )
        .exclude(pk=regime.unit_id)
        .values_list("pk", flat=True)
    )


def _open(regime: ReportRegime, period: periods.Period) -> int:
    """One expected report per reporting unit for the period, set-based; existing ones are kept."""
    unit_ids = _reporters(regime)
    obligations: dict[int, int] = {}
    if regime.directive_id:
        obligations = dict(
            Obligation.objects.filter(directive_id=regime.directive_id).values_list("unit_id", "pk")
        )
    rows = [
        Submission(
            regime=regime,
            unit_id=unit_id,
            period=period.code,
            period_start=period.start,
            period_end=period.end,
            due_on=period.due_on,
            obligation_id=obligations.get(unit_id),
        )
        for unit_id in unit_ids
    ]
    before = Submission.objects.filter(regime=regime, period=period.code).count()
    Submission.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    return Submission.objects.filter(regime=regime, period=period.code).count() - before


def _open_regular_periods(regime: ReportRegime, today: dt.date) -> list[str]:
    codes = [p.period for p in regime.period_dates.all()]
    if regime.frequency != Frequency.AD_HOC:
        last = min(today, regime.ends_on) if regime.ends_on else today
        codes = sorted(
            set(codes)
            | set(periods.codes_between(regime.frequency, regime.cutoff_day, regime.starts_on, last))
        )
    # Ended periods are opened once; the running one again, for units created since (a merger, a village).
    known = set(Submission.objects.filter(regime=regime).values_list("period", flat=True).distinct())
    opened = []
    for code in codes:
        period = period_of(regime, code)
        if code in known and period.end < today:
            continue
        if period.start <= today and _open(regime, period):
            opened.append(code)
    return opened


def open_due_periods(today: dt.date | None = None) -> int:
    """The daily job: every active regime gets the reports of the periods that have begun."""
    today = today or timezone.localdate()
    opened = 0
    regimes = ReportRegime.objects.filter(status=RegimeStatus.ACTIVE, starts_on__lte=today).select_related(
        "unit"
    )
    for regime in regimes.prefetch_related("period_dates"):
        with transaction.atomic():
            codes = _open_regular_periods(regime, today)
            if codes:
                audit.record(
                    actor=None,
                    action="reports.regime.open_periods",
                    obj=regime,
                    after={"opened": codes},
                    scope_unit_id=regime.unit_id,
                )
            opened += len(codes)
    return opened


def open_ad_hoc_period(*, actor: Any, regime: ReportRegime, window_end: dt.date, due_on: dt.date) -> str:
    """Yêu cầu báo cáo đột xuất: one more period with its own dates."""
    policy.require(actor, ReportPerm.MANAGE, regime)
    if regime.frequency != Frequency.AD_HOC:
        raise DomainError("Chỉ mở kỳ riêng cho chế độ báo cáo đột xuất, chuyên đề.")
    periods.check_due(
        window_end, due_on, rulebook.number("reporting.min_working_days_after_cutoff", unit=regime.unit)
    )
    code = periods.ad_hoc_code(window_end)
    if regime.period_dates.filter(period=code).exists():
        raise DomainError(f"Đã có kỳ báo cáo chốt số liệu ngày {window_end:%d/%m/%Y}.", field="window_end")
    with transaction.atomic():
        RegimePeriod.objects.create(regime=regime, period=code, window_end=window_end, due_on=due_on)
        opened = _open(regime, period_of(regime, code))
        audit.record(
            actor=actor,
            action="reports.regime.open_period",
            obj=regime,
            after={"period": code, "window_end": window_end, "due_on": due_on, "reports": opened},
            scope_unit_id=regime.unit_id,
        )
    return code


def end_regime(*, actor: Any, regime: ReportRegime, on: dt.date, reason: str) -> ReportRegime:
    policy.require(actor, ReportPerm.MANAGE, regime)
    reason = clean_text(reason, field="reason", max_length=300)
    if regime.status == RegimeStatus.ENDED:
        raise DomainError("Chế độ báo cáo này đã kết thúc.")
    if on < regime.starts_on:
        raise DomainError("Ngày kết thúc phải sau ngày bắt đầu áp dụng.", field="on")
    with transaction.atomic():
        before = audit.snapshot(regime, REGIME_FIELDS)
        regime.status, regime.ends_on = RegimeStatus.ENDED, on
        regime.save(update_fields=["status", "ends_on", "updated_at"])
        audit.record(
            actor=actor,
            action="reports.regime.end",
            obj=regime,
            before=before,
            after={**audit.snapshot(regime, REGIME_FIELDS), "reason": reason},
            scope_unit_id=regime.unit_id,
        )
    return regime


# --- Submissions -------------------------------------------------------------------------------------


def entry_open(submission: Submission, today: dt.date | None = None) -> bool:
    """Values may change while the report is not sent (or was returned) and the period has not expired,
    or the receiver granted an exception that still runs (DHIS2's lock exception)."""
    if submission.status not in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED):
        return False
    today = today or timezone.localdate()
    if today <= submission.due_on + dt.timedelta(days=submission.regime.expiry_days):
        return True
    return submission.lock_exceptions.filter(until__gte=today).exists()


def _require_entry(submission: Submission) -> None:
    if submission.status == SubmissionStatus.APPROVED:
        raise DomainError("Báo cáo đã được duyệt; số liệu đã khóa.")
    if submission.status == SubmissionStatus.SUBMITTED:
        raise DomainError("Báo cáo đã gửi và đang chờ duyệt; chỉ sửa được khi nơi nhận trả lại.")
    if not entry_open(submission):
        raise DomainError(
            "Đã quá thời hạn nhập số liệu của kỳ này; cần nơi nhận báo cáo cho phép nhập sau thời hạn."
        )


def save_values(
    *,
    actor: Any,
    submission: Submission,
    values: Mapping[str, Any],
    narrative: Mapping[str, str] | None = None,
    number: str | None = None,
) -> Submission:
    """Lưu số liệu. `values` maps an indicator code to its raw value, or to (numerator, denominator) for a
    percent. Every error is reported at once and nothing is stored unless all are right."""
    policy.require(actor, ReportPerm.SUBMIT, submission)
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
            errors[code] = "không có trong chế độ báo cáo này"
            continue
        try:
            parsed[code] = parse(indicator, *(raw if isinstance(raw, tuple | list) else (raw,)))
        except DomainError as exc:
            errors[code] = exc.message
    sections = _narrative(submission, narrative, errors)
    number = clean_text(number, field="number", max_length=20, required=False) if number is not None else None
    stored = selectors.stored(submission)
    merged = {**stored, **parsed}
    errors.update(
        {c: m for c, m in broken_rules(merged, ValidationRule.objects.all()).items() if c not in errors}
    )
    if errors:
        raise ValuesError(errors)
    suggested = sources.suggestions(submission)
    with transaction.atomic():
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
            errors[f"đề cương {key}"] = "không có mục này trong đề cương"
            continue
        try:
            sections[key] = clean_text(text or "", field=outline[int(key)], max_length=20000, required=False)
        except DomainError as exc:
            errors[f"đề cương {int(key) + 1}"] = exc.message
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


def submit(*, actor: Any, submission: Submission, today: dt.date | None = None) -> Submission:
    """Gửi báo cáo: every required value present and every rule kept; the receiver is told."""
    policy.require(actor, ReportPerm.SUBMIT, submission)
    _require_entry(submission)
    stored = selectors.stored(submission)
    errors = {
        ri.indicator.code: "bắt buộc, chưa nhập"
        for ri in submission.regime.regime_indicators.select_related("indicator")
        if ri.required and (ri.indicator.code not in stored or stored[ri.indicator.code].empty)
    }
    errors.update(broken_rules(stored, ValidationRule.objects.all()))
    if errors:
        raise ValuesError(errors)
    now = timezone.now()
    with transaction.atomic():
        before = audit.snapshot(submission, SUBMISSION_FIELDS)
        submission.status = SubmissionStatus.SUBMITTED
        submission.submitted_at, submission.submitted_by = now, actor
        submission.first_submitted_at = submission.first_submitted_at or now
        submission.save(
            update_fields=["status", "submitted_at", "submitted_by", "first_submitted_at", "updated_at"]
        )
        if submission.obligation_id:
            Obligation.objects.filter(pk=submission.obligation_id, fulfilled_at__isnull=True).update(
                fulfilled_at=now
            )
        audit.record(
            actor=actor,
            action="reports.submission.submit",
            obj=submission,
            before=before,
            after={
                **audit.snapshot(submission, SUBMISSION_FIELDS),
                "values": {c: v.__dict__ for c, v in stored.items()},
            },
            scope_unit_id=submission.unit_id,
        )
        regime = submission.regime
        _notify(
            _managers(regime.unit_id, regime.receiver_agency_id),
            f"report:{submission.pk}:submit:{now.timestamp():.0f}",
            f"{submission.unit.name} đã gửi {_what(submission)}",
            f"/bao-cao/nop/{submission.pk}/",
        )
    return submission


def return_submission(*, actor: Any, submission: Submission, comment: str) -> Submission:
    """Trả lại báo cáo với ý kiến: the unit corrects and sends again."""
    policy.require(actor, ReportPerm.MANAGE, submission.regime)
    comment = clean_text(comment, field="comment", max_length=2000)
    if submission.status not in (SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED):
        raise DomainError("Chỉ trả lại báo cáo đã gửi.")
    return _review(actor, submission, SubmissionStatus.RETURNED, comment, "return")


def approve(*, actor: Any, submission: Submission, comment: str = "") -> Submission:
    """Duyệt báo cáo: the values are locked and count in the receiver's roll-up as approved."""
    policy.require(actor, ReportPerm.MANAGE, submission.regime)
    comment = clean_text(comment, field="comment", max_length=2000, required=False)
    if submission.status != SubmissionStatus.SUBMITTED:
        raise DomainError("Chỉ duyệt báo cáo đã gửi và đang chờ duyệt.")
    return _review(actor, submission, SubmissionStatus.APPROVED, comment, "approve")


def _review(actor: Any, submission: Submission, status: str, comment: str, action: str) -> Submission:
    now = timezone.now()
    with transaction.atomic():
        before = audit.snapshot(submission, SUBMISSION_FIELDS)
        submission.status, submission.reviewed_at, submission.reviewed_by = status, now, actor
        submission.review_comment = comment
        submission.save(
            update_fields=["status", "reviewed_at", "reviewed_by", "review_comment", "updated_at"]
        )
        audit.record(
            actor=actor,
            action=f"reports.submission.{action}",
            obj=submission,
            before=before,
            after=audit.snapshot(submission, SUBMISSION_FIELDS),
            scope_unit_id=submission.unit_id,
        )
        verb = "trả lại" if status == SubmissionStatus.RETURNED else "duyệt"
        _notify(
            _managers(submission.unit_id, None),
            f"report:{submission.pk}:{action}:{now.timestamp():.0f}",
            f"{submission.regime.unit.name} đã {verb} {_what(submission)}",
            f"/bao-cao/nop/{submission.pk}/",
            comment,
        )
    return submission


def grant_exception(*, actor: Any, submission: Submission, until: dt.date, reason: str) -> LockException:
    """Cho phép nhập sau thời hạn, until a date, granted by the receiver."""
    policy.require(actor, ReportPerm.MANAGE, submission.regime)
    reason = clean_text(reason, field="reason", max_length=300)
    today = timezone.localdate()
    if until < today:
        raise DomainError("Ngày hết hạn cho phép phải từ hôm nay trở đi.", field="until")
    if until > today + dt.timedelta(days=90):
        raise DomainError("Chỉ cho phép nhập sau thời hạn tối đa 90 ngày mỗi lần.", field="until")
    if submission.status == SubmissionStatus.APPROVED:
        raise DomainError("Báo cáo đã được duyệt; hãy trả lại báo cáo nếu cần sửa.")
    with transaction.atomic():
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
        _notify(
            _managers(submission.unit_id, None),
            f"report:{submission.pk}:unlock:{exception.pk}",
            f"Được nhập số liệu {_what(submission)} đến {until:%d/%m/%Y}",
            f"/bao-cao/nop/{submission.pk}/",
            reason,
        )
    return exception


def _what(submission: Submission) -> str:
    return f"{submission.regime.name} — {periods.label(submission.period)}"


def _managers(unit_id: int, agency_id: int | None) -> set[int]:
    """Focal officers and leaders of the unit, and the officers of the agency it receives through."""
    recipients = Recipients({agency_id} if agency_id else set(), {unit_id})
    return recipients.managers.get(unit_id, set()) | recipients.by_agency.get(agency_id or -1, set())


def _notify(users: set[int], key: str, title: str, url: str, body: str = "") -> None:
    deliver(Message(user_id=u, key=key, title=title[:300], url=url, body=body) for u in users)


def create_indicator(
    *,
    actor: Any,
    unit: Unit,
    code: str,
    name: str,
    kind: str,
    aggregation: str,
    citation: str,
    measure: str = "",
    group: str = "Chỉ tiêu của địa phương",
) -> Indicator:
    """Thêm chỉ tiêu: a province adds its own indicator to the shared catalogue, with its source."""
    policy.require(actor, ReportPerm.MANAGE, unit)
    code = clean_text(code, field="code", max_length=40).upper()
    if not re.fullmatch(r"[A-Z][A-Z0-9_]{1,39}", code):
        raise DomainError("Mã chỉ tiêu chỉ gồm chữ in hoa không dấu, số và dấu gạch dưới.", field="code")
    if Indicator.objects.filter(code=code).exists():
        raise DomainError(f"Đã có chỉ tiêu mã {code}.", field="code")
    name = clean_text(name, field="name", max_length=300)
    citation = clean_text(citation, field="citation", max_length=300)
    measure = clean_text(measure, field="measure", max_length=50, required=False)
    if kind not in IndicatorKind.values:
        raise DomainError("Kiểu chỉ tiêu không hợp lệ.", field="kind")
    if aggregation not in _AGGREGATIONS[kind]:
        raise DomainError(
            "Cách tổng hợp không hợp với kiểu chỉ tiêu (tỷ lệ: tử số/mẫu số; văn bản: không cộng).",
            field="aggregation",
        )
    with transaction.atomic():
        indicator = Indicator.objects.create(
            code=code,
            group=group,
            name=name,
            kind=kind,
            aggregation=aggregation,
            measure=measure,
            citation=citation,
        )
        audit.record(
            actor=actor,
            action="reports.indicator.create",
            obj=indicator,
            after=audit.snapshot(
                indicator, ("code", "group", "name", "kind", "aggregation", "measure", "citation")
            ),
            scope_unit_id=unit.pk,
        )
    return indicator


# Never an average of percentages: a percent rolls up as a ratio of sums, a text is not added up.
_AGGREGATIONS: dict[str, set[str]] = {
    IndicatorKind.INTEGER: {Aggregation.SUM, Aggregation.MAX, Aggregation.LATEST},
    IndicatorKind.DECIMAL: {Aggregation.SUM, Aggregation.MAX, Aggregation.LATEST},
    IndicatorKind.PERCENT: {Aggregation.RATIO},
    IndicatorKind.BOOLEAN: {Aggregation.COUNT_YES},
    IndicatorKind.TEXT: {Aggregation.NONE},
}
