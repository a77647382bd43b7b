"""Thresholds from the rulebook (tỷ lệ tán thành, số hộ tham dự), exact over the frozen denominator."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from fractions import Fraction

from django.utils import timezone

from danchu.core import rulebook
from danchu.units.models import Unit

from .matters import Matter

# Which shares the law states "from … upwards" (từ … trở lên, ≥) rather than "more than" (trên, >):
# Art. 21(1) for the money matters says "từ hai phần ba … trở lên".
INCLUSIVE_RULES = frozenset({"decision.pass_share_contributions"})


@dataclass(frozen=True)
class Threshold:
    key: str
    share: Fraction
    inclusive: bool
    title: str
    citation: str
    verified: bool

    def needed(self, denominator: int) -> int:
        """The fewest households that satisfy the share of `denominator`."""
        exact = self.share * denominator
        if self.inclusive:
            return math.ceil(exact)
        return math.floor(exact) + 1

    @property
    def source(self) -> str:
        return rulebook.public_citation(self.citation)

    @property
    def words(self) -> str:
        sign = "≥" if self.inclusive else ">"
        return f"{sign} {self.share.numerator}/{self.share.denominator}"


def threshold(key: str, unit: Unit, on: dt.date | None = None) -> Threshold:
    on = on or timezone.localdate()
    row = rulebook.rule(key, on=on, unit=unit)
    return Threshold(
        key=key,
        share=Fraction(row.value) / row.denominator,
        inclusive=key in INCLUSIVE_RULES,
        title=row.title,
        citation=row.citation,
        verified=row.verified,
    )


def pass_threshold(matter: Matter, unit: Unit, on: dt.date | None = None) -> Threshold:
    return threshold(matter.pass_rule, unit, on)


def quorum(matter: Matter, unit: Unit, on: dt.date | None = None) -> Threshold:
    return threshold(matter.quorum_rule, unit, on)
