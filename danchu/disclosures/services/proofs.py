"""Proof of posting (minh chứng công khai), given by someone of the unit itself."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.accounts.models import User
from danchu.core import audit
from danchu.core.errors import DomainError
from danchu.core.files import check_upload
from danchu.core.text import clean_text

from .. import selectors
from ..models import PUBLIC_STATES, SELF_PROVEN, Channel, ChannelProof, Disclosure
from ..permissions import DisclosurePerm
from ._rules import d


@transaction.atomic
def record_proof(
    *,
    actor: User,
    disclosure: Disclosure,
    channel: str,
    day: dt.date,
    place: str,
    note: str = "",
    file_name: str = "",
    file_data: bytes = b"",
    today: dt.date | None = None,
) -> ChannelProof:
    """Ghi minh chứng công khai (or one day of the loudspeaker log). The disclosure is locked, so one day of
    the log is written once however many submit it together."""
    disclosure = selectors.access_disclosure(
        actor=actor, disclosure_id=disclosure.pk, perm=DisclosurePerm.RECORD_PROOF, for_write=True
    )
    today = today or timezone.localdate()
    if disclosure.state not in PUBLIC_STATES:
        raise DomainError(_("Chỉ ghi minh chứng cho thông tin đã phát hành."))
    if channel not in Channel.values:
        raise DomainError(_("Hình thức công khai không hợp lệ."), field="channel")
    label = Channel(channel).label
    if channel not in disclosure.channels:
        raise DomainError(
            _("Thông tin này không công khai qua hình thức “%(label)s”.") % {"label": label}, field="channel"
        )
    if channel in SELF_PROVEN:
        raise DomainError(
            _("“%(label)s”: hệ thống tự ghi nhận, không cần minh chứng.") % {"label": label}, field="channel"
        )
    last = min(disclosure.ends_on, today)
    if not disclosure.starts_on <= day <= last:
        raise DomainError(
            _("Ngày minh chứng phải trong thời gian công khai, từ %(d)s đến %(d2)s.")
            % {"d": d(disclosure.starts_on), "d2": d(last)},
            field="day",
        )
    if channel == Channel.LOUDSPEAKER and disclosure.proofs.filter(channel=channel, day=day).exists():
        raise DomainError(_("Nhật ký phát thanh ngày %(d)s đã được ghi.") % {"d": d(day)}, field="day")
    proof = ChannelProof(
        disclosure=disclosure,
        channel=channel,
        day=day,
        place=clean_text(place, field="place", label=gettext_noop("Nơi niêm yết"), max_length=200),
        note=clean_text(note, field="note", label=gettext_noop("Ghi chú"), max_length=2000, required=False),
        recorded_by=actor,
    )
    if file_data:
        proof.file_kind = check_upload(file_name, file_data, field="file", label=_("Ảnh, tệp minh chứng"))
        proof.file_name = clean_text(file_name, field="file", label=gettext_noop("Tên tệp"), max_length=200)
        proof.file.save(f"{secrets.token_hex(8)}.{proof.file_kind}", ContentFile(file_data), save=False)
    proof.save()
    audit.record(
        actor=actor,
        action="disclosures.proof.record",
        obj=disclosure,
        after={
            **audit.snapshot(proof, ("channel", "day", "place", "note", "file_name")),
            "proof": proof.pk,
            "sha256": hashlib.sha256(file_data).hexdigest() if file_data else None,
        },
        scope_unit_id=disclosure.unit_id,
    )
    return proof
