"""Report regimes (chế độ báo cáo): issue one, make one from a plan's report order, open periods, end it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.accounts.models import User
from danchu.core import audit, rulebook
from danchu.core.calendar import working_days_between
from danchu.core.errors import DomainError
from danchu.core.text import clean_text, fold
from danchu.plans import selectors as plan_selectors
from danchu.plans.models import Directive, DirectiveKind, Obligation
from danchu.units import selectors as unit_selectors
from danchu.units.models import Agency, Tier, Unit

from .. import periods, selectors
from ..models import (
    Frequency,
    Indicator,
    RegimeIndicator,
    RegimePeriod,
    RegimeStatus,
    ReportRegime,
    Submission,
)
from ..permissions import ReportPerm
from ..selectors import period_of
from ._shared import REGIME_FIELDS

# Product bounds, the same as the regime form's: a deadline more than 60 working days after the cut-off,
# or entry kept open more than a year after it, is a typo, not a reporting regime.
MAX_DUE_WORKING_DAYS = 60
MAX_EXPIRY_DAYS = 365


@transaction.atomic
def create_regime(
    *,
    actor: User,
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
    """Ban hành chế độ báo cáo; the periods whose data window has begun are opened at once. The unit is
    locked so that two regimes issued at once get distinct codes."""
    unit = unit_selectors.access_unit(actor=actor, unit_id=unit.pk, perm=ReportPerm.MANAGE, for_write=True)
    name = clean_text(name, field="name", label=gettext_noop("Tên báo cáo"), max_length=300)
    content = clean_text(
        content, field="content", label=gettext_noop("Nội dung yêu cầu báo cáo"), required=False
    )
    method = clean_text(
        method, field="method", label=gettext_noop("Phương thức gửi, nhận"), max_length=200, required=False
    )
    if frequency not in Frequency.values:
        raise DomainError(_("Tần suất báo cáo không hợp lệ."), field="frequency")
    tiers = sorted(set(int(t) for t in reporter_tiers))
    if not tiers or any(t <= unit.tier or t > Tier.VILLAGE for t in tiers):
        raise DomainError(
            _("Cấp đơn vị báo cáo phải thấp hơn cấp của đơn vị nhận báo cáo."), field="reporter_tiers"
        )
    if receiver_agency is not None and receiver_agency.unit_id != unit.pk:
        raise DomainError(_("Cơ quan tiếp nhận phải thuộc đơn vị nhận báo cáo."), field="receiver_agency")
    periods.check_year(starts_on, field="starts_on")
    periods.check_year(ends_on, field="ends_on")
    if ends_on is not None and ends_on < starts_on:
        raise DomainError(_("Ngày kết thúc phải sau ngày bắt đầu áp dụng."), field="ends_on")
    cutoff = (
        cutoff_day if cutoff_day is not None else rulebook.number("reporting.cutoff_day_of_month", unit=unit)
    )
    if not 1 <= cutoff <= 28:
        raise DomainError(_("Ngày bắt đầu kỳ số liệu phải từ 1 đến 28."), field="cutoff_day")
    minimum = rulebook.number("reporting.min_working_days_after_cutoff", unit=unit)
    due_days = (
        due_working_days
        if due_working_days is not None
        else rulebook.number("reporting.default_due_working_days", unit=unit)
    )
    if not minimum <= due_days <= MAX_DUE_WORKING_DAYS:
        raise DomainError(
            _(
                "Hạn gửi phải sau ngày chốt số liệu ít nhất %(minimum)s ngày làm việc (Nghị định "
                "09/2019/NĐ-CP, Điều 8) và không quá %(MAX_DUE_WORKING_DAYS)s ngày làm việc."
            )
            % {"minimum": minimum, "MAX_DUE_WORKING_DAYS": MAX_DUE_WORKING_DAYS},
            field="due_working_days",
        )
    expiry = (
        expiry_days
        if expiry_days is not None
        else rulebook.number("reporting.entry_open_days_after_due", unit=unit)
    )
    if not 0 <= expiry <= MAX_EXPIRY_DAYS:
        raise DomainError(
            _("Số ngày khóa nhập liệu sau hạn gửi phải từ 0 đến %(MAX_EXPIRY_DAYS)s.")
            % {"MAX_EXPIRY_DAYS": MAX_EXPIRY_DAYS},
            field="expiry_days",
        )
    indicators = _indicators(indicator_codes)
    unknown_required = set(required_codes) - {i.code for i in indicators}
    if unknown_required:
        raise DomainError(
            _("Chỉ tiêu bắt buộc không có trong báo cáo: %(join)s.")
            % {"join": ", ".join(sorted(unknown_required))}
        )
    sections = [
        clean_text(s, field="outline", label=gettext_noop("Mục đề cương"), max_length=300)
        for s in outline
        if s.strip()
    ]
    dates = dict(period_dates or {})
    for code, (window_end, due_on) in dates.items():
        if frequency != Frequency.AD_HOC:
            periods.parse_code(frequency, code)
        periods.check_due(window_end, due_on, minimum)
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


@transaction.atomic
def regime_from_directive(
    *, actor: User, directive: Directive, indicator_codes: Sequence[str], today: dt.date | None = None
) -> ReportRegime:
    """A plan's "send your 6-month/annual report by …" becomes a regime whose period has the plan's date;
    the data cut-off is moved back so that the decree's working day remains before it. The permission
    comes first (nothing about the directive is told to whoever may not act on it); the plan is locked so
    that one directive gives one regime."""
    directive = plan_selectors.access_directive(
        actor=actor, directive_id=directive.pk, perm=ReportPerm.MANAGE, for_write=True
    )
    plan = directive.plan
    if directive.kind not in _DIRECTIVE_FREQUENCY:
        raise DomainError(_("Chỉ tạo được chế độ báo cáo từ yêu cầu báo cáo 6 tháng hoặc báo cáo năm."))
    if directive.due_on is None:
        raise DomainError(_("Yêu cầu này chưa có hạn gửi; hãy sửa kế hoạch trước."))
    if ReportRegime.objects.filter(directive=directive).exists():
        raise DomainError(_("Yêu cầu này đã có chế độ báo cáo."))
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
        raise DomainError(_("Chế độ báo cáo cần ít nhất một chỉ tiêu."), field="indicators")
    found = {i.code: i for i in Indicator.objects.filter(code__in=wanted, active=True)}
    unknown = [c for c in wanted if c not in found]
    if unknown:
        raise DomainError(
            _("Không có chỉ tiêu: %(join)s.") % {"join": ", ".join(unknown[:20])}, field="indicators"
        )
    return [found[c] for c in wanted]


def _unique_code(unit: Unit, name: str, starts_on: dt.date) -> str:
    words = re.findall(r"[a-z0-9]+", fold(name))
    base = f"{unit.code or unit.pk}-{''.join(w[0] for w in words)[:12]}-{starts_on:%Y}".upper()
    code, n = base, 1
    while ReportRegime.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


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
        # One transaction per regime (not one for the round): a regime that fails leaves the others opened.
        # The row is locked so that a concurrent round or an issuer opening a period waits its turn.
        with transaction.atomic():
            ReportRegime.objects.select_for_update().filter(pk=regime.pk).first()
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


@transaction.atomic
def open_ad_hoc_period(*, actor: User, regime: ReportRegime, window_end: dt.date, due_on: dt.date) -> str:
    """Yêu cầu báo cáo đột xuất: one more period with its own dates (the regime locked: one per date)."""
    regime = selectors.access_regime(actor=actor, regime_id=regime.pk, perm=ReportPerm.MANAGE, for_write=True)
    if regime.frequency != Frequency.AD_HOC:
        raise DomainError(_("Chỉ mở kỳ riêng cho chế độ báo cáo đột xuất, chuyên đề."))
    periods.check_due(
        window_end, due_on, rulebook.number("reporting.min_working_days_after_cutoff", unit=regime.unit)
    )
    code = periods.ad_hoc_code(window_end)
    if regime.period_dates.filter(period=code).exists():
        raise DomainError(
            _("Đã có kỳ báo cáo chốt số liệu ngày %(window_end)s.")
            % {"window_end": f"{window_end:%d/%m/%Y}"},
            field="window_end",
        )
    RegimePeriod.objects.create(regime=regime, period=code, window_end=window_end, due_on=due_on)
    # The dates just set, not `period_of` (the door prefetched the regime's periods before this one).
    opened = _open(regime, periods.Period(code, regime.starts_on, window_end, due_on))
    audit.record(
        actor=actor,
        action="reports.regime.open_period",
        obj=regime,
        after={"period": code, "window_end": window_end, "due_on": due_on, "reports": opened},
        scope_unit_id=regime.unit_id,
    )
    return code


@transaction.atomic
def end_regime(*, actor: User, regime: ReportRegime, on: dt.date, reason: str) -> ReportRegime:
    regime = selectors.access_regime(actor=actor, regime_id=regime.pk, perm=ReportPerm.MANAGE, for_write=True)
    reason = clean_text(reason, field="reason", label=gettext_noop("Lý do"), max_length=300)
    if regime.status == RegimeStatus.ENDED:
        raise DomainError(_("Chế độ báo cáo này đã kết thúc."))
    periods.check_year(on, field="on")
    if on < regime.starts_on:
        raise DomainError(_("Ngày kết thúc phải sau ngày bắt đầu áp dụng."), field="on")
    with audit.audited(
        actor=actor,
        action="reports.regime.end",
        obj=regime,
        fields=REGIME_FIELDS,
        scope_unit_id=regime.unit_id,
    ) as change:
        regime.status, regime.ends_on = RegimeStatus.ENDED, on
        regime.save(update_fields=["status", "ends_on", "updated_at"])
        change.note(reason=reason)
    return regime
