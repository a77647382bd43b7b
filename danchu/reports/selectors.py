"""Reads of periodic reporting; views fetch regimes and reports through access_*."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.core import policy
from danchu.core.access import access
from danchu.core.actors import Actor
from danchu.core.errors import DomainError
from danchu.core.policy import Perm
from danchu.plans.models import Directive, DirectiveKind, PlanStatus
from danchu.units.models import Unit

from . import periods
from .models import (
    REPORTED,
    Frequency,
    Indicator,
    ReportRegime,
    Submission,
    SubmissionStatus,
)
from .permissions import ReportPerm
from .rollup import Aggregate, rollup
from .values import Value


def access_regime(
    *, actor: Actor | None, regime_id: int | str, perm: Perm, for_write: bool = False
) -> ReportRegime:
    queryset = ReportRegime.objects.select_related(
        "unit", "receiver_agency", "directive__plan"
    ).prefetch_related("period_dates")
    return access(
        queryset, regime_id, actor=actor, perm=perm, label=gettext_noop("chế độ báo cáo"), for_write=for_write
    )


def access_submission(
    *, actor: Actor | None, submission_id: int | str, perm: Perm, for_write: bool = False
) -> Submission:
    """One unit's report. `ReportPerm.MANAGE` (return, approve, allow late entry) is the receiver's: the
    report is reached with VIEW and the permission is then asked of its regime, whose unit is an ancestor
    of the reporting unit, so that a unit never reviews its own report."""
    queryset = Submission.objects.select_related("regime", "regime__unit", "regime__receiver_agency", "unit")
    if perm != ReportPerm.MANAGE:
        return access(
            queryset,
            submission_id,
            actor=actor,
            perm=perm,
            label=gettext_noop("báo cáo"),
            for_write=for_write,
        )
    submission = access(
        queryset,
        submission_id,
        actor=actor,
        perm=ReportPerm.VIEW,
        label=gettext_noop("báo cáo"),
        for_write=for_write,
    )
    policy.require(actor, ReportPerm.MANAGE, submission.regime)
    return submission


def access_node(*, actor: Actor | None, regime: ReportRegime, unit_id: int | str | None = None) -> Unit:
    """The unit whose subtree a completeness or roll-up view shows: the regime's unit by default, or any
    unit below it that the actor may see."""
    scope = Unit.objects.filter(path__startswith=regime.unit.path)
    return access(
        scope, unit_id or regime.unit_id, actor=actor, perm=ReportPerm.VIEW, label=gettext_noop("đơn vị")
    )


def regimes_of(unit: Unit) -> QuerySet[ReportRegime]:
    """Regimes the unit issued (or its subtree did), newest first."""
    return (
        ReportRegime.objects.filter(unit__path__startswith=unit.path)
        .select_related("unit")
        .annotate(indicator_count=Count("regime_indicators"))
        .order_by("status", "-starts_on", "name")
    )


def reports_due_from(unit: Unit) -> QuerySet[Submission]:
    """The unit's own reports to upper levels, the open ones first, soonest deadline first."""
    return (
        Submission.objects.filter(unit=unit)
        .select_related("regime", "regime__unit")
        .order_by(
            F("first_submitted_at").asc(nulls_first=True),
            "due_on",
        )
    )


def periods_of(regime: ReportRegime) -> list[str]:
    return list(
        Submission.objects.filter(regime=regime)
        .values_list("period", flat=True)
        .distinct()
        .order_by("period")
    )


def indicators_of(regime: ReportRegime) -> list[Indicator]:
    return [ri.indicator for ri in regime.regime_indicators.select_related("indicator").order_by("order")]


def required_codes(regime: ReportRegime) -> set[str]:
    return set(regime.regime_indicators.filter(required=True).values_list("indicator__code", flat=True))


def values_of(submission: Submission) -> dict[str, Any]:
    """code → DataValue of one report."""
    return {v.indicator.code: v for v in submission.values.select_related("indicator")}


def stored(submission: Submission) -> dict[str, Value]:
    return {
        code: Value(number, den, text)
        for code, number, den, text in submission.values.values_list(
            "indicator__code", "number", "denominator", "text"
        )
    }


