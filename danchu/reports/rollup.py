"""Tổng hợp số liệu: the value of every indicator at every node of the tree, over its subtree.

One statement: a `SUM … GROUP BY` per level of the tree (the reporting units themselves, their
parents, their grandparents…), joined by UNION ALL, so every node gets the values of its whole subtree
whatever the tree (current, or legacy with districts) and whatever the depth. No query per unit: the
cost is one scan of the values per level, a small multiple of one `SUM … GROUP BY` over them.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import connection

from danchu.units.models import Unit

from .models import REPORTED, Aggregation, DataValue, Submission, SubmissionStatus


class Aggregate(NamedTuple):
    """The sums a node holds for one indicator and period, as the database returned them (int, float or
    Decimal: converting 10⁵ rows eagerly costs more than the query); `value` applies the indicator's rule."""

    total: Any  # None when no value below has a number (texts only)
    denominator: Any
    largest: Any
    rows: int  # values of any kind (texts too)

    def value(self, aggregation: str) -> Decimal | None:
        if aggregation == Aggregation.MAX:
            return _decimal(self.largest) if self.largest is not None else None
        if aggregation == Aggregation.RATIO:
            den = _decimal(self.denominator)
            return (_decimal(self.total) * 100 / den).quantize(Decimal("0.01")) if den else None
        if aggregation == Aggregation.NONE:
            return Decimal(self.rows)
        return _decimal(self.total) if self.total is not None else None


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
    reports = Submission.objects.filter(period__in=periods, status__in=statuses)
    if regime_ids is not None:
        reports = reports.filter(regime_id__in=regime_ids)
    if root is not None:
        reports = reports.filter(unit__path__startswith=root.path)
    depths = {path.count("/") - 1 for path in reports.values_list("unit__path", flat=True).distinct()}
    if not depths:
        return {}
    top = root.path.count("/") - 1 if root is not None else 1
    s, v, u = Submission._meta.db_table, DataValue._meta.db_table, Unit._meta.db_table
    where = f"s.period IN ({_marks(periods)}) AND s.status IN ({_marks(statuses)})"
    base: list[Any] = [*periods, *statuses]
    if regime_ids is not None:
        where += f" AND s.regime_id IN ({_marks(regime_ids or [0])})"
        base += list(regime_ids or [0])
    selects, params = [], []
    for level in range(max(depths) - top + 1):
        joins = "".join(f" JOIN {u} a{k} ON a{k}.id = a{k - 1}.parent_id" for k in range(1, level + 1))
        condition, extra = where, list(base)
        if root is not None:
            condition += f" AND a{level}.path LIKE %s"
            extra.append(root.path + "%")
        if nodes is not None:
            condition += f" AND a{level}.id IN ({_marks(nodes or [0])})"
            extra += list(nodes or [0])
        selects.append(_LEVEL.format(level=level, v=v, s=s, u=u, joins=joins, condition=condition))
        params += extra
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        return {(row[0], row[1], row[2]): Aggregate(*row[3:]) for row in cursor.fetchall()}


# One level of the tree. Table names come from the models; every value is a parameter.
_LEVEL = (
    "SELECT a{level}.id, s.period, v.indicator_id, SUM(v.number), SUM(v.denominator), MAX(v.number), "
    "COUNT(*) FROM {v} v JOIN {s} s ON s.id = v.submission_id JOIN {u} a0 ON a0.id = s.unit_id{joins} "
    "WHERE {condition} GROUP BY a{level}.id, s.period, v.indicator_id"
)


def _marks(values: Sequence[Any]) -> str:
    return ", ".join(["%s"] * len(values))


def _decimal(raw: object) -> Decimal:
    """SQLite sums come back as int or float, PostgreSQL's as Decimal: one exact type for both."""
    if raw is None:
        return Decimal(0)
    return Decimal(str(round(raw, 4))) if isinstance(raw, float) else Decimal(str(raw))
