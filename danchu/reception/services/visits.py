"""The reception log (sổ tiếp công dân): a visit is written down, and answered within the Art. 28 time."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.accounts.models import User
from danchu.core import audit, calendar, rulebook
from danchu.core.errors import DomainError
from danchu.core.text import clean_text
from danchu.units import selectors as unit_selectors
from danchu.units.models import Tier, Unit

from .. import selectors
from ..models import FINAL_OUTCOMES, Outcome, Visit, VisitKind
from ..permissions import ReceptionPerm
from ._common import VISIT_FIELDS, d, day, not_after
from .letters import produce_letter

# Product choice: the largest group one row of the log records (a larger crowd is several groups).
MAX_PEOPLE = 10_000


def answer_due(unit: Unit, received_on: dt.date) -> dt.date:
    """The last day to answer the person received (Art. 28: N working days, holidays respected)."""
    days = rulebook.number("reception.feedback_working_days", unit=unit, on=received_on)
    return calendar.add_working_days(received_on, days)


def _representatives(unit: Unit, people: int, text: str, on: dt.date) -> str:
    names = [line.strip() for line in text.splitlines() if line.strip()]
    least = rulebook.number("reception.group_min_people", unit=unit, on=on)
    most = rulebook.number("reception.group_max_representatives", unit=unit, on=on)
    if people >= least and not names:
        raise DomainError(
            _("Đoàn từ %(n)s người trở lên phải cử người đại diện: ghi tên từng người, mỗi người một dòng.")
            % {"n": least},
            field="representatives",
        )
    if len(names) > most:
        raise DomainError(_("Đoàn cử tối đa %(n)s người đại diện.") % {"n": most}, field="representatives")
    if len(names) > people:
        raise DomainError(_("Số người đại diện nhiều hơn số người của đoàn."), field="representatives")
    return "\n".join(names)


@transaction.atomic
def log_visit(
    *,
    actor: User,
    unit: Unit,
    received_on: dt.date | None,
    host: str,
    visitor_name: str,
    visitor_address: str,
    subject: str,
    kind: str,
    by_chairman: bool = False,
    id_number: str = "",
    people_count: int = 1,
    representatives: str = "",
    documents: str = "",
    handled_before_by: str = "",
    note: str = "",
    letter: bool = False,
) -> Visit:
    """Ghi sổ tiếp công dân: one row; a complaint, denunciation or petition starts the answer clock.

    The unit's row is locked while the next number of the year is taken, so two desks writing at once
    get two numbers, never one twice. With `letter`, what was brought is also registered in the register of
    letters (sổ xử lý đơn) and linked to the visit."""
    unit = unit_selectors.access_unit(actor=actor, unit_id=unit.pk, perm=ReceptionPerm.MANAGE, for_write=True)
    if unit.tier != Tier.COMMUNE:
        raise DomainError(_("Sổ tiếp công dân được ghi ở cấp xã, phường."))
    today = timezone.localdate()
    received = day(received_on, field="received_on", label=_("Ngày tiếp"))
    assert received is not None
    not_after(received, today, field="received_on", label=_("Ngày tiếp"))
    if kind not in VisitKind.values:
        raise DomainError(_("Chọn phân loại vụ việc."), field="kind")
    if not 1 <= people_count <= MAX_PEOPLE:
        raise DomainError(_("Số người từ 1 đến %(n)s.") % {"n": MAX_PEOPLE}, field="people_count")
    id_number = clean_text(id_number, field=gettext_noop("Số CCCD/hộ chiếu"), max_length=20, required=False)
    if id_number and not id_number.isalnum():
        raise DomainError(_("Số CCCD/hộ chiếu chỉ gồm chữ và số."), field="id_number")
    number = (Visit.objects.filter(unit=unit, year=received.year).aggregate(n=Max("number"))["n"] or 0) + 1
    visit = Visit.objects.create(
        unit=unit,
        year=received.year,
        number=number,
        received_on=received,
        host=clean_text(host, field=gettext_noop("Người tiếp"), max_length=120),
        by_chairman=by_chairman,
        visitor_name=clean_text(visitor_name, field=gettext_noop("Họ tên"), max_length=200),
        visitor_address=clean_text(visitor_address, field=gettext_noop("Địa chỉ"), max_length=300),
        id_number=id_number,
        people_count=people_count,
        representatives=_representatives(
            unit,
            people_count,
            clean_text(
                representatives, field=gettext_noop("Người đại diện"), max_length=2000, required=False
            ),
            received,
        ),
        subject=clean_text(subject, field=gettext_noop("Nội dung vụ việc"), max_length=4000),
        kind=kind,
        documents=clean_text(
            documents, field=gettext_noop("Giấy tờ, tài liệu nhận"), max_length=2000, required=False
        ),
        handled_before_by=clean_text(
            handled_before_by, field=gettext_noop("Cơ quan đã giải quyết"), max_length=300, required=False
        ),
        note=clean_text(note, field=gettext_noop("Ghi chú"), max_length=2000, required=False),
        answer_due_on=answer_due(unit, received) if kind != VisitKind.OTHER else None,
        recorded_by=actor,
    )
    audit.record(
        actor=actor,
        action="reception.visit.create",
        obj=visit,
        after=audit.snapshot(visit, VISIT_FIELDS),
        scope_unit_id=unit.pk,
    )
    if letter:
        produce_letter(actor=actor, visit=visit)
    return visit


@transaction.atomic
def answer_visit(
    *,
    actor: User,
    visit: Visit,
    outcome: str,
    answer: str,
    answered_on: dt.date | None = None,
    transferred_to: str = "",
) -> Visit:
    """Trả lời người được tiếp (Art. 28): accepted, more time to verify, refused with guidance, or
    transferred. "More time" is an answer on time that a final one follows; the clock counts the first."""
    visit = selectors.access_visit(actor=actor, visit_id=visit.pk, perm=ReceptionPerm.MANAGE, for_write=True)
    if visit.answer_due_on is None:
        raise DomainError(_("Lượt tiếp này không có đơn, vụ việc phải trả lời."))
    if visit.outcome in FINAL_OUTCOMES:
        raise DomainError(_("Lượt tiếp này đã được trả lời: %(o)s.") % {"o": visit.get_outcome_display()})
    if outcome not in Outcome.values:
        raise DomainError(_("Chọn kết quả trả lời."), field="outcome")
    if outcome == Outcome.EXTENDED and visit.outcome == Outcome.EXTENDED:
        raise DomainError(
            _("Đã báo cần thêm thời gian xác minh; hãy trả lời kết quả thụ lý."), field="outcome"
        )
    today = timezone.localdate()
    on = day(answered_on or today, field="answered_on", label=_("Ngày trả lời"))
    assert on is not None
    not_after(on, today, field="answered_on", label=_("Ngày trả lời"))
    if on < visit.received_on:
        raise DomainError(
            _("Ngày trả lời phải từ ngày tiếp (%(d)s) trở đi.") % {"d": d(visit.received_on)},
            field="answered_on",
        )
    transferred_to = clean_text(
        transferred_to, field=gettext_noop("Chuyển đến"), max_length=300, required=False
    )
    if outcome == Outcome.TRANSFERRED and not transferred_to:
        raise DomainError(_("Ghi cơ quan có thẩm quyền đã chuyển đến."), field="transferred_to")
    answer = clean_text(answer, field=gettext_noop("Nội dung trả lời"), max_length=4000)
    with audit.audited(
        actor=actor,
        action="reception.visit.answer",
        obj=visit,
        fields=VISIT_FIELDS,
        scope_unit_id=visit.unit_id,
    ):
        visit.outcome = outcome
        visit.answered_on = visit.answered_on or on
        visit.answer = f"{visit.answer}\n{answer}".strip() if visit.answer else answer
        visit.transferred_to = transferred_to if outcome == Outcome.TRANSFERRED else visit.transferred_to
        visit.save()
    return visit