def period_of(regime: ReportRegime, code: str) -> periods.Period:
    """The dates of one period of the regime: the issuer's own, or the decree's window and default delay."""
    own = next((p for p in regime.period_dates.all() if p.period == code), None)
    if regime.frequency == Frequency.AD_HOC:
        if own is None:
            raise DomainError(_("Kỳ báo cáo “%(code)s” chưa được mở.") % {"code": code}, field="period")
        return periods.Period(code, regime.starts_on, own.window_end, own.due_on)
    start, end = periods.window(regime.frequency, code, regime.cutoff_day)
    if own is not None:
        return periods.Period(code, start, own.window_end, own.due_on)
    return periods.Period(code, start, end, periods.due_date(end, regime.due_working_days))


def entry_open(submission: Submission, today: dt.date | None = None) -> bool:
    """Values may change while the report is not sent (or was returned) and the period has not expired,
    or the receiver granted an exception that still runs (DHIS2's lock exception)."""
    if submission.status not in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED):
        return False
    today = today or timezone.localdate()
    if today <= submission.due_on + dt.timedelta(days=submission.regime.expiry_days):
        return True
    return submission.lock_exceptions.filter(until__gte=today).exists()


# --- Completeness and timeliness ---------------------------------------------------------------------


# Product choice, not law: the scorecard shows amber ("fair") from this share of reports in, so that a
# receiver sees at a glance the units that are nearly complete. No text sets a threshold.
FAIR_COMPLETENESS_RATE = 80


@dataclass
class Completeness:
    """Expected, reported, on time, late, missing, returned, approved: for a node, regime and period."""

    expected: int = 0
    reported: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    returned: int = 0
    approved: int = 0

    @property
    def rate(self) -> int:
        return round(100 * self.reported / self.expected) if self.expected else 0

    @property
    def on_time_rate(self) -> int:
        return round(100 * self.on_time / self.expected) if self.expected else 0

    @property
    def colour(self) -> str:
        """Scorecard colour: green when all is in on time, amber when all in, red otherwise."""
        if not self.expected:
            return "none"
        if self.on_time == self.expected:
            return "good"
        if self.reported == self.expected or self.rate >= FAIR_COMPLETENESS_RATE:
            return "fair"
        return "poor"


def _counts() -> dict[str, Any]:
    on_time = Q(first_submitted_at__isnull=False, first_submitted_at__date__lte=F("due_on"))
    return {
        "expected": Count("id"),
        "reported": Count("id", filter=Q(status__in=REPORTED)),
        "on_time": Count("id", filter=on_time),
        "late": Count("id", filter=Q(first_submitted_at__date__gt=F("due_on"))),
        "returned": Count("id", filter=Q(status=SubmissionStatus.RETURNED)),
        "approved": Count("id", filter=Q(status=SubmissionStatus.APPROVED)),
    }


def _completeness(row: dict[str, Any]) -> Completeness:
    expected, reported = row["expected"], row["reported"]
    return Completeness(
        expected=expected,
        reported=reported,
        on_time=row["on_time"],
        late=row["late"],
        missing=expected - reported,
        returned=row["returned"],
        approved=row["approved"],
    )


def completeness(node: Unit, regime: ReportRegime, period: str) -> Completeness:
    """One aggregate query, whatever the number of units below the node."""
    row = Submission.objects.filter(regime=regime, period=period, unit__path__startswith=node.path).aggregate(
        **_counts()
    )
    return _completeness(row)


def completeness_by_period(node: Unit, regime: ReportRegime) -> dict[str, Completeness]:
    """Every opened period's completeness at the node, in one grouped query (the regime page's table)."""
    rows: list[dict[str, Any]] = list(
        Submission.objects.filter(regime=regime, unit__path__startswith=node.path)
        .values("period")
        .annotate(**_counts())  # type: ignore[arg-type]  # annotated keys are not in the TypedDict
        .order_by("period")
    )
    found = {row["period"]: _completeness(row) for row in rows}
    return defaultdict(Completeness, found)


def missing_units(node: Unit, regime: ReportRegime, period: str) -> QuerySet[Submission]:
    """The reports still expected (not sent, or returned), for the list one click away."""
    return (
        Submission.objects.filter(regime=regime, period=period, unit__path__startswith=node.path)
        .exclude(status__in=REPORTED)
        .select_related("unit")
        .order_by("unit__name_key")
    )


