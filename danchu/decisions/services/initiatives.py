"""Citizen initiatives (sáng kiến): proposing, supporting (online or recorded from paper), reaching the
rulebook's share of the village's households with supports still valid, and being put to a decision."""

from __future__ import annotations

import calendar
import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.accounts.models import Role, RoleAssignment, User
from danchu.accounts.notifications import Message, deliver
from danchu.core import audit, rulebook
from danchu.core.access import access
from danchu.core.bounds import bounded_date
from danchu.core.errors import DomainError
from danchu.core.policy import Perm
from danchu.core.text import clean_text
from danchu.units.models import Household, Unit

from .. import selectors
from ..matters import matter
from ..models import Decision, Initiative, InitiativeState, Support
from ..permissions import DecisionPerm
from ..thresholds import threshold
from .decisions import QuestionSpec, create_decision


def access_initiative(*, actor: User, initiative_id: int, perm: Perm, for_write: bool = False) -> Initiative:
    rows = Initiative.objects.select_related("unit")
    return access(rows, initiative_id, actor=actor, perm=perm, label="sáng kiến", for_write=for_write)


def valid_from(today: dt.date, unit: Unit) -> dt.date:
    """Supports given on or after this day still count (valid for the rulebook's months)."""
    months = rulebook.number("initiative.support_validity_months", unit=unit)
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return dt.date(year, month + 1, min(today.day, calendar.monthrange(year, month + 1)[1]))


def standing(initiative: Initiative, today: dt.date | None = None) -> tuple[int, int]:
    """(valid supports, supports needed) on `today`, over the village's active households."""
    today = today or timezone.localdate()
    active = Household.objects.filter(village=initiative.unit, dissolved_on__isnull=True)
    valid = Support.objects.filter(
        initiative=initiative, given_on__gte=valid_from(today, initiative.unit), household__in=active
    ).count()
    needed = threshold("initiative.support_share", initiative.unit).needed(active.count())
    return valid, needed


def _own_household(actor: User, household_id: int) -> Household:
    residents = selectors.actor_residents(actor)
    household = Household.objects.filter(pk=household_id, representative_id__in=residents).first()
    if household is None or household.dissolved_on is not None:
        raise DomainError(_("Chỉ người đại diện hộ mới thay mặt hộ."), field="household")
    return household


def _support(initiative: Initiative, household: Household, actor: User, on: dt.date, paper: bool) -> Support:
    if initiative.state != InitiativeState.COLLECTING:
        raise DomainError(_("Sáng kiến không còn nhận ủng hộ."))
    if household.village_id != initiative.unit_id:
        raise DomainError(_("Hộ không thuộc thôn, tổ dân phố của sáng kiến."), field="household")
    try:
        with transaction.atomic():
            support = Support.objects.create(
                initiative=initiative, household=household, given_on=on, paper=paper, recorded_by=actor
            )
    except IntegrityError:
        raise DomainError(_("Hộ này đã ủng hộ sáng kiến."), field="household") from None
    audit.record(
        actor=actor, action="decisions.support.create", obj=support,
        after={"initiative": initiative.pk, "household": household.pk, "given_on": on, "paper": paper},
        scope_unit_id=initiative.unit_id,
    )  # fmt: skip
    valid, needed = standing(initiative, timezone.localdate())
    if valid >= needed:
        initiative.state, initiative.reached_on = InitiativeState.REACHED, timezone.localdate()
        initiative.save(update_fields=["state", "reached_on", "updated_at"])
        heads = RoleAssignment.objects.filter(
            role=Role.VILLAGE_HEAD, unit=initiative.unit, revoked_at__isnull=True
        )
        deliver(
            Message(user_id=u, key=f"initiative:{initiative.pk}:reached",
                    title=f"Sáng kiến đủ ủng hộ: {initiative.title}"[:300],
                    body=f"{valid}/{needed} hộ ủng hộ: cần đưa ra bàn và quyết định.")
            for u in heads.values_list("user_id", flat=True)
        )  # fmt: skip
    return support


@transaction.atomic
def propose(
    *, actor: User, household_id: int, title: str, text: str, matter_code: str = "other"
) -> Initiative:
    """Đề xuất sáng kiến: by a household's representative; the proposer's household supports it."""
    household = _own_household(actor, household_id)
    matter(matter_code)
    assert household.representative_id is not None
    initiative = Initiative.objects.create(
        unit=household.village,
        proposer_id=household.representative_id,
        title=clean_text(title, field="title", label=gettext_noop("Tiêu đề"), max_length=300),
        text=clean_text(text, field="text", label=gettext_noop("Nội dung"), max_length=20_000),
        matter=matter_code,
        created_by=actor,
    )
    audit.record(
        actor=actor, action="decisions.initiative.create", obj=initiative,
        after={"title": initiative.title, "household": household.pk}, scope_unit_id=initiative.unit_id,
    )  # fmt: skip
    _support(initiative, household, actor, timezone.localdate(), paper=False)
    return initiative


@transaction.atomic
def support(*, actor: User, initiative_id: int, household_id: int) -> Support:
    """Ủng hộ trực tuyến, by the household's representative."""
    initiative = Initiative.objects.select_for_update().filter(pk=initiative_id).first()
    if initiative is None:
        raise DomainError(_("Không có sáng kiến này."))
    return _support(initiative, _own_household(actor, household_id), actor, timezone.localdate(), paper=False)


@transaction.atomic
def record_paper_support(*, actor: User, initiative_id: int, household_id: int, given_on: dt.date) -> Support:
    """Ghi ý kiến ủng hộ trên giấy (trưởng thôn): dated the day the household signed."""
    initiative = access_initiative(
        actor=actor, initiative_id=initiative_id, perm=DecisionPerm.RECORD, for_write=True
    )
    given_on = bounded_date(given_on, field="given_on", label=gettext_noop("Ngày ủng hộ"))
    today = timezone.localdate()
    if given_on > today or given_on < valid_from(today, initiative.unit):
        raise DomainError(
            _("Ngày ủng hộ phải trong thời hạn hiệu lực và không sau hôm nay."), field="given_on"
        )
    household = Household.objects.filter(pk=household_id, dissolved_on__isnull=True).first()
    if household is None:
        raise DomainError(_("Không có hộ này."), field="household")
    return _support(initiative, household, actor, given_on, paper=True)


@transaction.atomic
def put_to_decision(*, actor: User, initiative_id: int, form: str, closes_on: dt.date | None = None,
                    meeting_at: dt.datetime | None = None) -> Decision:  # fmt: skip
    """Đưa ra bàn và quyết định: the village head must once the supports reached the share."""
    initiative = access_initiative(
        actor=actor, initiative_id=initiative_id, perm=DecisionPerm.MANAGE, for_write=True
    )
    if initiative.state != InitiativeState.REACHED:
        raise DomainError(_("Sáng kiến chưa đủ số hộ ủng hộ hoặc đã được đưa ra bàn và quyết định."))
    decision = create_decision(
        actor=actor, unit=initiative.unit, matter_code=initiative.matter, title=initiative.title,
        description=initiative.text, questions=[QuestionSpec(f"Tán thành sáng kiến: {initiative.title}")],
        form=form, closes_on=closes_on, meeting_at=meeting_at,
        source="decisions.initiative", source_id=initiative.pk,
    )  # fmt: skip
    with audit.audited(actor=actor, action="decisions.initiative.decide", obj=initiative, fields=("state",),
                       scope_unit_id=initiative.unit_id):  # fmt: skip
        initiative.state, initiative.decision = InitiativeState.DECIDED, decision
        initiative.save(update_fields=["state", "decision", "updated_at"])
    return decision
