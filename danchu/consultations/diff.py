"""What a revised draft changed, section by section (so sánh dự thảo): added, removed, changed or not,
with the changed words marked."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from .models import DraftRevision, SectionText

_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass
class SectionChange:
    label: str
    anchor: str
    status: str  # added, removed, changed, same
    segments: list[tuple[str, str]] = field(default_factory=list)  # (op: "=", "+", "-"; text)


def _full(text: SectionText) -> str:
    return "\n".join(part for part in (text.title, text.text) if part)


def compare(old: DraftRevision, new: DraftRevision) -> list[SectionChange]:
    before = {t.section_id: t for t in SectionText.objects.filter(revision=old).select_related("section")}
    after = list(SectionText.objects.filter(revision=new).select_related("section").order_by("order"))
    changes: list[SectionChange] = []
    for text in after:
        previous = before.pop(text.section_id, None)
        label, anchor = text.section.label, text.section.anchor
        if previous is None:
            changes.append(SectionChange(label, anchor, "added", [("+", _full(text))]))
        elif _full(previous) == _full(text):
            changes.append(SectionChange(label, anchor, "same", [("=", _full(text))]))
        else:
            changes.append(SectionChange(label, anchor, "changed", words(_full(previous), _full(text))))
    for text in sorted(before.values(), key=lambda t: t.order):
        changes.append(
            SectionChange(text.section.label, text.section.anchor, "removed", [("-", _full(text))])
        )
    return changes


def words(old: str, new: str) -> list[tuple[str, str]]:
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("=", "".join(a[i1:i2])))
        else:
            if i2 > i1:
                out.append(("-", "".join(a[i1:i2])))
            if j2 > j1:
                out.append(("+", "".join(b[j1:j2])))
    return out
