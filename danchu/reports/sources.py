"""Pre-filled values (số liệu có sẵn): what the platform already knows, from the owning app's selectors.

An indicator names its source as "<app>.<key>"; each app offers one statistics selector that answers
for many units at once, declared in its registry (`core.registry.Statistics`).
"""

from __future__ import annotations

from decimal import Decimal

from danchu.core import registry

from .models import IndicatorKind, ReportRegime, Submission
from .values import Value


def suggestions(submission: Submission) -> dict[str, Value]:
    """The value each sourced indicator of the report would take, by code."""
    wanted = [
        ri.indicator
        for ri in submission.regime.regime_indicators.select_related("indicator")
        if ri.indicator.source
    ]
    result: dict[str, Value] = {}
    providers = registry.statistics()
    by_app: dict[str, dict[int, dict[str, int]]] = {}
    for indicator in wanted:
        app, _, key = indicator.source.partition(".")
        if app not in providers:
            continue
        if app not in by_app:
            by_app[app] = providers[app].provider(
                [submission.unit_id], submission.period_start, submission.period_end
            )
        figure = by_app[app].get(submission.unit_id, {}).get(key)
        if figure is None:
            continue
        number = Decimal(figure)
        if indicator.kind == IndicatorKind.BOOLEAN:
            result[indicator.code] = Value(number=Decimal(1 if figure else 0), denominator=Decimal(1))
        else:
            result[indicator.code] = Value(number=number)
    return result


def label(regime: ReportRegime) -> str:
    """Where a regime's pre-filled values come from, in words ("kế hoạch …, thông tin công khai …")."""
    apps = {
        ri.indicator.source.partition(".")[0]
        for ri in regime.regime_indicators.select_related("indicator")
        if ri.indicator.source
    }
    providers = registry.statistics()
    return "; ".join(str(providers[app].label) for app in sorted(apps, reverse=True) if app in providers)
