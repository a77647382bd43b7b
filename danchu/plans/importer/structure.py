"""The parsed shape of a plan, as in `shared/samples/plans/expected/README.md`."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Section:
    label: str
    title: str


@dataclass
class Item:
    path: str
    heading: str | None = None
    lead: list[str] = field(default_factory=list)
    implementing: list[str] = field(default_factory=list)
    coordinating: list[str] = field(default_factory=list)
    timeframe: str | None = None
    text: str = ""


@dataclass
class Deadline:
    what: str  # plan, report_6m, report_annual, model_registration, other
    due: str | None
    due_text: str
    to: str | None
    window_start: str | None = None
    recurring: bool = False
    due_month_day: str | None = None
    subject: str | None = None


@dataclass
class Signer:
    name: str | None
    title: str | None
    authority: str | None


@dataclass
class ParsedPlan:
    doc_type: str | None
    number: str | None
    symbol: str | None
    issuer: str | None
    place: str | None
    date: str | None
    date_partial: str | None
    year: int | None
    title: str | None
    sections: list[Section]
    items: list[Item]
    deadlines: list[Deadline]
    legal_refs: list[str]
    legal_ref_numbers: list[str]
    legal_refs_unnumbered: list[str]
    legal_ref_details: list[dict[str, str | None]]
    recipients: list[str]
    recipients_raw: list[str]
    signer: Signer | None
    purposes: str = ""
    source_text: str = ""

    def as_json(self) -> dict[str, Any]:
        """The JSON shape of the expected files: optional keys left out when empty."""
        data = asdict(self)
        data.pop("source_text")
        data.pop("purposes")
        for item in data["items"]:
            item.pop("text")
            if item["heading"] is None:
                item.pop("heading")
        for deadline in data["deadlines"]:
            for key in ("window_start", "due_month_day", "subject"):
                if deadline[key] is None:
                    deadline.pop(key)
            if not deadline["recurring"]:
                deadline.pop("recurring")
        return data