def submissions_at(node: Unit, regime: ReportRegime, period: str) -> QuerySet[Submission]:
    return (
        Submission.objects.filter(regime=regime, period=period, unit__path__startswith=node.path)
        .select_related("unit")
        .order_by("status", "unit__name_key")
    )


@dataclass
class Scorecard:
    """Rows of child units, columns of periods, each cell a Completeness."""

    periods: list[str]
    rows: list[tuple[Unit, list[Completeness]]] = field(default_factory=list)


def scorecard(node: Unit, regime: ReportRegime, period_codes: list[str]) -> Scorecard:
    """Completeness per child of `node` and period, in two queries (the children, then one aggregate
    grouped by reporting unit and period, folded onto the children by path)."""
    children = list(Unit.objects.filter(parent=node, generation=node.generation).order_by("name_key"))
    rows: list[dict[str, Any]] = list(
        Submission.objects.filter(regime=regime, period__in=period_codes, unit__path__startswith=node.path)
        .values("unit__path", "period")
        .annotate(**_counts())  # type: ignore[arg-type]  # annotated keys are not in the TypedDict
    )
    cells: dict[tuple[int, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        below = row["unit__path"][len(node.path) :]
        if not below:  # the node reports itself: no child to fold it onto
            continue
        child_id = int(below.split("/", 1)[0])
        for key in ("expected", "reported", "on_time", "late", "returned", "approved"):
            cells[(child_id, row["period"])][key] += row[key]
    result = Scorecard(periods=period_codes)
    for child in children:
        line = [
            _completeness(cells[(child.pk, p)]) if (child.pk, p) in cells else Completeness()
            for p in period_codes
        ]
        if any(c.expected for c in line):
            result.rows.append((child, line))
    return result


# --- Pivot and charts ----------------------------------------------------------------------------------


@dataclass
class PivotRow:
    unit: Unit
    values: list[Decimal | None]
    has_children: bool


@dataclass
class Pivot:
    indicators: list[Indicator]
    total: list[Decimal | None]
    rows: list[PivotRow]


def pivot(node: Unit, regime: ReportRegime, period: str, *, approved_only: bool = False) -> Pivot:
    """Units × indicators at one node: the node's total and each child's, from one roll-up query."""
    indicators = indicators_of(regime)
    children = list(Unit.objects.filter(parent=node, generation=node.generation).order_by("name_key"))
    aggregates = rollup(
        periods=[period],
        root=node,
        regime_ids=[regime.pk],
        nodes=[node.pk, *(c.pk for c in children)],
        approved_only=approved_only,
    )

    def line(unit_id: int) -> list[Decimal | None]:
        return [_value(aggregates.get((unit_id, period, i.pk)), i) for i in indicators]

    reporting_tiers = set(regime.reporter_tiers)
    rows = [
        PivotRow(unit=c, values=line(c.pk), has_children=c.tier < max(reporting_tiers))
        for c in children
        if any(v is not None for v in line(c.pk))
        or c.tier in reporting_tiers
        or c.tier < max(reporting_tiers)
    ]
    return Pivot(indicators=indicators, total=line(node.pk), rows=rows)


def _value(aggregate: Aggregate | None, indicator: Indicator) -> Decimal | None:
    return aggregate.value(indicator.aggregation) if aggregate is not None else None


def trend(
    node: Unit, regime: ReportRegime, indicator: Indicator, period_codes: list[str]
) -> list[tuple[str, Decimal | None]]:
    """One indicator at one node over the periods: one roll-up query."""
    aggregates = rollup(periods=period_codes, root=node, regime_ids=[regime.pk], nodes=[node.pk])
    return [
        (periods.title(p), _value(aggregates.get((node.pk, p, indicator.pk)), indicator))
        for p in period_codes
    ]


def directives_without_regime(unit: Unit) -> QuerySet[Directive]:
    """Report orders in the unit's issued plans that have no regime yet (one click makes one)."""
    return (
        Directive.objects.filter(
            plan__unit=unit,
            plan__status=PlanStatus.ISSUED,
            kind__in=[DirectiveKind.REPORT_6M, DirectiveKind.REPORT_ANNUAL],
            due_on__isnull=False,
            report_regimes__isnull=True,
        )
        .select_related("plan")
        .order_by("due_on")
    )
