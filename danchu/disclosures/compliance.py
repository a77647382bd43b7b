"""Tuân thủ công khai: for a commune and a year, the checklist of the mandatory catalogue items.

Each item is judged from the disclosures that began in the year (replaced ones count: they were posted):
- missing: fewer disclosures than the item's recurrence expects by today (a year: one; quarterly: one per
  quarter ended), or none at all for a yearly item;
- late: posted more working days after its document's date than the rulebook allows;
- channel missing: a channel the catalogue requires for the item (the loudspeaker for items 7–12) not used;
- proof missing: a channel used without proof, or a loudspeaker log shorter than the consecutive days due.
The same evaluation serves a commune's page, the province's roll-up and the reports' pre-filled figures,
over batches of communes in a constant number of queries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from danchu.core import calendar, rulebook
from danchu.units.models import Tier, Unit

from .models import (
    PUBLIC_STATES,
    SELF_PROVEN,
    Channel,
    ChannelProof,
    Disclosure,
    DisclosureItem,
    Recurrence,
    Scope,
)


class Finding(models.TextChoices):
    MISSING = "missing", _("Chưa công khai")
    LATE = "late", _("Công khai chậm")
    CHANNEL_MISSING = "channel_missing", _("Thiếu hình thức công khai")
    PROOF_MISSING = "proof_missing", _("Thiếu minh chứng")
    OK = "ok", _("Đã công khai đúng quy định")
    NOT_ARISEN = "not_arisen", _("Chưa phát sinh")


@dataclass
class Posted:
    """One disclosure as the checklist sees it."""

    id: int
    title: str
    starts_on: dt.date
    ends_on: dt.date
    channels: list[str]
    late_days: int | None = None  # working days after the document, when over the limit
    missing_channels: list[str] = field(default_factory=list)
    unproven: list[str] = field(default_factory=list)

    @property
    def findings(self) -> list[str]:
        notes = []
        if self.late_days is not None:
            notes.append(
                gettext("công khai sau %(self_late_days)s ngày làm việc kể từ ngày văn bản")
                % {"self_late_days": self.late_days}
            )
        if self.missing_channels:
            notes.append(
                gettext("thiếu %(channels)s")
                % {"channels": ", ".join(str(Channel(c).label).lower() for c in self.missing_channels)}
            )
        if self.unproven:
            notes.append(gettext("chưa có minh chứng: %(channels)s") % {"channels": ", ".join(self.unproven)})
        return notes


@dataclass
class ItemCheck:
    item: DisclosureItem
    expected: int
    posted: list[Posted]

    @property
    def found(self) -> int:
        return len(self.posted)

    @property
    def finding(self) -> Finding:
        if self.found < self.expected:
            return Finding.MISSING
        if any(p.late_days is not None for p in self.posted):
            return Finding.LATE
        if any(p.missing_channels for p in self.posted):
            return Finding.CHANNEL_MISSING
        if any(p.unproven for p in self.posted):
            return Finding.PROOF_MISSING
        return Finding.OK if self.posted else Finding.NOT_ARISEN

    @property
    def expectation(self) -> str:
        if self.item.recurrence == Recurrence.QUARTERLY:
            return gettext("%(self_found)s/%(self_expected)s quý đã kết thúc") % {
                "self_found": self.found,
                "self_expected": self.expected,
            }
        if self.item.recurrence == Recurrence.YEARLY:
            return gettext("ít nhất 1 lần trong năm")
        return gettext("khi phát sinh")


@dataclass
class Checklist:
    unit: Unit
    year: int
    on: dt.date
    items: list[ItemCheck]

    def count(self, finding: str) -> int:
        return sum(1 for c in self.items if c.finding == finding)

    @property
    def counts(self) -> dict[str, int]:
        return {f.value: self.count(f) for f in Finding}


# Calendar facts, neither law nor product choice: a year has four quarters of three months. That an item is
# disclosed quarterly is the catalogue's (`DisclosureItem.recurrence`, with its citation); lateness is
# measured by the rulebook's `disclosure.deadline_working_days`.
QUARTERS_PER_YEAR = 4
MONTHS_PER_QUARTER = 3


def quarters_ended(year: int, on: dt.date) -> int:
    """How many quarters of `year` have ended by `on`. Product choice: the checklist expects a quarter's
    disclosure (budget execution) once the quarter is over, since it reports on the whole quarter."""
    if on.year > year:
        return QUARTERS_PER_YEAR
    if on.year < year:
        return 0
    return (on.month - 1) // MONTHS_PER_QUARTER


def expected(recurrence: str, year: int, on: dt.date) -> int:
    """How many disclosures of an item are due by `on` in `year`."""
    if on < dt.date(year, 1, 1) or recurrence == Recurrence.ON_EVENT:
        return 0
    if recurrence == Recurrence.YEARLY:
        return 1
    return quarters_ended(year, on)


def _evaluate(
    unit: Unit,
    items: list[DisclosureItem],
    rows: list[dict[str, Any]],
    links: dict[int, list[int]],
    proofs: dict[int, dict[str, set[dt.date]]],
    deadline: int,
    broadcast_days: int,
    working_days: Callable[[dt.date, dt.date], int],
    year: int,
    on: dt.date,
) -> Checklist:
    checked = {item.pk: item for item in items}
    by_item: dict[int, list[Posted]] = defaultdict(list)
    for row in rows:
        for item_id in links.get(row["id"], []):
            if item_id in checked:  # optional and agency items are not on the commune's checklist
                posted = _posted(row, checked[item_id], proofs.get(row["id"], {}), broadcast_days)
                posted.late_days = _late(row, deadline, working_days)
                by_item[item_id].append(posted)
    checks = [
        ItemCheck(item, expected(item.recurrence, year, on), by_item.get(item.pk, [])) for item in items
    ]
    return Checklist(unit=unit, year=year, on=on, items=checks)


def _late(row: dict[str, Any], deadline: int, working_days: Callable[[dt.date, dt.date], int]) -> int | None:
    """Working days from the document to the posting, when over the rulebook's limit."""
    if row["document_date"] is None:
        return None
    late = working_days(row["document_date"], row["starts_on"])
    return late if late > deadline else None


