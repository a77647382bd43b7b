"""Elections of the village head and of board members (bầu cử, NĐ 59 Arts. 6–8), held as a decision:
candidates are the options of one secret "candidates" question; the four preparatory steps are dated and
checked against the rulebook's deadlines before voting opens; on the commune's recognition the winner
takes office (a `Mandate`; for the village head, the village head's role on the winner's account)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.accounts import services as accounts
from danchu.accounts.models import Role, RoleAssignment, User
from danchu.core import audit, rulebook
from danchu.core.bounds import bounded_date
from danchu.core.errors import DomainError
from danchu.units.models import Resident, Unit

from .. import selectors
from ..models import Candidate, Decision, Election, Mandate, Office, Option, QuestionKind, State
from ..permissions import DecisionPerm
from ._common import require_state
from .decisions import OptionSpec, QuestionSpec, create_decision

# Each step of the timeline: the rulebook key of "at least N days before the election day", and its words.
MILESTONES: dict[str, tuple[str, str]] = {
    "plan_issued_on": ("village_head.plan_days_before", gettext_noop("Kế hoạch, quyết định tổ chức bầu cử")),
    "team_set_on": ("village_head.election_team_days_before", gettext_noop("Quyết định thành lập tổ bầu cử")),
    "notice_posted_on": ("village_head.notice_min_days", gettext_noop("Thông báo công khai ngày bầu cử")),
    "candidates_sent_on": (
        "village_head.candidate_list_days_before",
        gettext_noop("Danh sách người ứng cử gửi UBND xã"),
    ),
}
MATTER_OF_OFFICE = {
    Office.VILLAGE_HEAD: "village_head",
    Office.INSPECTION: "boards",
    Office.INVESTMENT: "boards",
}


@dataclass(frozen=True)
class Step:
    field: str
    label: str
    due_on: dt.date
    done_on: dt.date | None
    citation: str

    @property
    def on_time(self) -> bool:
        return self.done_on is not None and self.done_on <= self.due_on


def timeline(election: Election) -> list[Step]:
    """The four steps with their deadlines from the rulebook (for the election's unit)."""
    unit = election.decision.unit
    steps = []
    for field, (key, label) in MILESTONES.items():
        rule = rulebook.rule(key, unit=unit)
        due = election.election_day - dt.timedelta(days=int(rule.value))
        steps.append(Step(field, label, due, getattr(election, field), rule.citation))
    return steps


def ready_to_open(decision: Decision) -> None:
    """Refuse to open a village head election whose timeline was not kept (NĐ 59 Art. 7)."""
    election = Election.objects.filter(decision=decision).first()
    if election is None or election.office != Office.VILLAGE_HEAD:
        return
    late = [s for s in timeline(election) if not s.on_time]
    if late:
        raise DomainError(
            _("Chưa đủ các bước chuẩn bị đúng hạn: %(steps)s")
            % {
                "steps": "; ".join(
                    _("%(label)s (hạn %(due_on)s)")
                    % {"label": _(s.label), "due_on": s.due_on.strftime("%d/%m/%Y")}
                    for s in late
                )
            }
        )


@transaction.atomic
def create_election(
    *,
    actor: User,
    unit: Unit,
    office: str,
    election_day: dt.date,
    candidate_ids: Sequence[int],
    seats: int = 1,
    place: str = "",
) -> Election:
    """Tổ chức bầu cử: a secret vote at a community meeting of the village/TDP."""
    if office not in Office.values:
        raise DomainError(_("Chức danh bầu cử không hợp lệ."), field="office")
    if not unit.is_village:
        raise DomainError(_("Bầu cử tổ chức tại thôn, tổ dân phố."), field="unit")
    election_day = bounded_date(election_day, field="election_day", label=gettext_noop("Ngày bầu cử"))
    if election_day <= timezone.localdate():
        raise DomainError(_("Ngày bầu cử phải sau hôm nay."), field="election_day")
    residents = list(
        Resident.objects.filter(pk__in=set(candidate_ids), household__village=unit, left_on__isnull=True)
    )
    if not residents or len(residents) != len(set(candidate_ids)):
        raise DomainError(_("Người ứng cử phải là nhân khẩu của thôn, tổ dân phố."), field="candidates")
    if office == Office.VILLAGE_HEAD and seats != 1:
        raise DomainError(_("Mỗi thôn, tổ dân phố bầu một Trưởng thôn, Tổ trưởng."), field="seats")
    title = f"Bầu {Office(office).label} {unit.name}"
    decision = create_decision(
        actor=actor,
        unit=unit,
        matter_code=MATTER_OF_OFFICE[Office(office)],
        title=title,
        questions=[
            QuestionSpec(title, QuestionKind.CANDIDATES, [OptionSpec(r.full_name) for r in residents], seats)
        ],
        form="meeting",
        secret=True,
        meeting_at=timezone.make_aware(dt.datetime.combine(election_day, dt.time(8, 0))),
        meeting_place=place,
        source="decisions.election",
    )
    election = Election.objects.create(decision=decision, office=office, election_day=election_day)
    options = list(Option.objects.filter(question__decision=decision).order_by("order"))
    Candidate.objects.bulk_create(
        Candidate(election=election, option=o, resident=r) for o, r in zip(options, residents, strict=True)
    )
    audit.record(
        actor=actor,
        action="decisions.election.create",
        obj=election,
        after={"office": office, "election_day": election_day, "candidates": [r.pk for r in residents]},
        scope_unit_id=unit.pk,
    )
    return election


@transaction.atomic
def record_step(*, actor: User, decision_id: int, field: str, on: dt.date) -> Election:
    """Ghi một bước chuẩn bị: the day it was done, no later than its deadline and not in the future."""
    decision = selectors.access_decision(
        actor=actor, decision_id=decision_id, perm=DecisionPerm.MANAGE, for_write=True
    )
    require_state(decision, State.DRAFT, State.ANNOUNCED)
    election = Election.objects.filter(decision=decision).first()
    if election is None or field not in MILESTONES:
        raise DomainError(_("Bước chuẩn bị không hợp lệ."), field="field")
    on = bounded_date(on, field="on", label=gettext_noop("Ngày thực hiện"))
    step = next(s for s in timeline(election) if s.field == field)
    if on > timezone.localdate():
        raise DomainError(_("Ngày thực hiện không được sau hôm nay."), field="on")
    if on > step.due_on:
        raise DomainError(
            _("%(label)s phải xong chậm nhất ngày %(due_on)s.")
            % {"label": _(step.label), "due_on": step.due_on.strftime("%d/%m/%Y")},
            field="on",
        )
    with audit.audited(
        actor=actor,
        action="decisions.election.step",
        obj=election,
        fields=list(MILESTONES),
        scope_unit_id=decision.unit_id,
    ):
        setattr(election, field, on)
        election.save(update_fields=[field])
    return election


def take_office(*, actor: User, decision: Decision, on: dt.date) -> list[Mandate]:
    """On recognition: each elected candidate holds the office from `on`; the village head's role moves
    to the winner's account (if the winner has one) and leaves the previous head's."""
    election = Election.objects.filter(decision=decision).select_related("decision__unit").first()
    if election is None:
        return []
    result = selectors.compute_result(decision)
    winners = {o.id for q in result.questions for o in q.options if o.passes}
    mandates = []
    for candidate in election.candidates.filter(option_id__in=winners).select_related("resident"):
        mandate = Mandate.objects.create(
            election=election,
            office=election.office,
            unit=decision.unit,
            resident=candidate.resident,
            starts_on=on,
            granted_by=actor,
        )
        audit.record(
            actor=actor,
            action="decisions.mandate.create",
            obj=mandate,
            after={"office": election.office, "resident": candidate.resident_id, "starts_on": on},
            scope_unit_id=decision.unit_id,
        )
        mandates.append(mandate)
        if election.office == Office.VILLAGE_HEAD:
            _move_head_role(actor, decision.unit, candidate.resident)
    return mandates


def _move_head_role(actor: User, village: Unit, winner: Resident) -> None:
    account = (
        RoleAssignment.objects.filter(role=Role.CITIZEN, resident=winner, revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    for previous in RoleAssignment.objects.filter(
        role=Role.VILLAGE_HEAD, unit=village, revoked_at__isnull=True
    ):
        if account is None or previous.user_id != account.user_id:
            accounts.revoke_role(actor=actor, assignment=previous, reason="Trưởng thôn mới được công nhận")
    if (
        account is not None
        and not RoleAssignment.objects.filter(
            role=Role.VILLAGE_HEAD, unit=village, user=account.user, revoked_at__isnull=True
        ).exists()
    ):
        accounts.grant_role(actor=actor, user=account.user, role=Role.VILLAGE_HEAD, unit=village)
