"""Reads of tham gia ý kiến: the doors to a consultation, an opinion and a group, and the pages' lists.

Officials who hold `ConsultationPerm.VIEW` over the unit read everything (authors included); the public
reads consultations once launched (`public_consultation`), and opinions without personal data.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from danchu.accounts.models import User
from danchu.core.access import access, access_public
from danchu.core.policy import Perm
from danchu.units.models import Unit

from .models import (
    Consultation,
    DraftRevision,
    Opinion,
    OpinionGroup,
    Section,
    SectionText,
    State,
)

LABEL = "đợt lấy ý kiến"
PUBLIC_STATES = (State.OPEN, State.CLOSED)


def access_consultation(
    *, actor: User, consultation_id: int | str, perm: Perm, for_write: bool = False
) -> Consultation:
    """A consultation `actor` may do `perm` on (404 missing, 403 forbidden); locked with `for_write`."""
    rows = Consultation.objects.select_related("unit", "matter", "agency", "disclosure")
    return access(rows, consultation_id, actor=actor, perm=perm, label=LABEL, for_write=for_write)


def access_opinion(*, actor: User, opinion_id: int | str, perm: Perm, for_write: bool = False) -> Opinion:
    rows = Opinion.objects.select_related("consultation__unit", "section")
    return access(rows, opinion_id, actor=actor, perm=perm, label="ý kiến", for_write=for_write)


def access_group(*, actor: User, group_id: int | str, perm: Perm, for_write: bool = False) -> OpinionGroup:
    rows = OpinionGroup.objects.select_related("consultation__unit")
    return access(rows, group_id, actor=actor, perm=perm, label="nhóm ý kiến", for_write=for_write)


def public_consultation(consultation_id: int | str) -> Consultation:
    """A consultation anyone may read: launched (open) or concluded; a draft in preparation is a 404.

    Joins only what its public readers show (the unit, the matter): each joined model is columns to build
    and rows to turn into objects on every view of the page (the disclosure is the officials' page's)."""
    rows = Consultation.objects.select_related("unit", "matter").filter(state__in=PUBLIC_STATES)
    return access_public(rows, consultation_id, label=LABEL)


def of_unit(unit: Unit, *, public: bool = False) -> QuerySet[Consultation]:
    """A unit's consultations, newest first, each with its opinion and unanswered counts (one query)."""
    rows = Consultation.objects.filter(unit=unit).select_related("matter")
    if public:
        rows = rows.filter(state__in=PUBLIC_STATES)
    visible = Q(opinions__hidden_at__isnull=True)
    return rows.annotate(
        opinion_count=Count("opinions", filter=visible),
        unanswered=Count("opinions", filter=visible & Q(opinions__response__isnull=True)),
    ).order_by("-starts_on", "-id")


def latest_revision(consultation: Consultation) -> DraftRevision:
    revision = consultation.revisions.order_by("-number").first()
    if revision is None:  # every consultation is created with its first draft
        raise DraftRevision.DoesNotExist(f"consultation {consultation.pk} has no draft")
    return revision


@dataclass
class SectionRow:
    """A section of the current draft with how many visible opinions it drew."""

    section_id: int
    anchor: str
    kind: str
    label: str
    depth: int
    title: str
    text: str
    opinions: int


def sections(
    consultation: Consultation,
    revision: DraftRevision | None = None,
    counts: dict[int | None, int] | None = None,
) -> list[SectionRow]:
    """The draft by section, with opinion counts: two queries whatever the number of opinions."""
    revision = revision or latest_revision(consultation)
    counts = opinion_counts(consultation) if counts is None else counts
    texts = SectionText.objects.filter(revision=revision).select_related("section").order_by("order")
    return [
        SectionRow(
            t.section_id, t.section.anchor, t.section.kind, t.section.label, t.section.depth,
            t.title, t.text, counts.get(t.section_id, 0),
        )
        for t in texts
    ]  # fmt: skip


def opinion_counts(consultation: Consultation) -> dict[int | None, int]:
    """Visible opinions by section id (None: on the whole draft)."""
    rows = (
        Opinion.objects.filter(consultation=consultation, hidden_at__isnull=True)
        .values("section_id")
        .annotate(n=Count("id"))
    )
    return {row["section_id"]: row["n"] for row in rows}


def unanswered_count(consultation: Consultation) -> int:
    return Opinion.objects.filter(
        consultation=consultation, hidden_at__isnull=True, response__isnull=True
    ).count()


def opinions(consultation: Consultation) -> QuerySet[Opinion]:
    """Every opinion with what the officials' list shows, in one query per page."""
    return Opinion.objects.filter(consultation=consultation).select_related(
        "section", "source", "response", "household__village", "group"
    )


def public_opinions(consultation: Consultation) -> QuerySet[Opinion]:
    """What the public reads: visible opinions with their answers; the template shows no person's name."""
    return (
        Opinion.objects.filter(consultation=consultation, hidden_at__isnull=True)
        .select_related("section", "response")
        .only(
            "id", "text", "channel", "author_kind", "author_name", "created_at", "section__label",
            "section__anchor", "response__kind", "response__text", "response__same_as_id", "consultation_id",
        )
    )  # fmt: skip


def section_of(consultation: Consultation, section_id: int | str | None) -> Section | None:
    """The section of the current draft an opinion is given on (None: the whole draft)."""
    if section_id in (None, ""):
        return None
    try:
        pk = int(str(section_id))
    except ValueError:
        return None
    revision = latest_revision(consultation)
    return Section.objects.filter(consultation=consultation, pk=pk, texts__revision=revision).first()


@dataclass
class Tally:
    """The synthesis statistics (by channel, section and response)."""

    total: int
    hidden: int
    answered: int
    by_channel: list[tuple[str, int]]
    by_section: list[tuple[str, int]]
    by_response: list[tuple[str, int]]


def tally(consultation: Consultation) -> Tally:
    rows = list(
        Opinion.objects.filter(consultation=consultation).values_list(
            "channel", "section__label", "response__kind", "hidden_at"
        )
    )
    visible = [r for r in rows if r[3] is None]
    channel, section, response = Counter[str](), Counter[str](), Counter[str]()
    for ch, label, kind, _ in visible:
        channel[ch] += 1
        section[label or "Toàn văn dự thảo"] += 1
        response[kind or "none"] += 1
    return Tally(
        total=len(visible),
        hidden=len(rows) - len(visible),
        answered=sum(1 for r in visible if r[2]),
        by_channel=channel.most_common(),
        by_section=section.most_common(),
        by_response=response.most_common(),
    )


def groups(consultation: Consultation) -> QuerySet[OpinionGroup]:
    return consultation.groups.annotate(size=Count("opinions")).order_by("id")
