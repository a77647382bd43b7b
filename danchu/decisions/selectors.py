"""Reads of dân bàn, dân quyết: the doors, a decision's meeting status and result, households' ballots.

Officials reach a decision through `access_decision(..., perm=...)`; households and the public through
`access_public` over the public scope (`public_decision`, `open_decision`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from danchu.accounts.models import Role, RoleAssignment, User
from danchu.core.access import access, access_public
from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.core.policy import Perm, within
from danchu.plans.models import Task
from danchu.plans.selectors import tasks_of_source
from danchu.units.models import Household, Unit

from .matters import MATTERS, Matter
from .models import (
    PUBLIC_STATES,
    Attendance,
    Authorisation,
    Choice,
    Decision,
    Initiative,
    MeetingCount,
    Option,
    Participation,
    Question,
    Receipt,
    RegisterEntry,
    State,
)
from .permissions import DecisionPerm
from .thresholds import Threshold, pass_threshold, quorum

LABEL = "việc bàn và quyết định"


def access_decision(*, actor: User, decision_id: int | str, perm: Perm, for_write: bool = False) -> Decision:
    """A decision `actor` may do `perm` on (404 missing, 403 forbidden); locked with `for_write`."""
    rows = Decision.objects.select_related("unit")
    return access(rows, decision_id, actor=actor, perm=perm, label=LABEL, for_write=for_write)


def public_decision(decision_id: int | str) -> Decision:
    """A decision whose result was published (the portal's results pages)."""
    rows = Decision.objects.select_related("unit", "unit__parent").filter(state__in=PUBLIC_STATES)
    return access_public(rows, decision_id, label=LABEL)


def open_decision(decision_id: int | str, *, for_write: bool = False) -> Decision:
    """A decision households may see because it was announced (its ballot page)."""
    rows = Decision.objects.select_related("unit").exclude(state=State.DRAFT)
    if for_write:
        rows = rows.select_for_update(of=("self",))
    return access_public(rows, decision_id, label=LABEL)


def unit_decisions(actor: User, unit_path: str) -> QuerySet[Decision]:
    rows = within(Decision.objects.select_related("unit"), actor, DecisionPerm.VIEW)
    return rows.filter(unit__path__startswith=unit_path).order_by("-id")


def matter_of(decision: Decision) -> Matter:
    return MATTERS[decision.matter]


def questions_of(decision: Decision) -> list[Question]:
    return list(decision.questions.prefetch_related("options").order_by("order"))


def scope_households(decision: Decision) -> QuerySet[Household]:
    """The active households of the decision's scope today (the register is frozen from this at opening)."""
    rows = Household.objects.filter(dissolved_on__isnull=True)
    if decision.unit.is_village:
        return rows.filter(village_id=decision.unit_id)
    return rows.filter(village__path__startswith=decision.unit.path)


def in_register(decision: Decision, household_id: int) -> bool:
    return RegisterEntry.objects.filter(decision=decision, household_id=household_id).exists()


def actor_residents(actor: User) -> list[int]:
    """The residents (nhân khẩu) an account speaks for: its active citizen roles."""
    if not actor.is_authenticated:
        return []
    return list(
        RoleAssignment.objects.filter(
            user_id=actor.pk, role=Role.CITIZEN, revoked_at__isnull=True, resident__isnull=False
        ).values_list("resident_id", flat=True)
    )


def voter_households(actor: User, decision: Decision) -> list[Household]:
    """The households of the register `actor` may vote for: as its representative or authorised member."""
    resident_ids = actor_residents(actor)
    if not resident_ids:
        return []
    register = RegisterEntry.objects.filter(decision=decision).values("household_id")
    represented = Household.objects.filter(pk__in=register, representative_id__in=resident_ids)
    authorised = Authorisation.objects.filter(decision=decision, resident_id__in=resident_ids).values(
        "household_id"
    )
    return list((represented | Household.objects.filter(pk__in=authorised, id__in=register)).distinct())


def ballot_for(actor: User, decision_id: int) -> tuple[Decision, list[Household]]:
    """What a household needs to vote (the API's ballot): the announced decision, through the public door,
    and the households of its frozen register `actor` votes for; refused to anyone voting for none."""
    decision = open_decision(decision_id)
    households = voter_households(actor, decision)
    if not households:
        raise PermissionDeniedError(
            _(
                "Bạn không phải người đại diện hoặc người được ủy quyền "
                "của hộ nào trong danh sách biểu quyết này."
            )
        )
    return decision, households


@dataclass
class MeetingStatus:
    """Where a meeting stands: households present against quorum and against the pass threshold."""

    denominator: int
    present: int
    quorum: Threshold
    quorum_needed: int
    threshold: Threshold
    threshold_needed: int

    @property
    def quorate(self) -> bool:
        return self.present >= self.quorum_needed

    @property
    def reachable(self) -> bool:
        """Whether the households present could pass the matter at all (NĐ 59 Art. 4(1)(b))."""
        return self.present >= self.threshold_needed


def denominator_of(decision: Decision) -> int:
    if decision.denominator is not None:
        return decision.denominator
    return scope_households(decision).count()


def meeting_status(decision: Decision) -> MeetingStatus:
    matter = matter_of(decision)
    denominator = denominator_of(decision)
    on = decision.opened_at.date() if decision.opened_at else None
    q = quorum(matter, decision.unit, on)
    t = pass_threshold(matter, decision.unit, on)
    return MeetingStatus(
        denominator=denominator,
        present=Attendance.objects.filter(decision=decision).count(),
        quorum=q,
        quorum_needed=q.needed(denominator),
        threshold=t,
        threshold_needed=t.needed(denominator),
    )


@dataclass
class OptionResult:
    id: int
    label: str
    amount: int | None
    count: int
    passes: bool = False


@dataclass
class QuestionResult:
    id: int
    text: str
    kind: str
    seats: int
    options: list[OptionResult]
    passed: bool = False


@dataclass
class DecisionResult:
    """The result of a decision (for pages, the API and apps above: conventions)."""

    decision_id: int
    state: str
    denominator: int
    participated: int
    by_channel: dict[str, int]
    threshold: Threshold
    needed: int
    questions: list[QuestionResult] = field(default_factory=list)
    passed: bool | None = None
    recognised: bool = False
    recognised_on: object = None
    digest: str = ""
    # A secret vote's per-option counts until it is tallied: polling them after each ballot would tell
    # what the household that just voted chose. Turnout stays visible.
    counts_hidden: bool = False

    @property
    def turnout_percent(self) -> int:
        return round(100 * self.participated / self.denominator) if self.denominator else 0

    @property
    def approving(self) -> int:
        """Households in favour of the first question's approving or leading option."""
        if not self.questions or not self.questions[0].options:
            return 0
        first = self.questions[0]
        approving = [o for o in first.options if o.passes] or sorted(first.options, key=lambda o: -o.count)
        return approving[0].count


def option_counts(decision: Decision) -> dict[int, int]:
    """Votes per option: the ballots (one query, GROUP BY) plus the meeting's show of hands."""
    counts: dict[int, int] = defaultdict(int)
    # COUNT(*) over the (decision, option) index: the database need not read the rows themselves
    rows = Choice.objects.filter(decision=decision).values("option_id").annotate(n=Count("*"))
    for row in rows:
        counts[row["option_id"]] += row["n"]
    if decision.form == "meeting":  # a show of hands is only ever recorded while the form is a meeting
        for option_id, n in MeetingCount.objects.filter(decision=decision).values_list("option_id", "count"):
            counts[option_id] += n
    return counts


def compute_result(decision: Decision) -> DecisionResult:
    """Counts over the frozen denominator and pass/fail by the rulebook threshold (a fixed number of
    queries whatever the number of households)."""
    matter = matter_of(decision)
    denominator = denominator_of(decision)
    on = decision.opened_at.date() if decision.opened_at else None
    t = pass_threshold(matter, decision.unit, on)
    needed = t.needed(denominator)
    by_channel = dict(
        Participation.objects.filter(decision=decision)
        .values_list("channel")
        .annotate(n=Count("*"))
        .values_list("channel", "n")
    )
    hidden = decision.secret and decision.tallied_at is None
    counts = {} if hidden else option_counts(decision)
    result = DecisionResult(
        decision_id=decision.pk,
        state=decision.state,
        denominator=denominator,
        participated=sum(by_channel.values()),
        by_channel=by_channel,
        threshold=t,
        needed=needed,
        recognised=decision.recognised_on is not None,
        recognised_on=decision.recognised_on,
        digest=decision.digest,
        counts_hidden=hidden,
    )
    options: dict[int, list[Option]] = defaultdict(list)
    questions: dict[int, Question] = {}
    # One query for questions and options (every question has options).
    found = Option.objects.filter(question__decision=decision).select_related("question")
    for option in found.order_by("question__order", "order"):
        options[option.question_id].append(option)
        questions.setdefault(option.question_id, option.question)
    for question in questions.values():
        rows = [OptionResult(o.pk, o.label, o.amount, counts.get(o.pk, 0)) for o in options[question.pk]]
        if not hidden:
            _judge(question, options[question.pk], rows, needed)
        result.questions.append(
            QuestionResult(question.pk, question.text, question.kind, question.seats, rows, _passed(rows))
        )
    if decision.tallied_at is not None:
        result.passed = all(q.passed for q in result.questions)
    return result


def _judge(question: Question, options: list[Option], rows: list[OptionResult], needed: int) -> None:
    """Mark the options that carry: the approving option, or the leading ones, if they reach `needed`."""
    if question.kind == "approve":
        for option, row in zip(options, rows, strict=True):
            row.passes = option.approves and row.count >= needed
        return
    ranked = sorted(rows, key=lambda r: -r.count)
    seats = question.seats if question.kind == "candidates" else 1
    for row in ranked[:seats]:
        tie = sum(1 for r in rows if r.count == row.count) > 1 and question.kind != "candidates"
        row.passes = row.count >= needed and not tie


def _passed(rows: list[OptionResult]) -> bool:
    return any(r.passes for r in rows)


def receipts_of(decision: Decision) -> list[str]:
    return sorted(Receipt.objects.filter(decision=decision).values_list("code", flat=True))


def household_participation(decision: Decision, household_id: int) -> Participation | None:
    return Participation.objects.filter(decision=decision, household_id=household_id).first()


def ensure_household_in_register(decision: Decision, household_id: int) -> None:
    if not in_register(decision, household_id):
        raise DomainError(
            _(
                "Hộ này không có trong danh sách hộ của việc biểu quyết (ngoài phạm vi hoặc thêm sau khi bắt "
                "đầu lấy ý kiến)."
            ),
            field="household",
        )


def published_in(commune: Unit) -> QuerySet[Decision]:
    """The published results of a commune and its villages, newest first (the portal's section)."""
    path = commune.path
    return (
        Decision.objects.filter(state__in=PUBLIC_STATES, unit__path__startswith=path)
        .select_related("unit")
        .order_by("-published_at", "-id")
    )


@dataclass
class MyBallot:
    decision: Decision
    household: Household
    channel: str | None


def my_ballots(actor: User) -> list[MyBallot]:
    """Every announced decision whose register holds a household the actor votes for (3 queries)."""
    resident_ids = actor_residents(actor)
    if not resident_ids:
        return []
    households = {
        h.pk: h
        for h in Household.objects.filter(representative_id__in=resident_ids)
        | Household.objects.filter(
            pk__in=Authorisation.objects.filter(resident_id__in=resident_ids).values("household_id")
        )
    }
    entries = (
        RegisterEntry.objects.filter(household_id__in=list(households))
        .select_related("decision", "decision__unit")
        .order_by("-decision_id")[:200]
    )
    taken = {
        (p.decision_id, p.household_id): p.channel
        for p in Participation.objects.filter(household_id__in=list(households)).only(
            "decision_id", "household_id", "channel"
        )
    }
    return [
        MyBallot(e.decision, households[e.household_id], taken.get((e.decision_id, e.household_id)))
        for e in entries
    ]


def decisions_of_source(source: str, source_ids: list[int]) -> dict[int, list[Decision]]:
    """The decisions another app put to the vote for its records (`source` "<app>.<model>"), newest first."""
    found: dict[int, list[Decision]] = {}
    rows = Decision.objects.filter(source=source, source_id__in=source_ids).select_related("unit")
    for decision in rows.order_by("-id"):
        assert decision.source_id is not None
        found.setdefault(decision.source_id, []).append(decision)
    return found


def tasks_of(decision: Decision) -> list[Task]:
    """The implementation tasks opened for the decision (plans' tasks, one query)."""
    return tasks_of_source("decisions.decision", [decision.pk])


def public_initiative(initiative_id: int | str) -> Initiative:
    """An initiative the households of its village read and support (every initiative is public)."""
    return access_public(Initiative.objects.select_related("unit"), initiative_id, label="sáng kiến")


def unit_initiatives(unit: Unit) -> QuerySet[Initiative]:
    return Initiative.objects.filter(unit__path__startswith=unit.path).select_related("unit").order_by("-id")
