"""Đánh giá: only the petition's own sender rates its answer (by the account it was sent from, or by
holding its tracking code); "not satisfied" within the rulebook's days reopens it once, on a new clock."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.core import audit, calendar, rulebook
from danchu.core.actors import Actor
from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.core.text import clean_text

from .. import selectors
from ..models import Petition, Rating, Status
from . import notify
from .petitions import FIELDS, _update, resolve_days


def may_rate(*, actor: Actor | None, petition: Petition, code: str = "") -> bool:
    """Only the petition's own sender rates: by the account it sent from, or by holding its code."""
    if code and code.strip().upper() == petition.letter.tracking_code:
        return True
    return selectors.own_petition(actor=actor, petition=petition)


@transaction.atomic
def rate(
    *, actor: Actor | None, petition: Petition, rating: str, code: str = "", comment: str = ""
) -> Petition:
    """Đánh giá: "satisfied" closes the matter; "not satisfied" within the rulebook's days reopens it,
    once, on a new clock (counted as reopened)."""
    petition = selectors.access_public_petition(petition_id=petition.pk)
    petition = (
        type(petition)
        .objects.select_for_update(of=("self",))
        .select_related("letter", "category", "unit")
        .get(pk=petition.pk)
    )
    if not may_rate(actor=actor, petition=petition, code=code):
        raise PermissionDeniedError(_("Chỉ người gửi phản ánh mới được đánh giá."))
    if rating not in Rating.values:
        raise DomainError(_("Hãy chọn mức đánh giá."), field="rating")
    if petition.status != Status.RESOLVED:
        raise DomainError(_("Chỉ đánh giá phản ánh đã được trả lời."), field="rating")
    if petition.rating:
        raise DomainError(_("Phản ánh này đã được đánh giá."), field="rating")
    comment = clean_text(
        comment, field="comment", label=gettext_noop("Nhận xét"), max_length=2000, required=False
    )
    today = timezone.localdate()
    with audit.audited(
        actor=actor,
        action="petitions.petition.rate",
        obj=petition,
        fields=FIELDS,
        scope_unit_id=petition.unit_id,
    ) as change:
        petition.rating = rating
        petition.rated_at = timezone.now()
        fields = ["rating", "rated_at", "updated_at"]
        assert petition.closed_at is not None
        window = rulebook.number("petition.reopen_days", on=today, unit=petition.unit)
        answered_on = timezone.localtime(petition.closed_at).date()
        if (
            rating == Rating.NOT_SATISFIED
            and petition.reopened == 0
            and today <= answered_on + dt.timedelta(days=window)
        ):
            petition.status = Status.IN_PROGRESS
            petition.reopened = 1
            petition.rating = ""  # the second answer is rated afresh; the first rating is in the log
            petition.closed_at = None
            petition.late = False
            petition.due_on = calendar.add_working_days(today, resolve_days(petition.category, today))
            fields += [
                "status",
                "reopened",
                "closed_at",
                "late",
                "due_on",
            ]
            change.note(reopened=True)
            petition.save(update_fields=fields)
            _update(
                petition,
                Status.IN_PROGRESS,
                comment or "Người gửi chưa hài lòng; phản ánh được mở lại.",
                None,
                "REOPEN",
            )
            notify.reopened(petition)
        else:
            petition.save(update_fields=fields)
    return petition
