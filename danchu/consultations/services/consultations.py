"""Creating, launching, revising, closing a consultation and publishing its synthesis.

Each write after creation reads the consultation again through the door, locked, with the permission it
needs, and checks its state on that row: of twenty concurrent closings one succeeds, once audited."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from html import escape

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danchu.accounts.models import User
from danchu.core import audit, policy
from danchu.core.errors import DomainError
from danchu.disclosures import services as disclosure_services
from danchu.units.models import Agency, Unit

from .. import notifications, parse, selectors
from ..models import Audience, Consultation, DraftRevision, MatterKind, Section, SectionText, State
from ..permissions import ConsultationPerm
from . import _rules
from ._rules import FIELDS, d

# Art. 11's catalogue item for "the content put to the people and the results of taking on board and
# explaining their opinions" (disclosures/catalogue.py, unverified numbering kept there).
SYNTHESIS_ITEM = "11.10"


def _matter(code: str) -> MatterKind:
    matter = MatterKind.objects.filter(code=code).first()
    if matter is None:
        raise DomainError(_("Không có nội dung lấy ý kiến mã %(code)s.") % {"code": code}, field="matter")
    return matter


def _audience(
    unit: Unit, audience: str, villages: Sequence[Unit], agency: Agency | None
) -> tuple[list[Unit], Agency | None]:
    if audience not in Audience.values:
        raise DomainError(_("Đối tượng lấy ý kiến không hợp lệ."), field="audience")
    if audience == Audience.VILLAGES:
        if not villages:
            raise DomainError(_("Chọn ít nhất một thôn, tổ dân phố."), field="villages")
        if any(v.parent_id != unit.pk for v in villages):
            raise DomainError(_("Chỉ chọn thôn, tổ dân phố của chính xã, phường."), field="villages")
        return list(villages), None
    if audience == Audience.AGENCY:
        if agency is None or agency.unit_id != unit.pk:
            raise DomainError(_("Chọn một cơ quan, bộ phận của chính đơn vị."), field="agency")
        return [], agency
    return [], None


def _store(
    *, actor: User, consultation: Consultation, number: int, name: str, data: bytes, note: str
) -> DraftRevision:
    """Read the file into sections (refusing what cannot be read) and keep it as revision `number`."""
    parsed = parse.read_draft(name, data)
    revision = DraftRevision(
        consultation=consultation,
        number=number,
        file_name=_rules.text(name, field="file", label=_("Tên tệp"), max_length=255),
        sha256=hashlib.sha256(data).hexdigest(),
        note=note,
        created_by=actor,
    )
    suffix = name.rsplit(".", 1)[-1].lower()[:5]
    revision.file.save(f"{secrets.token_hex(8)}.{suffix}", ContentFile(data), save=False)
    revision.save()
    known = {s.anchor: s for s in Section.objects.filter(consultation=consultation)}
    new = [
        Section(consultation=consultation, anchor=p.anchor, kind=p.kind, label=p.label[:60], depth=p.depth)
        for p in parsed
        if p.anchor not in known
    ]
    for section in Section.objects.bulk_create(new):
        known[section.anchor] = section
    SectionText.objects.bulk_create(
        SectionText(revision=revision, section=known[p.anchor], order=i, title=p.title[:500], text=p.text)
        for i, p in enumerate(parsed)
    )
    return revision


@transaction.atomic
def create(
    *,
    actor: User,
    unit: Unit,
    matter_code: str,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    audience: str,
    channels: Sequence[str],
    file_name: str,
    file_data: bytes,
    summary: str = "",
    villages: Sequence[Unit] = (),
    agency: Agency | None = None,
) -> Consultation:
    """Tạo đợt lấy ý kiến with its draft (revision 1), split into sections; launched later by `launch`."""
    policy.require(actor, ConsultationPerm.MANAGE, unit)
    if not unit.is_commune:
        raise DomainError(_("Đợt lấy ý kiến Nhân dân do xã, phường, đặc khu tổ chức."), field="unit")
    matter = _matter(matter_code)
    title = _rules.text(title, field="title", label=_("Tên dự thảo"), max_length=300)
    summary = _rules.text(summary, field="summary", label=_("Tóm tắt"), required=False)
    _rules.period(starts_on, ends_on)
    chosen_villages, chosen_agency = _audience(unit, audience, villages, agency)
    chosen = _rules.channels(channels)
    consultation = Consultation.objects.create(
        unit=unit,
        matter=matter,
        title=title,
        summary=summary,
        starts_on=starts_on,
        ends_on=ends_on,
        audience=audience,
        agency=chosen_agency,
        channels=chosen,
        created_by=actor,
    )
    consultation.villages.set(chosen_villages)
    revision = _store(
        actor=actor, consultation=consultation, number=1, name=file_name, data=file_data, note=""
    )
    audit.record(
        actor=actor,
        action="consultations.consultation.create",
        obj=consultation,
        after={
            **audit.snapshot(consultation, FIELDS),
            "villages": [v.pk for v in chosen_villages],
            "draft": revision.file_name,
            "sections": revision.texts.count(),
        },
        scope_unit_id=unit.pk,
    )
    return consultation


@transaction.atomic
def launch(*, actor: User, consultation: Consultation, today: dt.date | None = None) -> Consultation:
    """Phát động: the draft goes public and its audience is told; the period must not be over."""
    consultation = selectors.access_consultation(
        actor=actor, consultation_id=consultation.pk, perm=ConsultationPerm.MANAGE, for_write=True
    )
    _rules.not_closed(consultation)
    if consultation.state != State.DRAFT:
        raise DomainError(_("Đợt lấy ý kiến này đã được phát động."))
    today = today or timezone.localdate()
    if consultation.ends_on < today:
        raise DomainError(
            _("Thời hạn lấy ý kiến đã qua (%(day)s); hãy sửa thời gian trước khi phát động.")
            % {"day": d(consultation.ends_on)},
            field="ends_on",
        )
    with audit.audited(
        actor=actor,
        action="consultations.consultation.launch",
        obj=consultation,
        fields=FIELDS,
        scope_unit_id=consultation.unit_id,
    ):
        consultation.state, consultation.opened_at = State.OPEN, timezone.now()
        consultation.save(update_fields=["state", "opened_at", "updated_at"])
    pk = consultation.pk
    transaction.on_commit(lambda: notifications.announce(pk))
    return consultation


@transaction.atomic
def revise(
    *, actor: User, consultation: Consultation, file_name: str, file_data: bytes, note: str
) -> DraftRevision:
    """Dự thảo sửa đổi: a new revision; sections keep their anchors, so their opinions stay with them."""
    consultation = selectors.access_consultation(
        actor=actor, consultation_id=consultation.pk, perm=ConsultationPerm.MANAGE, for_write=True
    )
    _rules.not_closed(consultation)
    note = _rules.text(note, field="note", label=_("Nội dung chỉnh sửa"), max_length=2000)
    number = selectors.latest_revision(consultation).number + 1
    with audit.audited(
        actor=actor,
        action="consultations.consultation.revise",
        obj=consultation,
        fields=FIELDS,
        scope_unit_id=consultation.unit_id,
    ) as change:
        revision = _store(
            actor=actor, consultation=consultation, number=number, name=file_name, data=file_data, note=note
        )
        consultation.save(update_fields=["updated_at"])
        _rules.draft_page_changed(consultation)
        change.note(revision=number, draft=revision.file_name, note=note)
    return revision


@transaction.atomic
def close(
    *, actor: User, consultation: Consultation, conclusion: str, today: dt.date | None = None
) -> Consultation:
    """Kết thúc: after the period, once every visible opinion has its answer (Art. 27–29)."""
    consultation = selectors.access_consultation(
        actor=actor, consultation_id=consultation.pk, perm=ConsultationPerm.MANAGE, for_write=True
    )
    if consultation.state == State.CLOSED:
        raise DomainError(_("Đợt lấy ý kiến này đã kết thúc."))
    if consultation.state == State.DRAFT:
        raise DomainError(_("Đợt lấy ý kiến chưa được phát động."))
    today = today or timezone.localdate()
    if today <= consultation.ends_on:
        raise DomainError(
            _("Chưa hết thời gian lấy ý kiến (đến hết ngày %(day)s): Nhân dân vẫn có thể góp ý.")
            % {"day": d(consultation.ends_on)}
        )
    missing = selectors.unanswered_count(consultation)
    if missing:
        raise DomainError(
            _(
                "Còn %(n)s ý kiến chưa được tiếp thu hoặc giải trình. Mọi ý kiến phải được trả lời trước khi "
                "kết thúc đợt lấy ý kiến."
            )
            % {"n": missing}
        )
    conclusion = _rules.text(conclusion, field="conclusion", label=_("Kết luận"), max_length=5000)
    with audit.audited(
        actor=actor,
        action="consultations.consultation.close",
        obj=consultation,
        fields=FIELDS,
        scope_unit_id=consultation.unit_id,
    ):
        consultation.state, consultation.closed_at = State.CLOSED, timezone.now()
        consultation.conclusion = conclusion
        consultation.save(update_fields=["state", "closed_at", "conclusion", "updated_at"])
    return consultation


@transaction.atomic
def publish_synthesis(*, actor: User, consultation: Consultation) -> Consultation:
    """Công khai kết quả: the synthesis becomes a disclosure of Art. 11's item on consultations, with the
    report attached, so it is posted, announced and counted in the commune's compliance checklist."""
    from .. import report  # the report renders a PDF: loaded only when publishing

    consultation = selectors.access_consultation(
        actor=actor, consultation_id=consultation.pk, perm=ConsultationPerm.MANAGE, for_write=True
    )
    if consultation.state != State.CLOSED:
        raise DomainError(_("Chỉ công khai kết quả khi đợt lấy ý kiến đã kết thúc."))
    if consultation.disclosure_id is not None:
        raise DomainError(_("Kết quả của đợt lấy ý kiến này đã được công khai."))
    tally = selectors.tally(consultation)
    url = reverse("consultations:public", args=[consultation.pk])
    body = (
        "<p>Kết quả tổng hợp, tiếp thu, giải trình ý kiến Nhân dân "
        f"về dự thảo “{escape(consultation.title)}” "
        f"(lấy ý kiến từ {d(consultation.starts_on)} đến {d(consultation.ends_on)}): {tally.total} ý kiến, "
        f"{tally.answered} ý kiến đã được trả lời.</p>"
        f'<p><a href="{url}">Xem từng ý kiến và câu trả lời</a></p>'
    )
    disclosure = disclosure_services.create_draft(
        actor=actor,
        unit=consultation.unit,
        title=f"Kết quả tiếp thu, giải trình ý kiến Nhân dân: {consultation.title}"[:300],
        item_codes=[SYNTHESIS_ITEM],
        body=body,
    )
    disclosure_services.add_attachment(
        actor=actor,
        disclosure=disclosure,
        name="bao-cao-tong-hop-y-kien.pdf",
        data=report.to_pdf(consultation),
    )
    disclosure = disclosure_services.publish(actor=actor, disclosure=disclosure)
    with audit.audited(
        actor=actor,
        action="consultations.consultation.publish",
        obj=consultation,
        fields=FIELDS,
        scope_unit_id=consultation.unit_id,
    ) as change:
        consultation.disclosure = disclosure
        consultation.save(update_fields=["disclosure", "updated_at"])
        change.note(disclosure=disclosure.pk)
    return consultation
