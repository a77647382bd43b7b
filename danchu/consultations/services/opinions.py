"""Receiving opinions: online from a citizen of the audience, and on paper (a meeting's minutes, a box
opened, a hotline log, ballots, an organisation's letter) entered by an official of the commune with the
record they came from. Moderation hides an opinion with its reason; nothing is ever deleted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danchu.accounts.models import RoleAssignment, User
from danchu.accounts.selectors import citizen_household_ids
from danchu.core import audit
from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.core.text import fold
from danchu.units.models import Household

from .. import selectors
from ..models import (
    Audience,
    AuthorKind,
    Channel,
    Consultation,
    Opinion,
    SourceKind,
    SourceRecord,
    State,
)
from ..permissions import ConsultationPerm
from . import _rules
from ._rules import OPINION_FIELDS, d


def _household(actor: User, consultation: Consultation) -> Household | None:
    """The citizen's household in the consultation's audience (agency staff: none needed)."""
    if consultation.audience == Audience.AGENCY:
        staff = RoleAssignment.objects.filter(
            user=actor, agency_id=consultation.agency_id or 0, revoked_at__isnull=True
        ).exists()
        if not staff:
            raise PermissionDeniedError(_("Đợt lấy ý kiến này dành cho cán bộ, công chức của cơ quan."))
        return None
    households = Household.objects.filter(
        pk__in=citizen_household_ids(actor), dissolved_on__isnull=True
    ).select_related("village")
    if consultation.audience == Audience.VILLAGES:
        households = households.filter(village__in=consultation.villages.all())
    else:
        households = households.filter(village__path__startswith=consultation.unit.path)
    household = households.first()
    if household is None:
        raise PermissionDeniedError(
            _(
                "Chỉ người dân thuộc hộ gia đình trong phạm vi lấy ý kiến mới gửi được ý kiến trực tuyến. "
                "Bạn có thể góp ý tại cuộc họp, qua hòm thư hoặc đường dây nóng."
            )
        )
    return household


@transaction.atomic
def give(
    *, actor: User, consultation: Consultation, text: str, section_id: int | str | None = None,
    today: dt.date | None = None,
) -> Opinion:  # fmt: skip
    """Góp ý trực tuyến: a signed-in citizen, on the whole draft or on one section, within the period."""
    if not actor.is_authenticated:
        raise PermissionDeniedError(_("Hãy đăng nhập để gửi ý kiến."))
    # Locked so that a closing cannot slip between the period check and the insert.
    consultation = (
        Consultation.objects.select_for_update(of=("self",))
        .select_related("unit")
        .get(pk=selectors.public_consultation(consultation.pk).pk)
    )
    _rules.accepting(consultation, today or timezone.localdate())
    section = selectors.section_of(consultation, section_id)
    if section_id not in (None, "") and section is None:
        raise DomainError(
            _("Phần dự thảo này không tồn tại (có thể đã được bỏ trong dự thảo mới)."), field="section"
        )
    household = _household(actor, consultation)
    text = _rules.opinion_text(text)
    if Opinion.objects.filter(consultation=consultation, user=actor, section=section, text=text).exists():
        raise DomainError(_("Bạn đã gửi ý kiến này rồi."), field="text")
    opinion = Opinion.objects.create(
        consultation=consultation,
        section=section,
        revision=selectors.latest_revision(consultation),
        channel=Channel.PORTAL,
        author_kind=AuthorKind.CITIZEN,
        author_name=actor.full_name or actor.get_username(),
        user=actor,
        household=household,
        text=text,
        text_key=fold(text),
        entered_by=actor,
    )
    _rules.draft_page_changed(consultation)
    audit.record(
        actor=actor,
        action="consultations.opinion.give",
        obj=opinion,
        after=audit.snapshot(opinion, OPINION_FIELDS),
        scope_unit_id=consultation.unit_id,
    )
    return opinion


@dataclass(frozen=True)
class Entry:
    """One opinion read from a paper record: who gave it (a name, or an organisation), on which section."""

    text: str
    section_id: int | str | None = None
    author_name: str = ""
    organisation: bool = False


@transaction.atomic
def record(
    *,
    actor: User,
    consultation: Consultation,
    kind: str,
    channel: str,
    held_on: dt.date,
    reference: str,
    entries: Sequence[Entry],
    note: str = "",
    today: dt.date | None = None,
) -> SourceRecord:
    """Nhập ý kiến từ hồ sơ: the record and all its opinions, or nothing (one bad line refuses the lot)."""
    consultation = selectors.access_consultation(
        actor=actor, consultation_id=consultation.pk, perm=ConsultationPerm.RECORD, for_write=True
    )
    today = today or timezone.localdate()
    if consultation.state != State.OPEN:
        raise DomainError(_("Chỉ nhập ý kiến cho đợt lấy ý kiến đang diễn ra (đã phát động, chưa kết thúc)."))
    if kind not in SourceKind.values:
        raise DomainError(_("Loại hồ sơ không hợp lệ."), field="kind")
    if channel not in Channel.values:
        raise DomainError(_("Hình thức lấy ý kiến không hợp lệ."), field="channel")
    last = consultation.ends_on + dt.timedelta(days=_rules.OFFLINE_GRACE_DAYS)
    if not consultation.starts_on <= held_on <= min(last, today):
        raise DomainError(
            _(
                "Ngày của hồ sơ phải trong thời gian lấy ý kiến (%(start)s – %(end)s, hoặc tối đa %(days)s "
                "ngày sau khi kết thúc với hòm thư mở muộn) và không sau hôm nay."
            )
            % {
                "start": d(consultation.starts_on),
                "end": d(consultation.ends_on),
                "days": _rules.OFFLINE_GRACE_DAYS,
            },
            field="held_on",
        )
    reference = _rules.text(reference, field="reference", label=_("Số, ký hiệu, nơi tổ chức"), max_length=200)
    note = _rules.text(note, field="note", label=_("Ghi chú"), required=False)
    if not entries:
        raise DomainError(_("Nhập ít nhất một ý kiến."), field="entries")
    revision = selectors.latest_revision(consultation)
    opinions: list[Opinion] = []
    for n, entry in enumerate(entries, start=1):
        section = selectors.section_of(consultation, entry.section_id)
        if entry.section_id not in (None, "") and section is None:
            raise DomainError(_("Ý kiến thứ %(n)s: phần dự thảo không tồn tại.") % {"n": n}, field="entries")
        try:
            text = _rules.opinion_text(entry.text, field="entries")
            author = _rules.text(
                entry.author_name,
                field="entries",
                label=_("Người góp ý"),
                max_length=200,
                required=entry.organisation,
            )
        except DomainError as exc:
            raise DomainError(
                _("Ý kiến thứ %(n)s: %(error)s") % {"n": n, "error": exc.message}, field="entries"
            ) from None
        opinions.append(
            Opinion(
                consultation=consultation, section=section, revision=revision, channel=channel,
                author_kind=AuthorKind.ORGANISATION if entry.organisation else AuthorKind.CITIZEN,
                author_name=author, text=text, text_key=fold(text), entered_by=actor,
            )
        )  # fmt: skip
    source = SourceRecord.objects.create(
        consultation=consultation, kind=kind, channel=channel, held_on=held_on, reference=reference,
        note=note, created_by=actor,
    )  # fmt: skip
    for opinion in opinions:
        opinion.source = source
    Opinion.objects.bulk_create(opinions)
    _rules.draft_page_changed(consultation)
    audit.record(
        actor=actor,
        action="consultations.source.record",
        obj=source,
        after={
            "kind": kind, "channel": channel, "held_on": held_on, "reference": reference,
            "opinions": len(opinions),
        },
        scope_unit_id=consultation.unit_id,
    )  # fmt: skip
    return source


@transaction.atomic
def hide(*, actor: User, opinion: Opinion, reason: str) -> Opinion:
    """Ẩn ý kiến (offensive, personal data, spam): kept on record with the reason, out of the public page
    and of the count to answer; never deleted."""
    opinion = selectors.access_opinion(
        actor=actor, opinion_id=opinion.pk, perm=ConsultationPerm.MANAGE, for_write=True
    )
    _rules.not_closed(opinion.consultation)
    if opinion.hidden:
        raise DomainError(_("Ý kiến này đã bị ẩn."))
    reason = _rules.text(reason, field="reason", label=_("Lý do ẩn"), max_length=300)
    with audit.audited(
        actor=actor,
        action="consultations.opinion.hide",
        obj=opinion,
        fields=OPINION_FIELDS,
        scope_unit_id=opinion.consultation.unit_id,
    ):
        opinion.hidden_at, opinion.hidden_reason, opinion.hidden_by = timezone.now(), reason, actor
        opinion.group = None
        opinion.save(update_fields=["hidden_at", "hidden_reason", "hidden_by", "group", "updated_at"])
    _rules.draft_page_changed(opinion.consultation)
    return opinion
