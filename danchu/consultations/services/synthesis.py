"""Tổng hợp, tiếp thu, giải trình: grouping similar opinions and answering every one.

Writes lock the consultation's row (through the door), so that two officers answering, grouping or closing
at once are serialised and the rule "nothing closes unanswered" holds."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from danchu.accounts.models import User
from danchu.core import audit
from danchu.core.errors import DomainError

from .. import grouping, selectors
from ..models import Consultation, Opinion, OpinionGroup, Response, ResponseKind
from ..permissions import ConsultationPerm
from . import _rules

# Product choice: the most opinions one suggestion run reads (a consultation larger than this is grouped
# section by section, which the page offers).
SUGGEST_LIMIT = 20_000


def suggestions(consultation: Consultation, section_id: int | None = None) -> list[grouping.Suggestion]:
    """Groups of similar opinions not yet grouped nor answered, for the officer to confirm (a read)."""
    rows = Opinion.objects.filter(
        consultation=consultation, hidden_at__isnull=True, group__isnull=True, response__isnull=True
    )
    if section_id is not None:
        rows = rows.filter(section_id=section_id)
    return grouping.suggest(rows.order_by("id").values_list("id", "text_key")[:SUGGEST_LIMIT])


def _opinions(consultation: Consultation, ids: Sequence[int | str]) -> list[Opinion]:
    try:
        wanted = sorted({int(str(pk)) for pk in ids})
    except ValueError:
        raise DomainError(_("Mã ý kiến không hợp lệ."), field="opinions") from None
    found = list(Opinion.objects.filter(consultation=consultation, pk__in=wanted).order_by("id"))
    if len(found) != len(wanted):
        raise DomainError(_("Có ý kiến không thuộc đợt lấy ý kiến này."), field="opinions")
    hidden = [o.pk for o in found if o.hidden]
    if hidden:
        raise DomainError(_("Ý kiến #%(id)s đã bị ẩn.") % {"id": hidden[0]}, field="opinions")
    return found


@transaction.atomic
def confirm_group(
    *, actor: User, consultation: Consultation, opinion_ids: Sequence[int | str], label: str
) -> OpinionGroup:
    """Xác nhận nhóm ý kiến tương tự: two or more unanswered opinions, none already in a group."""
    consultation = selectors.access_consultation(
        actor=actor, consultation_id=consultation.pk, perm=ConsultationPerm.MANAGE, for_write=True
    )
    _rules.not_closed(consultation)
    members = _opinions(consultation, opinion_ids)
    if len(members) < 2:
        raise DomainError(_("Một nhóm cần ít nhất hai ý kiến."), field="opinions")
    grouped = [o.pk for o in members if o.group_id is not None]
    if grouped:
        raise DomainError(_("Ý kiến #%(id)s đã thuộc một nhóm khác.") % {"id": grouped[0]}, field="opinions")
    answered = [o.pk for o in members if o.response_id is not None]
    if answered:
        raise DomainError(
            _("Ý kiến #%(id)s đã được trả lời; chỉ nhóm các ý kiến chưa trả lời.") % {"id": answered[0]},
            field="opinions",
        )
    label = _rules.text(label, field="label", label=_("Tên nhóm"), max_length=200)
    group = OpinionGroup.objects.create(consultation=consultation, label=label, created_by=actor)
    Opinion.objects.filter(pk__in=[o.pk for o in members]).update(group=group)
    audit.record(
        actor=actor,
        action="consultations.group.confirm",
        obj=group,
        after={"label": label, "opinions": [o.pk for o in members]},
        scope_unit_id=consultation.unit_id,
    )
    return group


@transaction.atomic
def answer(
    *,
    actor: User,
    consultation: Consultation,
    kind: str,
    text: str = "",
    opinion_ids: Sequence[int | str] = (),
    group_id: int | str | None = None,
    same_as_id: int | str | None = None,
) -> Response:
    """Trả lời: taken on board (with the change made), explained (with the reason), out of scope, or the
    same as another opinion. An opinion of a group is answered with its whole group; answering again
    replaces the answer (the former one stays in the audit log)."""
    consultation = selectors.access_consultation(
        actor=actor, consultation_id=consultation.pk, perm=ConsultationPerm.MANAGE, for_write=True
    )
    _rules.not_closed(consultation)
    if kind not in ResponseKind.values:
        raise DomainError(_("Hình thức trả lời không hợp lệ."), field="kind")
    if group_id not in (None, ""):
        group = OpinionGroup.objects.filter(consultation=consultation, pk=str(group_id)).first()
        if group is None:
            raise DomainError(_("Nhóm ý kiến không thuộc đợt lấy ý kiến này."), field="group")
        members = list(group.opinions.filter(hidden_at__isnull=True).order_by("id"))
    else:
        if not opinion_ids:
            raise DomainError(_("Chọn ý kiến cần trả lời."), field="opinions")
        members = _opinions(consultation, opinion_ids)
        group_ids = {o.group_id for o in members if o.group_id is not None}
        if group_ids:  # one answer covers the group
            extra = Opinion.objects.filter(group_id__in=group_ids, hidden_at__isnull=True)
            members = sorted({o.pk: o for o in [*members, *extra]}.values(), key=lambda o: o.pk)
    if not members:
        raise DomainError(_("Không có ý kiến nào để trả lời."), field="opinions")
    same_as = None
    if kind == ResponseKind.SAME_AS:
        if same_as_id in (None, ""):
            raise DomainError(_("Chọn ý kiến trùng với ý kiến này."), field="same_as")
        same_as = Opinion.objects.filter(
            consultation=consultation, pk=str(same_as_id), hidden_at__isnull=True
        ).first()
        if same_as is None or same_as.pk in {o.pk for o in members}:
            raise DomainError(
                _("Ý kiến trùng phải là một ý kiến khác của đợt lấy ý kiến này."), field="same_as"
            )
        text = _rules.text(text, field="text", label=_("Nội dung trả lời"), required=False) or (
            f"Nội dung trùng với ý kiến #{same_as.pk}; xem câu trả lời của ý kiến đó."
        )
    else:
        label = {
            ResponseKind.TAKEN: _("Nội dung tiếp thu (dự thảo đã sửa thế nào)"),
            ResponseKind.EXPLAINED: _("Lý do giải trình"),
            ResponseKind.OUT_OF_SCOPE: _("Giải thích (cơ quan nào giải quyết)"),
        }[ResponseKind(kind)]
        text = _rules.text(text, field="text", label=label)
    response = Response.objects.create(
        consultation=consultation, kind=kind, text=text, same_as=same_as, answered_by=actor
    )
    ids = sorted({o.pk for o in members})
    before = {o.pk: o.response_id for o in members}
    Opinion.objects.filter(pk__in=ids).update(response=response)
    audit.record(
        actor=actor,
        action="consultations.opinion.answer",
        obj=response,
        before={"responses": before},
        after={"kind": kind, "text": text, "same_as": same_as.pk if same_as else None, "opinions": ids},
        scope_unit_id=consultation.unit_id,
    )
    return response
