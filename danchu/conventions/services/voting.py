"""Adoption through the `decisions` app: the vote on a posted draft is a Decision of matter "convention"
(hương ước, Art. 15 item 3), so its meeting, attendance per household, the ballot after a failed quorum,
the frozen register and the tally are the decisions app's (docs/decisions.md, "For other apps"). This
module opens that decision for a version and, once it is tallied, records its result on the version.

The counts entered from minutes (`adoption.record_meeting`, `record_ballot`) remain for a meeting held
without the system; a version with a decision takes its result from the decision only.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.accounts.models import User
from danchu.core import audit
from danchu.core.bounds import bounded_date
from danchu.core.errors import DomainError
from danchu.decisions import selectors as decision_selectors
from danchu.decisions import services as decisions
from danchu.decisions.models import Decision, Option, State
from danchu.decisions.permissions import DecisionPerm

from .. import selectors
from ..models import AdoptionForm, ConventionVersion, EventKind, VersionState
from ..permissions import ConventionPerm
from ._common import VERSION_FIELDS, event, require_state
from .adoption import Outcome, _settle

SOURCE = "conventions.version"
MATTER = "convention"
# The decision states in which a vote is still going, or over without a result to take (a re-run).
GOING = (State.DRAFT, State.ANNOUNCED, State.OPEN, State.CLOSED)


def decision_of(version: ConventionVersion) -> Decision | None:
    if version.decision_id is None:
        return None
    return Decision.objects.filter(pk=version.decision_id).first()


@transaction.atomic
def organise_vote(
    *, actor: User, version: ConventionVersion, meeting_at: dt.datetime, meeting_place: str
) -> Decision:
    """Tổ chức biểu quyết thông qua: a community meeting after the posting period, as a Decision."""
    version = selectors.access_version(
        actor=actor, version_id=version.pk, perm=ConventionPerm.DRAFT, for_write=True
    )
    require_state(version, VersionState.POSTED, doing=gettext_noop("tổ chức biểu quyết"))
    day = bounded_date(
        timezone.localtime(meeting_at).date(), field="meeting_at", label=gettext_noop("Ngày họp")
    )
    assert version.opinions_until is not None
    if day <= version.opinions_until:
        raise DomainError(
            _(
                "Chưa hết thời gian niêm yết lấy ý kiến dự thảo (đến hết ngày %(opinions_until)s): "
                "cuộc họp thông qua phải sau ngày đó."
            )
            % {"opinions_until": version.opinions_until.strftime("%d/%m/%Y")},
            field="meeting_at",
        )
    current = decision_of(version)
    if current is not None and current.state not in (State.RERUN, State.FAILED):
        raise DomainError(_("Bản này đã có cuộc biểu quyết đang tổ chức."))
    convention = version.convention
    decision = decisions.create_decision(
        actor=actor,
        unit=convention.unit,
        matter_code=MATTER,
        title=f"Thông qua {convention.title}"[:300],
        description=version.summary,
        questions=[decisions.QuestionSpec(f"Tán thành thông qua {convention.title}"[:500])],
        form="meeting",
        meeting_at=meeting_at,
        meeting_place=meeting_place,
        source=SOURCE,
        source_id=version.pk,
    )
    with audit.audited(
        actor=actor,
        action="conventions.version.vote",
        obj=version,
        fields=VERSION_FIELDS,
        scope_unit_id=convention.unit_id,
    ):
        version.decision_id = decision.pk
        version.save(update_fields=["decision_id", "updated_at"])
    return decision


def _approving(decision: Decision, counts: dict[int, int]) -> int:
    option = (
        Option.objects.filter(question__decision=decision, approves=True).order_by("question__order").first()
    )
    return counts.get(option.pk, 0) if option else 0


@transaction.atomic
def adopt_from_decision(*, actor: User, version: ConventionVersion) -> Outcome:
    """Ghi nhận kết quả thông qua from the tallied decision: its frozen register, households that took
    part, households approving, and the pass or fail the decisions app computed by the same rule."""
    version = selectors.access_version(
        actor=actor, version_id=version.pk, perm=ConventionPerm.DRAFT, for_write=True
    )
    require_state(version, VersionState.POSTED, doing=gettext_noop("ghi nhận kết quả biểu quyết"))
    if version.decision_id is None:
        raise DomainError(_("Bản này chưa tổ chức biểu quyết trên hệ thống."))
    decision = decision_selectors.access_decision(
        actor=actor, decision_id=version.decision_id, perm=DecisionPerm.VIEW
    )
    if decision.source != SOURCE or decision.source_id != version.pk:
        raise DomainError(_("Cuộc biểu quyết không thuộc bản hương ước này."))
    if decision.state in GOING or decision.passed is None or decision.closed_at is None:
        raise DomainError(_("Cuộc biểu quyết chưa kiểm phiếu xong."))
    on = timezone.localtime(decision.closed_at).date()
    assert version.opinions_until is not None
    if on <= version.opinions_until:
        raise DomainError(_("Cuộc biểu quyết kết thúc trước khi hết thời gian niêm yết: không được tính."))
    result = decision_selectors.compute_result(decision)
    counts = {o.id: o.count for q in result.questions for o in q.options}
    approving = _approving(decision, counts)
    form = AdoptionForm.BALLOT if decision.form == "ballot" else AdoptionForm.MEETING
    with audit.audited(
        actor=actor,
        action="conventions.version.adopt_from_decision",
        obj=version,
        fields=VERSION_FIELDS,
        scope_unit_id=version.convention.unit_id,
    ) as change:
        if form == AdoptionForm.BALLOT and decision.meeting_at:
            version.failed_meeting_on = timezone.localtime(decision.meeting_at).date()
        version.households_present = result.participated
        adopted = _settle(version, form=form, on=on, total=result.denominator, approving=approving)
        if adopted != bool(decision.passed):  # both apps read the same rule; a mismatch is a defect
            raise DomainError(
                _("Kết quả không khớp với quy định thông qua hương ước; hãy báo quản trị hệ thống.")
            )
        version.save()
        change.note(decision=decision.pk, digest=decision.digest)
    event(
        actor=actor,
        convention=version.convention,
        version=version,
        kind=EventKind.ADOPTED if adopted else EventKind.NOT_ADOPTED,
        on=on,
        reason=f"{result.participated}/{result.denominator} hộ tham gia, {approving} hộ tán thành",
    )
    return Outcome(version, True, adopted, result.denominator, result.needed, 0)