def _posted(
    row: dict[str, Any],
    item: DisclosureItem,
    proven: dict[str, set[dt.date]],
    broadcast_days: int,
) -> Posted:
    channels = list(row["channels"])
    posted = Posted(
        id=row["id"],
        title=row["title"],
        starts_on=row["starts_on"],
        ends_on=row["ends_on"],
        channels=channels,
    )
    posted.missing_channels = [c for c in item.channels if c not in channels]
    for channel in channels:
        if channel in SELF_PROVEN:
            continue
        run = _longest_run(proven.get(channel, set()))
        need = broadcast_days if channel == Channel.LOUDSPEAKER and item.broadcast else 1
        if run < need:
            label = str(Channel(channel).label).lower()
            posted.unproven.append(
                gettext("%(label)s (%(run)s/%(need)s ngày liên tục)")
                % {"label": label, "run": run, "need": need}
                if need > 1
                else label
            )
    return posted


def _longest_run(days: Iterable[dt.date]) -> int:
    ordered, best, run, previous = sorted(days), 0, 0, None
    for day in ordered:
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        best, previous = max(best, run), day
    return best


def checklists(units: list[Unit], year: int, on: dt.date) -> list[Checklist]:
    """The checklist of each commune given, in six queries whatever their number."""
    items = list(DisclosureItem.objects.filter(scope=Scope.COMMUNE, mandatory=True).order_by("order"))
    ids = [u.pk for u in units]
    chosen = Disclosure.objects.filter(
        unit_id__in=ids, state__in=PUBLIC_STATES, starts_on__year=year, starts_on__lte=on
    )
    rows: list[dict[str, Any]] = [
        dict(row)
        for row in chosen.order_by("starts_on", "id").values(
            "id", "unit_id", "title", "document_date", "starts_on", "ends_on", "channels"
        )
    ]
    links: dict[int, list[int]] = defaultdict(list)
    for disclosure_id, item_id in Disclosure.items.through.objects.filter(disclosure__in=chosen).values_list(
        "disclosure_id", "disclosureitem_id"
    ):
        links[disclosure_id].append(item_id)
    proofs: dict[int, dict[str, set[dt.date]]] = defaultdict(lambda: defaultdict(set))
    for disclosure_id, channel, day in ChannelProof.objects.filter(disclosure__in=chosen).values_list(
        "disclosure_id", "channel", "day"
    ):
        proofs[disclosure_id][channel].add(day)
    deadline = rulebook.resolver("disclosure.deadline_working_days", on=on)
    broadcast = rulebook.resolver("disclosure.broadcast_min_consecutive_days", on=on)
    working_days = calendar.counter(dt.date(year - 1, 1, 1), min(on, dt.date(year, 12, 31)))
    by_unit: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_unit[int(row["unit_id"])].append(row)
    return [
        _evaluate(
            unit,
            items,
            by_unit[unit.pk],
            links,
            proofs,
            deadline.for_unit(unit),
            broadcast.for_unit(unit),
            working_days,
            year,
            on,
        )
        for unit in units
    ]


