"""Tổng hợp số liệu: the value of every indicator at every node of the tree, over its subtree.

One recursive query climbs from each reporting unit to its ancestors (current or legacy tree alike,
since both are one tree of parents) and aggregates the values at every node it passes: no per-unit
loops, so a national roll-up costs a small multiple of one `SUM … GROUP BY` over the same values.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import connection

from danchu.units.models import Unit

from .models import REPORTED, Aggregation, DataValue, Indicator, Submission, SubmissionStatus


class Aggregate(NamedTuple):
    """The sums a node holds for one indicator and period, as the database returned them (int, float or
    Decimal: converting 10⁵ rows eagerly costs more than the query); `value` applies the indicator's rule."""

    total: Any
    denominator: Any
    largest: Any
    numbers: int  # values with a number
    rows: int  # values of any kind (texts too)

    def value(self, aggregation: str) -> Decimal | None:
        if aggregation == Aggregation.MAX:
            return _decimal(self.largest) if self.largest is not None else None
        if aggregation == Aggregation.RATIO:
            den = _decimal(self.denominator)
            return (_decimal(self.total) * 100 / den).quantize(Decimal("0.01")) if den else None
        if aggregation == Aggregation.NONE:
            return Decimal(self.rows)
        return _decimal(self.total) if self.numbers else None


Key = tuple[int, str, int]  # (node id, period code, indicator id)


def rollup(
    *,
    periods: Sequence[str],
    root: Unit | None = None,
    regime_ids: Sequence[int] | None = None,
    nodes: Sequence[int] | None = None,
    approved_only: bool = False,
) -> dict[Key, Aggregate]:
    """Aggregates at every node under `root` (the whole country when None), or only at `nodes`."""
    if not periods:
        return {}
    statuses = [SubmissionStatus.APPROVED] if approved_only else list(REPORTED)
    s, v, u = Submission._meta.db_table, DataValue._meta.db_table, Unit._meta.db_table
    params: list[Any] = []

    def marks(values: Sequence[Any]) -> str:
        params.extend(values)
        return ", ".join(["%s"] * len(values))

    where = f"s.period IN ({marks(periods)}) AND s.status IN ({marks(statuses)})"
    if regime_ids is not None:
        where += f" AND s.regime_id IN ({marks(list(regime_ids) or [0])})"
    anchor_where = where
    anchor_params = list(params)
    if root is not None:
        anchor_where += " AND u0.path LIKE %s"
        anchor_params.append(root.path + "%")
    stop = ""
    stop_params: list[Any] = []
    if root is not None:
        stop = " AND c.node_id <> %s"
        stop_params.append(root.pk)
    node_filter = ""
    node_params: list[Any] = []
    if nodes is not None:
        node_filter = f" AND c.node_id IN ({', '.join(['%s'] * len(nodes)) or 'NULL'})"
        node_params.extend(nodes)
    # Table names come from the models; every value is a parameter.
    sql = f"""
        WITH RECURSIVE chain(unit_id, node_id) AS (
            SELECT DISTINCT s.unit_id, s.unit_id FROM {s} s JOIN {u} u0 ON u0.id = s.unit_id
            WHERE {anchor_where}
          UNION ALL
            SELECT c.unit_id, p.parent_id FROM chain c JOIN {u} p ON p.id = c.node_id
            WHERE p.parent_id IS NOT NULL{stop}
        )
        SELECT c.node_id, s.period, v.indicator_id, SUM(v.number), SUM(v.denominator), MAX(v.number),
               COUNT(v.number), COUNT(*)
        FROM chain c
        JOIN {s} s ON s.unit_id = c.unit_id
        JOIN {v} v ON v.submission_id = s.id
        WHERE {where}{node_filter}
        GROUP BY c.node_id, s.period, v.indicator_id
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*anchor_params, *stop_params, *params, *node_params])
        rows = cursor.fetchall()
    return {(row[0], row[1], row[2]): Aggregate(*row[3:]) for row in rows}


def _decimal(raw: object) -> Decimal:
    """SQLite sums come back as int or float, PostgreSQL's as Decimal: one exact type for both."""
    if raw is None:
        return Decimal(0)
    return Decimal(str(round(raw, 4))) if isinstance(raw, float) else Decimal(str(raw))


def over_periods(series: Sequence[Aggregate | None], aggregation: str) -> Aggregate | None:
    """Combine one node's aggregates of consecutive periods (e.g. three months into a quarter): sums add,
    `latest` keeps the last period that has data, `max` keeps the largest."""
    present = [a for a in series if a is not None]
    if not present:
        return None
    if aggregation == Aggregation.LATEST:
        return present[-1]
    largest = [_decimal(a.largest) for a in present if a.largest is not None]
    return Aggregate(
        sum((_decimal(a.total) for a in present), Decimal(0)),
        sum((_decimal(a.denominator) for a in present), Decimal(0)),
        max(largest) if largest else None,
        sum(a.numbers for a in present),
        sum(a.rows for a in present),
    )


def value_of(
    aggregates: dict[Key, Aggregate], node: int, period: str, indicator: Indicator
) -> Decimal | None:
    found = aggregates.get((node, period, indicator.pk))
    return found.value(indicator.aggregation) if found is not None else None
