"""Corrections to the national catalogue of what must be disclosed (its unverified lines only)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.accounts.models import User
from danchu.core import audit
from danchu.core.errors import DomainError
from danchu.core.text import clean_text

from .. import selectors
from ..limits import POSTING_DAYS_MAX
from ..models import DisclosureItem, Recurrence
from ..permissions import DisclosurePerm
from ._rules import channels as valid_channels

ITEM_FIELDS = ("title", "recurrence", "channels", "mandatory", "broadcast", "posting_days", "note")


@transaction.atomic
def update_item(
    *,
    actor: User,
    item: DisclosureItem,
    title: str,
    recurrence: str,
    channels: Sequence[str],
    mandatory: bool,
    broadcast: bool,
    posting_days: int | None,
    note: str,
) -> DisclosureItem:
    """Correct an unverified line of the catalogue; a line checked against the law's text stays as it is."""
    item = selectors.access_item(
        actor=actor, item_id=item.pk, perm=DisclosurePerm.MANAGE_CATALOGUE, for_write=True
    )
    if item.verified:
        raise DomainError(
            _("Nội dung %(code)s đã được đối chiếu với văn bản luật nên không sửa được.")
            % {"code": item.code}
        )
    if recurrence not in Recurrence.values:
        raise DomainError(_("Định kỳ không hợp lệ."), field="recurrence")
    if posting_days is not None and not 1 <= posting_days <= POSTING_DAYS_MAX:
        raise DomainError(
            _("Số ngày niêm yết phải từ 1 đến %(posting_days_max)s.")
            % {"posting_days_max": POSTING_DAYS_MAX},
            field="posting_days",
        )
    title = clean_text(title, field="title", label=gettext_noop("Nội dung"), max_length=1000)
    chosen = valid_channels(channels, [])
    note = clean_text(note, field="note", label=gettext_noop("Ghi chú"), max_length=2000, required=False)
    with audit.audited(actor=actor, action="disclosures.item.update", obj=item, fields=ITEM_FIELDS):
        item.title, item.recurrence, item.channels, item.note = title, recurrence, chosen, note
        item.mandatory, item.broadcast, item.posting_days = mandatory, broadcast, posting_days
        item.save()
    return item
