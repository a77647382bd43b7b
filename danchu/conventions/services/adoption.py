"""Adoption of a posted draft by the households (thông qua, NĐ 61 Art. 10).

It passes when more than half (`convention.pass_share`) of ALL households of the village approve, counted
over the households of the village on the day (frozen on the version, so later moves change nothing):
- at a community meeting attended by more than half of the households (`convention.meeting_quorum_share`);
- or by a household ballot, allowed only after a meeting failed that quorum.

The village head enters the counts from the meeting's minutes or the ballot tally (biên bản); a meeting
that failed its quorum is recorded too, since it is what opens the ballot.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.accounts.models import User
from danchu.core import audit, rulebook
from danchu.core.calendar import add_working_days
from danchu.core.errors import DomainError

from .. import selectors
from ..models import AdoptionForm, ConventionVersion, EventKind, VersionState
from ..permissions import ConventionPerm
from ._common import VERSION_FIELDS, day, event, require_state

MAX_COUNT = 1_000_000


@dataclass(frozen=True)
class Outcome:
    """What the counts mean, with the rule's numbers, for the page and the API."""

    version: ConventionVersion
    quorum_met: bool
    adopted: bool
    total: int
    needed: int  # households whose approval adoption needs (more than the share of all)
    quorum_needed: int  # households that must attend the meeting


def more_than(share: Fraction, total: int) -> int:
    """The smallest whole number of households strictly above `share` of `total`."""
    return int(share * total) + 1


def _count(value: int, *, field: str, label: str) -> int:
    if not 0 <= value <= MAX_COUNT:
        raise DomainError(
            _("%(label)s phải là số từ 0 đến %(max)s.")
            % {"label": _(label), "max": number_format(MAX_COUNT, force_grouping=True)},
            field=field,
        )
    return value


def _posted_long_enough(version: ConventionVersion, on: dt.date) -> None:
    assert version.opinions_until is not None
    if on <= version.opinions_until:
        raise DomainError(
            _(
                "Chưa hết thời gian niêm yết lấy ý kiến dự thảo (đến hết ngày %(opinions_until)s): "
                "chưa thể biểu quyết thông qua."
            )
            % {"opinions_until": version.opinions_until.strftime("%d/%m/%Y")},
            field="on",
        )


def _not_on_the_system(version: ConventionVersion) -> None:
    if version.decision_id is not None:
        raise DomainError(
            _("Bản này biểu quyết trên hệ thống: kết quả được lấy từ cuộc biểu quyết, không nhập tay."),
            field="form",
        )


def _total(version: ConventionVersion, on: dt.date) -> int:
    total = selectors.households_on(version.convention.unit, on).count()
    if total == 0:
        raise DomainError(_("Sổ hộ gia đình của thôn, tổ dân phố chưa có hộ nào vào ngày này."), field="on")
    return total


def _settle(version: ConventionVersion, *, form: str, on: dt.date, total: int, approving: int) -> bool:
    unit = version.convention.unit
    adopted = approving >= more_than(rulebook.share("convention.pass_share", unit=unit, on=on), total)
    version.adoption_form, version.adopted_on = form, on
    version.households_total, version.households_approving = total, approving
    if adopted:
        version.state = VersionState.ADOPTED
        days = rulebook.number("convention.file_to_commune_working_days", unit=unit, on=on)
        version.file_due_on = add_working_days(on, days)
    else:
        version.state = VersionState.NOT_ADOPTED
    return adopted