def checklist(unit: Unit, year: int, on: dt.date) -> Checklist:
    return checklists([unit], year, on)[0]


def communes_under(node: Unit) -> list[Unit]:
    """The communes of a node's subtree in its own generation (the roll-up's rows)."""
    if node.tier == Tier.COMMUNE:
        return [node]
    return list(
        Unit.objects.filter(path__startswith=node.path, tier=Tier.COMMUNE, generation=node.generation)
        .exclude(pk=node.pk)
        .order_by("name_key")
    )


def report_statistics(unit_ids: list[int], start: dt.date, end: dt.date) -> dict[int, dict[str, int]]:
    """What periodic reports pre-fill: disclosures posted in the period, the checklist at its end."""
    units = list(Unit.objects.filter(pk__in=unit_ids))
    posted: defaultdict[int, int] = defaultdict(int)
    for unit_id in Disclosure.objects.filter(
        unit_id__in=unit_ids, state__in=PUBLIC_STATES, starts_on__gte=start, starts_on__lte=end
    ).values_list("unit_id", flat=True):
        posted[unit_id] += 1
    result: dict[int, dict[str, int]] = {}
    for check in checklists(units, end.year, end):
        result[check.unit.pk] = {
            "disclosed": posted[check.unit.pk],
            "items_missing": check.count(Finding.MISSING),
            "items_late": check.count(Finding.LATE),
            "items_proof_missing": check.count(Finding.PROOF_MISSING) + check.count(Finding.CHANNEL_MISSING),
            "items_ok": check.count(Finding.OK),
        }
    return result


@dataclass
class ChannelCheck:
    """One channel of one disclosure on its detail page: the proofs given and what is still due."""

    channel: str
    proofs: list[ChannelProof]
    need: int  # consecutive days of proof required (0: the platform is the proof)
    run: int

    @property
    def label(self) -> str:
        return str(Channel(self.channel).label)

    @property
    def ok(self) -> bool:
        return self.run >= self.need


def proof_status(disclosure: Disclosure) -> list[ChannelCheck]:
    """Per channel of a disclosure (proofs and items prefetched): proven or not, and how many days."""
    broadcast = any(i.broadcast for i in disclosure.items.all())
    days_due = rulebook.number("disclosure.broadcast_min_consecutive_days", unit=disclosure.unit)
    checks = []
    for channel in disclosure.channels:
        proofs = [p for p in disclosure.proofs.all() if p.channel == channel]
        if channel in SELF_PROVEN:
            need = 0
        else:
            need = days_due if channel == Channel.LOUDSPEAKER and broadcast else 1
        checks.append(ChannelCheck(channel, proofs, need, _longest_run(p.day for p in proofs)))
    return checks
