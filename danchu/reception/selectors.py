"""Reads of tiếp công dân and đối thoại, and the doors to their records.

Officials reach a record through `access_<entity>(..., perm=...)` (`danchu.core.access`); the public
reaches what is published through `access_public` over the public scope: a published schedule, a
dialogue not cancelled, its questions and commitments. The reception log is never public: it names the
people received (and a denouncer's identity is secret, Law on Citizen Reception Art. 4).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from danchu.accounts.models import Role, RoleAssignment, User
from danchu.core.access import access, access_public
from danchu.core.policy import Perm
from danchu.plans.selectors import tasks_of_source
from danchu.units.models import Unit

from .models import (
    ChairmanAbsence,
    Commitment,
    Dialogue,
    DialogueQuestion,
    DialogueState,
    ReceptionSchedule,
    Visit,
    VisitLetter,
)

# The plans task source of a commitment (Commitment → Task).
COMMITMENT_SOURCE = "reception.commitment"
VISIT = "lượt tiếp công dân"
DIALOGUE = "buổi đối thoại"
QUESTION = "câu hỏi"
COMMITMENT = "cam kết"


def schedule_of(unit: Unit, *, for_write: bool = False) -> ReceptionSchedule | None:
    """The unit's schedule (None if it has none yet); the caller reached `unit` through the door."""
    rows = ReceptionSchedule.objects.select_related("unit").filter(unit=unit)
    if for_write:
        rows = rows.select_for_update(of=("self",))
    return rows.first()


_LETTERS = Prefetch("letters", queryset=VisitLetter.objects.select_related("letter").order_by("id"))


def access_visit(*, actor: User, visit_id: int | str, perm: Perm, for_write: bool = False) -> Visit:
    rows = Visit.objects.select_related("unit", "recorded_by")
    if not for_write:
        rows = rows.prefetch_related(_LETTERS)
    visit = access(rows, visit_id, actor=actor, perm=perm, label=VISIT, for_write=for_write)
    mark_identity(actor, visit.unit, [visit])
    return visit


def access_dialogue(*, actor: User, dialogue_id: int | str, perm: Perm, for_write: bool = False) -> Dialogue:
    rows = Dialogue.objects.select_related("unit")
    return access(rows, dialogue_id, actor=actor, perm=perm, label=DIALOGUE, for_write=for_write)


def access_question(
    *, actor: User, question_id: int | str, perm: Perm, for_write: bool = False
) -> DialogueQuestion:
    rows = DialogueQuestion.objects.select_related("dialogue__unit")
    return access(rows, question_id, actor=actor, perm=perm, label=QUESTION, for_write=for_write)


# A denouncer's identity (Law on Denunciations Art. 47; Law on Citizen Reception Art. 4) ----------------


def identity_readers(actor: User, unit: Unit) -> Callable[[Visit], bool]:
    """Who may read a denouncer's name, address and ID number in `unit`'s log: those who handle the
    denunciation — the commune's leader (`unit_leader` of the unit itself, not of a level above) and the
    official who received the visit. Everyone else reads it masked. One query, whatever the list."""
    leader = (
        actor.is_authenticated
        and RoleAssignment.objects.filter(
            user_id=actor.pk, unit_id=unit.pk, role=Role.UNIT_LEADER, revoked_at__isnull=True
        ).exists()
    )

    def shows(visit: Visit) -> bool:
        return not visit.confidential or leader or visit.recorded_by_id == actor.pk

    return shows


def mark_identity(actor: User, unit: Unit, visits: Iterable[Visit]) -> list[Visit]:
    """Give each visit `shows_identity`: the one decision pages, API and export read."""
    shows = identity_readers(actor, unit)
    rows = list(visits)
    for visit in rows:
        visit.shows_identity = shows(visit)  # type: ignore[attr-defined]
    return rows


# Lists --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LogFilter:
    year: int | None = None
    kind: str = ""
    overdue: bool = False


def log(unit: Unit, filters: LogFilter, today: dt.date) -> QuerySet[Visit]:
    """Sổ tiếp công dân of `unit`, newest first (one query per page)."""
    rows = Visit.objects.filter(unit=unit)
    if filters.year:
        rows = rows.filter(year=filters.year)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.overdue:
        rows = rows.filter(answer_due_on__lt=today, answered_on__isnull=True)
    return rows.prefetch_related(_LETTERS).order_by("-received_on", "-number")


def waiting(unit: Unit, today: dt.date) -> QuerySet[Visit]:
    """Visits still waiting for an answer, the most urgent first."""
    return Visit.objects.filter(unit=unit, answer_due_on__isnull=False, answered_on__isnull=True).order_by(
        "answer_due_on", "id"
    )


def dialogues_of(unit: Unit) -> QuerySet[Dialogue]:
    return Dialogue.objects.filter(unit=unit).annotate(
        n_questions=Count("questions", distinct=True),
        n_answered=Count("questions", filter=~Q(questions__answer=""), distinct=True),
    )


def absences_of(schedule: ReceptionSchedule, start: dt.date, end: dt.date) -> list[ChairmanAbsence]:
    return list(schedule.absences.filter(ends_on__gte=start, starts_on__lte=end))


# Public -------------------------------------------------------------------------------------------------


def published_schedule(unit: Unit) -> ReceptionSchedule | None:
    return ReceptionSchedule.objects.filter(unit=unit, published_at__isnull=False).first()


def public_dialogues(unit: Unit) -> QuerySet[Dialogue]:
    return dialogues_of(unit).exclude(state=DialogueState.CANCELLED).order_by("-held_on", "-id")


def _questions() -> Prefetch[str]:
    commitments = Commitment.objects.select_related("agency").order_by("due_on", "id")
    rows = DialogueQuestion.objects.select_related("village").prefetch_related(
        Prefetch("commitments", commitments)
    )
    return Prefetch("questions", queryset=rows.order_by("id"))


def public_dialogue(dialogue_id: int | str) -> Dialogue:
    """A dialogue as the public reads it (a cancelled one too: the page says so)."""
    rows = Dialogue.objects.select_related("unit").prefetch_related(_questions())
    return access_public(rows, dialogue_id, label=DIALOGUE)


def read_dialogue(*, actor: User, dialogue_id: int | str, perm: Perm) -> Dialogue:
    """A dialogue for its officials, with its questions and commitments."""
    rows = Dialogue.objects.select_related("unit", "created_by").prefetch_related(_questions())
    return access(rows, dialogue_id, actor=actor, perm=perm, label=DIALOGUE)


def questions_of_asker(dialogue: Dialogue, user: User) -> list[DialogueQuestion]:
    return list(dialogue.questions.filter(asker=user).order_by("id"))


def attach_tasks(dialogue: Dialogue) -> None:
    """Give each commitment of the (prefetched) questions its plans task as `task`: one query."""
    commitments = [c for q in dialogue.questions.all() for c in q.commitments.all()]
    found = (
        {task.source_id: task for task in tasks_of_source(COMMITMENT_SOURCE, [c.pk for c in commitments])}
        if commitments
        else {}
    )
    for commitment in commitments:
        commitment.task = found.get(commitment.pk)  # type: ignore[attr-defined]