@transaction.atomic
def record_meeting(
    *, actor: User, version: ConventionVersion, on: dt.date | None, present: int, approving: int
) -> Outcome:
    """Kết quả cuộc họp cộng đồng dân cư: households represented and households approving."""
    version = selectors.access_version(
        actor=actor, version_id=version.pk, perm=ConventionPerm.DRAFT, for_write=True
    )
    require_state(version, VersionState.POSTED, doing=gettext_noop("ghi nhận kết quả họp"))
    _not_on_the_system(version)
    on = day(on, field="on", label=gettext_noop("Ngày họp"))
    _posted_long_enough(version, on)
    present = _count(present, field="present", label=gettext_noop("Số hộ dự họp"))
    approving = _count(approving, field="approving", label=gettext_noop("Số hộ tán thành"))
    total = _total(version, on)
    if present > total:
        raise DomainError(
            _("Số hộ dự họp (%(present)s) lớn hơn tổng số hộ của thôn, tổ dân phố (%(total)s).")
            % {"present": present, "total": total},
            field="present",
        )
    if approving > present:
        raise DomainError(
            _("Số hộ tán thành (%(approving)s) lớn hơn số hộ dự họp (%(present)s).")
            % {"approving": approving, "present": present},
            field="approving",
        )
    unit = version.convention.unit
    quorum = more_than(rulebook.share("convention.meeting_quorum_share", unit=unit, on=on), total)
    needed = more_than(rulebook.share("convention.pass_share", unit=unit, on=on), total)
    with audit.audited(
        actor=actor,
        action="conventions.version.meeting",
        obj=version,
        fields=VERSION_FIELDS,
        scope_unit_id=unit.pk,
    ) as change:
        if present < quorum:  # the meeting could not decide: it opens the household ballot
            version.failed_meeting_on, version.failed_meeting_present = on, present
            version.households_total = total
            adopted = False
        else:
            version.households_present = present
            adopted = _settle(version, form=AdoptionForm.MEETING, on=on, total=total, approving=approving)
        version.save()
        change.note(quorum=quorum, needed=needed)
    kind = (
        EventKind.QUORUM_FAILED
        if present < quorum
        else (EventKind.ADOPTED if adopted else EventKind.NOT_ADOPTED)
    )
    reason = f"{present}/{total} hộ dự họp" + ("" if present < quorum else f", {approving} hộ tán thành")
    event(actor=actor, convention=version.convention, version=version, kind=kind, on=on, reason=reason)
    return Outcome(version, present >= quorum, adopted, total, needed, quorum)


@transaction.atomic
def record_ballot(
    *, actor: User, version: ConventionVersion, on: dt.date | None, returned: int, approving: int
) -> Outcome:
    """Kết quả lấy ý kiến bằng phiếu hộ gia đình, after a meeting that failed its quorum. The households
    counted are those of the village on the day of that meeting, when the ballots went out."""
    version = selectors.access_version(
        actor=actor, version_id=version.pk, perm=ConventionPerm.DRAFT, for_write=True
    )
    require_state(version, VersionState.POSTED, doing=gettext_noop("ghi nhận kết quả lấy phiếu"))
    _not_on_the_system(version)
    if version.failed_meeting_on is None:
        raise DomainError(
            _(
                "Chỉ được lấy ý kiến bằng phiếu sau khi cuộc họp cộng đồng dân cư không đủ số hộ tham dự "
                "(Nghị định 61/2023/NĐ-CP, Điều 10). Hãy ghi nhận cuộc họp trước."
            ),
            field="form",
        )
    on = day(on, field="on", label=gettext_noop("Ngày kết thúc lấy phiếu"))
    if on < version.failed_meeting_on:
        raise DomainError(
            _("Ngày kết thúc lấy phiếu phải từ ngày cuộc họp (%(failed_meeting_on)s) trở đi.")
            % {"failed_meeting_on": version.failed_meeting_on.strftime("%d/%m/%Y")},
            field="on",
        )
    _posted_long_enough(version, on)
    returned = _count(returned, field="returned", label=gettext_noop("Số phiếu thu về"))
    approving = _count(approving, field="approving", label=gettext_noop("Số phiếu tán thành"))
    total = _total(version, version.failed_meeting_on)
    if returned > total:
        raise DomainError(
            _("Số phiếu thu về (%(returned)s) lớn hơn tổng số hộ của thôn, tổ dân phố (%(total)s).")
            % {"returned": returned, "total": total},
            field="returned",
        )
    if approving > returned:
        raise DomainError(
            _("Số phiếu tán thành (%(approving)s) lớn hơn số phiếu thu về (%(returned)s).")
            % {"approving": approving, "returned": returned},
            field="approving",
        )
    unit = version.convention.unit
    needed = more_than(rulebook.share("convention.pass_share", unit=unit, on=on), total)
    with audit.audited(
        actor=actor,
        action="conventions.version.ballot",
        obj=version,
        fields=VERSION_FIELDS,
        scope_unit_id=unit.pk,
    ) as change:
        version.households_present = returned
        adopted = _settle(version, form=AdoptionForm.BALLOT, on=on, total=total, approving=approving)
        version.save()
        change.note(needed=needed)
    event(
        actor=actor,
        convention=version.convention,
        version=version,
        kind=EventKind.ADOPTED if adopted else EventKind.NOT_ADOPTED,
        on=on,
        reason=f"{returned}/{total} phiếu thu về, {approving} phiếu tán thành",
    )
    return Outcome(version, True, adopted, total, needed, 0)
