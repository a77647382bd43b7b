"""Direct dialogues (đối thoại trực tiếp): announce, take questions, hold it (minutes), answer every
question, and follow each commitment as a plans task."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from danchu.accounts.models import Role, User
from danchu.accounts.notifications import Message, deliver
from danchu.accounts.permissions import active_assignments
from danchu.core import audit, policy
from danchu.core.errors import DomainError
from danchu.core.text import clean_text
from danchu.units import selectors as unit_selectors
from danchu.units.models import Tier, Unit

from .. import selectors
from ..models import Audience, Dialogue, DialogueQuestion, DialogueState, QuestionChannel
from ..permissions import ReceptionPerm
from ._common import DIALOGUE_FIELDS, QUESTION_FIELDS, d, day, managers_of, not_after

# Product choice: a dialogue is announced at most this far ahead, and one person registers at most this
# many questions for one dialogue (the chairman answers everyone, so the list is kept readable).
MAX_DAYS_AHEAD = 366
MAX_QUESTIONS_PER_ASKER = 5


@transaction.atomic
def plan_dialogue(
    *,
    actor: User,
    unit: Unit,
    topic: str,
    held_on: dt.date | None,
    place: str,
    audience: str,
    chair: str,
    questions_until: dt.date | None = None,
    starts_at: dt.time | None = None,
    audience_note: str = "",
) -> Dialogue:
    """Thông báo đối thoại: public on the portal at once, taking questions until `questions_until`."""
    unit = unit_selectors.access_unit(actor=actor, unit_id=unit.pk, perm=ReceptionPerm.MANAGE, for_write=True)
    if unit.tier != Tier.COMMUNE:
        raise DomainError(_("Đối thoại trực tiếp ở đây là của Chủ tịch UBND cấp xã."))
    today = timezone.localdate()
    held = day(held_on, field="held_on", label=_("Ngày đối thoại"))
    assert held is not None
    if held < today:
        raise DomainError(_("Ngày đối thoại (%(d)s) đã qua.") % {"d": d(held)}, field="held_on")
    if (held - today).days > MAX_DAYS_AHEAD:
        raise DomainError(_("Chỉ thông báo đối thoại trong vòng một năm tới."), field="held_on")
    until = day(questions_until or held, field="questions_until", label=_("Nhận câu hỏi đến ngày"))
    assert until is not None
    if until > held or until < today:
        raise DomainError(
            _("Hạn nhận câu hỏi phải từ hôm nay đến ngày đối thoại (%(d)s).") % {"d": d(held)},
            field="questions_until",
        )
    if audience not in Audience.values:
        raise DomainError(_("Chọn đối tượng đối thoại."), field="audience")
    dialogue = Dialogue.objects.create(
        unit=unit,
        topic=clean_text(topic, field=gettext_noop("Chủ đề"), max_length=300),
        held_on=held,
        starts_at=starts_at,
        place=clean_text(place, field=gettext_noop("Địa điểm"), max_length=200),
        audience=audience,
        audience_note=clean_text(
            audience_note, field=gettext_noop("Thành phần tham dự"), max_length=300, required=False
        ),
        chair=clean_text(chair, field=gettext_noop("Người chủ trì"), max_length=120),
        questions_until=until,
        created_by=actor,
    )
    audit.record(
        actor=actor,
        action="reception.dialogue.create",
        obj=dialogue,
        after=audit.snapshot(dialogue, DIALOGUE_FIELDS),
        scope_unit_id=unit.pk,
    )
    return dialogue


@transaction.atomic
def cancel_dialogue(*, actor: User, dialogue: Dialogue, reason: str) -> Dialogue:
    dialogue = selectors.access_dialogue(
        actor=actor, dialogue_id=dialogue.pk, perm=ReceptionPerm.MANAGE, for_write=True
    )
    if dialogue.state != DialogueState.PLANNED:
        raise DomainError(_("Chỉ hủy được buổi đối thoại chưa tổ chức."))
    reason = clean_text(reason, field=gettext_noop("Lý do"), max_length=300)
    with audit.audited(
        actor=actor,
        action="reception.dialogue.cancel",
        obj=dialogue,
        fields=DIALOGUE_FIELDS,
        scope_unit_id=dialogue.unit_id,
    ):
        dialogue.state, dialogue.cancelled_reason = DialogueState.CANCELLED, reason
        dialogue.save(update_fields=["state", "cancelled_reason", "updated_at"])
    return dialogue


def _own_village(actor: User, unit: Unit) -> tuple[str, Unit | None]:
    """The role the asker registers through (a citizen online, a village head for the village) and the
    village, within `unit`."""
    for assignment in active_assignments(actor):
        if assignment.role == Role.CITIZEN and assignment.resident is not None:
            village = assignment.resident.household.village
            if village.path.startswith(unit.path):
                return QuestionChannel.ONLINE, village
        head_of = assignment.unit if assignment.role == Role.VILLAGE_HEAD else None
        if head_of is not None and head_of.path.startswith(unit.path):
            return QuestionChannel.VILLAGE_HEAD, head_of
    return QuestionChannel.ONLINE, None


@transaction.atomic
def register_question(
    *, actor: User, dialogue: Dialogue, text: str, show_name: bool = False, asker_name: str = ""
) -> DialogueQuestion:
    """Đăng ký câu hỏi trước buổi đối thoại: a citizen of the commune online in their own name, or a
    village head for a person of the village (named in `asker_name`)."""
    dialogue = selectors.access_dialogue(
        actor=actor, dialogue_id=dialogue.pk, perm=ReceptionPerm.ASK, for_write=True
    )
    today = timezone.localdate()
    if not dialogue.accepts_questions_on(today):
        raise DomainError(_("Buổi đối thoại này không còn nhận câu hỏi đăng ký trước."))
    channel, village = _own_village(actor, dialogue.unit)
    text = clean_text(text, field=gettext_noop("Nội dung"), max_length=2000)
    if channel == QuestionChannel.VILLAGE_HEAD:
        name = clean_text(asker_name, field=gettext_noop("Họ tên người hỏi"), max_length=200)
    else:
        name = actor.full_name or actor.get_username()
    mine = dialogue.questions.filter(entered_by=actor)
    if mine.filter(text=text, asker_name=name).exists():
        raise DomainError(_("Câu hỏi này đã được đăng ký."), field="text")
    if channel == QuestionChannel.ONLINE and mine.count() >= MAX_QUESTIONS_PER_ASKER:
        raise DomainError(
            _("Mỗi người đăng ký tối đa %(n)s câu hỏi cho một buổi đối thoại.")
            % {"n": MAX_QUESTIONS_PER_ASKER},
            field="text",
        )
    question = DialogueQuestion.objects.create(
        dialogue=dialogue,
        channel=channel,
        asker=actor if channel == QuestionChannel.ONLINE else None,
        asker_name=name,
        village=village,
        show_name=show_name,
        text=text,
        entered_by=actor,
    )
    audit.record(
        actor=actor,
        action="reception.question.create",
        obj=question,
        after=audit.snapshot(question, QUESTION_FIELDS),
        scope_unit_id=dialogue.unit_id,
    )
    url = reverse("reception:dialogue", args=[dialogue.pk])
    deliver(
        Message(
            user,
            f"reception:question:{question.pk}:new",
            _("Câu hỏi mới cho buổi đối thoại"),
            dialogue.topic,
            url,
        )
        for user in managers_of(dialogue.unit_id)
    )
    return question


@transaction.atomic
def add_question(
    *,
    actor: User,
    dialogue: Dialogue,
    channel: str,
    asker_name: str,
    text: str,
    village: Unit | None = None,
    show_name: bool = False,
) -> DialogueQuestion:
    """The officials enter a question raised on the day, or one handed in on paper through a village."""
    dialogue = selectors.access_dialogue(
        actor=actor, dialogue_id=dialogue.pk, perm=ReceptionPerm.MANAGE, for_write=True
    )
    if dialogue.state == DialogueState.CANCELLED:
        raise DomainError(_("Buổi đối thoại đã hủy."))
    if channel not in (QuestionChannel.ON_THE_DAY, QuestionChannel.VILLAGE_HEAD):
        raise DomainError(_("Chọn nơi câu hỏi được nêu."), field="channel")
    if channel == QuestionChannel.ON_THE_DAY and timezone.localdate() < dialogue.held_on:
        raise DomainError(_("Câu hỏi nêu tại buổi đối thoại được ghi từ ngày đối thoại."), field="channel")
    if village is not None and not (
        village.path.startswith(dialogue.unit.path) and village.tier == Tier.VILLAGE
    ):
        raise DomainError(_("Thôn, tổ dân phố không thuộc xã, phường này."), field="village")
    text = clean_text(text, field=gettext_noop("Nội dung"), max_length=2000)
    name = clean_text(asker_name, field=gettext_noop("Họ tên người hỏi"), max_length=200)
    if dialogue.questions.filter(text=text, asker_name=name).exists():
        raise DomainError(_("Câu hỏi này đã được ghi."), field="text")
    question = DialogueQuestion.objects.create(
        dialogue=dialogue,
        channel=channel,
        asker_name=name,
        village=village,
        show_name=show_name,
        text=text,
        entered_by=actor,
    )
    audit.record(
        actor=actor,
        action="reception.question.create",
        obj=question,
        after=audit.snapshot(question, QUESTION_FIELDS),
        scope_unit_id=dialogue.unit_id,
    )
    return question


@transaction.atomic
def answer_question(
    *, actor: User, question: DialogueQuestion, answer: str, answered_by: str
) -> DialogueQuestion:
    """Trả lời câu hỏi (at the dialogue or in writing after it); the asker is told."""
    question = selectors.access_question(
        actor=actor, question_id=question.pk, perm=ReceptionPerm.MANAGE, for_write=True
    )
    dialogue = question.dialogue
    if dialogue.state == DialogueState.CANCELLED:
        raise DomainError(_("Buổi đối thoại đã hủy."))
    if timezone.localdate() < dialogue.held_on:
        raise DomainError(
            _("Câu hỏi được trả lời tại buổi đối thoại (%(d)s) hoặc sau đó.") % {"d": d(dialogue.held_on)}
        )
    if question.answer:
        raise DomainError(_("Câu hỏi này đã được trả lời."))
    answer = clean_text(answer, field=gettext_noop("Nội dung trả lời"), max_length=8000)
    answered_by = clean_text(answered_by, field=gettext_noop("Người trả lời"), max_length=120)
    with audit.audited(
        actor=actor,
        action="reception.question.answer",
        obj=question,
        fields=QUESTION_FIELDS,
        scope_unit_id=dialogue.unit_id,
    ):
        question.answer, question.answered_by, question.answered_at = answer, answered_by, timezone.now()
        question.save(update_fields=["answer", "answered_by", "answered_at", "updated_at"])
    if question.asker_id is not None:
        url = reverse("reception:public_dialogue", args=[dialogue.pk])
        deliver(
            [
                Message(
                    question.asker_id,
                    f"reception:question:{question.pk}:answered",
                    _("Câu hỏi của bạn đã được trả lời"),
                    dialogue.topic,
                    url,
                )
            ]
        )
    return question


@transaction.atomic
def record_minutes(
    *,
    actor: User,
    dialogue: Dialogue,
    secretary: str,
    attendance: int,
    opened_at: dt.time,
    closed_at: dt.time,
    summary: str,
    conclusion: str,
) -> Dialogue:
    """Biên bản đối thoại: the dialogue was held. Every question must have its answer first (an answer
    may be that it will be given in writing, with a commitment)."""
    dialogue = selectors.access_dialogue(
        actor=actor, dialogue_id=dialogue.pk, perm=ReceptionPerm.MANAGE, for_write=True
    )
    if dialogue.state != DialogueState.PLANNED:
        raise DomainError(_("Buổi đối thoại này đã có biên bản hoặc đã hủy."))
    not_after(dialogue.held_on, timezone.localdate(), field="held_on", label=_("Ngày đối thoại"))
    open_ones = dialogue.questions.filter(answer="").count()
    if open_ones:
        raise DomainError(
            ngettext(
                "Còn %(n)s câu hỏi chưa được trả lời: trả lời từng câu trước khi lập biên bản.",
                "Còn %(n)s câu hỏi chưa được trả lời: trả lời từng câu trước khi lập biên bản.",
                open_ones,
            )
            % {"n": open_ones}
        )
    if not 1 <= attendance <= 100_000:
        raise DomainError(_("Số người dự từ 1 đến 100000."), field="attendance")
    if closed_at <= opened_at:
        raise DomainError(_("Giờ kết thúc phải sau giờ bắt đầu."), field="closed_at")
    with audit.audited(
        actor=actor,
        action="reception.dialogue.minutes",
        obj=dialogue,
        fields=DIALOGUE_FIELDS,
        scope_unit_id=dialogue.unit_id,
    ):
        dialogue.secretary = clean_text(secretary, field=gettext_noop("Thư ký"), max_length=120)
        dialogue.summary = clean_text(summary, field=gettext_noop("Tóm tắt diễn biến"), max_length=20000)
        dialogue.conclusion = clean_text(conclusion, field=gettext_noop("Kết luận"), max_length=20000)
        dialogue.attendance, dialogue.opened_at, dialogue.closed_at = attendance, opened_at, closed_at
        dialogue.state, dialogue.minutes_at = DialogueState.HELD, timezone.now()
        dialogue.save()
    return dialogue


def may_ask(actor: User | None, dialogue: Dialogue) -> bool:
    return policy.allowed(actor, ReceptionPerm.ASK, dialogue)


def asks_for_others(actor: User, dialogue: Dialogue) -> bool:
    """Whether `actor` registers questions as a village head (for a named person of the village)."""
    return _own_village(actor, dialogue.unit)[0] == QuestionChannel.VILLAGE_HEAD
