from __future__ import annotations

import datetime as dt

import pytest

from danchu.accounts.models import Notification
from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.core.models import AuditEntry
from danchu.plans.selectors import tasks_of_source
from danchu.plans.services.tasks import update_task
from danchu.reception import services
from danchu.reception.models import DialogueQuestion, DialogueState, QuestionChannel
from danchu.reception.services.commitments import SOURCE, add_commitment

from .conftest import announce, at


def minutes(actor, dialogue, **fields):
    values = {
        "secretary": "Lê Thị Mai", "attendance": 80, "opened_at": dt.time(8), "closed_at": dt.time(11),
        "summary": "Chủ tịch nêu mục đích.", "conclusion": "Giao các bộ phận thực hiện.",
    }  # fmt: skip
    values.update(fields)
    return services.record_minutes(actor=actor, dialogue=dialogue, **values)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"held_on": dt.date(2026, 3, 1)}, "đã qua"),
        ({"held_on": dt.date(2027, 6, 1)}, "một năm"),
        ({"held_on": dt.date(2026, 3, 12), "questions_until": dt.date(2026, 3, 13)}, "Hạn nhận câu hỏi"),
        ({"audience": "aliens"}, "đối tượng"),
        ({"topic": "A\x00"}, "ký tự không hợp lệ"),
        ({"held_on": None}, "chưa nhập"),
    ],
)
def test_bad_announcements_are_refused(tree, personas, fields, message):
    with at(2026, 3, 2), pytest.raises(DomainError, match=message):
        announce(personas["commune_official"], tree.commune, **fields)
    assert not AuditEntry.objects.exists()


def test_a_citizen_of_the_commune_registers_a_question_online(tree, personas, dialogue):
    citizen = personas["citizen"]
    with at(2026, 3, 5):
        question = services.register_question(actor=citizen, dialogue=dialogue, text="Bao giờ sửa vỉa hè?")
        with pytest.raises(DomainError, match="đã được đăng ký"):
            services.register_question(actor=citizen, dialogue=dialogue, text="Bao giờ sửa vỉa hè?")
    assert (question.channel, question.asker, question.village) == (
        QuestionChannel.ONLINE,
        citizen,
        tree.village,
    )
    assert question.public_asker == tree.village.name  # not named unless they agree
    # The commune's reception officials are told.
    assert Notification.objects.filter(
        user=personas["commune_official"], key__contains=str(question.pk)
    ).exists()


def test_a_village_head_registers_for_a_person_of_the_village(tree, personas, dialogue):
    with at(2026, 3, 5):
        with pytest.raises(DomainError, match="không được để trống"):
            services.register_question(actor=personas["village_head"], dialogue=dialogue, text="Hỏi")
        question = services.register_question(
            actor=personas["village_head"], dialogue=dialogue, text="Đèn ngõ 45 hỏng", asker_name="Bà Tư",
            show_name=True,
        )  # fmt: skip
    assert (question.channel, question.asker_name, question.public_asker) == (
        "village_head",
        "Bà Tư",
        "Bà Tư",
    )


def test_only_the_communes_people_ask_and_only_until_the_deadline(tree, personas, dialogue):
    for persona in ("sibling_official", "commune_official", "province_official", "oversight_member"):
        with at(2026, 3, 5), pytest.raises(PermissionDeniedError):
            services.register_question(actor=personas[persona], dialogue=dialogue, text="Hỏi")
    with at(2026, 3, 11), pytest.raises(DomainError, match="không còn nhận"):
        services.register_question(actor=personas["citizen"], dialogue=dialogue, text="Muộn")
    assert (
        not DialogueQuestion.objects.exists()
        and not AuditEntry.objects.filter(action__contains="question").exists()
    )


def test_a_person_registers_at_most_five_questions(tree, personas, dialogue):
    with at(2026, 3, 5):
        for n in range(5):
            services.register_question(actor=personas["citizen"], dialogue=dialogue, text=f"Câu {n}")
        with pytest.raises(DomainError, match="tối đa 5"):
            services.register_question(actor=personas["citizen"], dialogue=dialogue, text="Câu 6")


def test_the_day_of_the_dialogue_answers_commitments_and_minutes(tree, personas, dialogue):
    official, citizen = personas["commune_official"], personas["citizen"]
    with at(2026, 3, 5):
        asked = services.register_question(actor=citizen, dialogue=dialogue, text="Bao giờ sửa vỉa hè?")
        with pytest.raises(DomainError, match="từ ngày đối thoại"):
            services.add_question(
                actor=official, dialogue=dialogue, channel="on_the_day", asker_name="Ông Ba", text="Hỏi"
            )
        with pytest.raises(DomainError, match="tại buổi đối thoại"):
            services.answer_question(actor=official, question=asked, answer="Sớm", answered_by="Chủ tịch")
    with at(2026, 3, 12, 10):
        raised = services.add_question(
            actor=official, dialogue=dialogue, channel="on_the_day", asker_name="Ông Ba", text="Rác ở chợ?",
            village=tree.village,
        )  # fmt: skip
        with pytest.raises(DomainError, match="không thuộc"):
            services.add_question(
                actor=official, dialogue=dialogue, channel="on_the_day", asker_name="Ông Bốn", text="Hỏi",
                village=tree.sibling_village,
            )  # fmt: skip
        services.answer_question(
            actor=official, question=asked, answer="Trong quý II.", answered_by="Chủ tịch"
        )
        with pytest.raises(DomainError, match="đã được trả lời"):
            services.answer_question(actor=official, question=asked, answer="Lại", answered_by="Chủ tịch")
        with pytest.raises(DomainError, match="Còn 1 câu hỏi"):
            minutes(official, dialogue)
        services.answer_question(
            actor=official, question=raised, answer="Tăng chuyến thu gom.", answered_by="Chủ tịch"
        )
        commitment = add_commitment(
            actor=official, question=asked, text="Lát lại vỉa hè đường Hùng Vương",
            due_on=dt.date(2026, 6, 30), agency=tree.agency,
        )  # fmt: skip
        with pytest.raises(DomainError, match="phải thuộc xã"):
            add_commitment(
                actor=official,
                question=raised,
                text="X",
                due_on=dt.date(2026, 6, 30),
                agency=tree.sibling_agency,
            )
        with pytest.raises(DomainError, match="từ hôm nay"):
            add_commitment(actor=official, question=raised, text="X", due_on=dt.date(2026, 3, 1))
        held = minutes(official, dialogue)
        with pytest.raises(DomainError, match="đã có biên bản"):
            minutes(official, dialogue)
    assert held.state == DialogueState.HELD
    # The commitment is a task of the commune's agency, followed like a plan's.
    (task,) = tasks_of_source(SOURCE, [commitment.pk])
    assert (task.title, task.due_on, task.agency, task.unit) == (
        "Lát lại vỉa hè đường Hùng Vương",
        dt.date(2026, 6, 30),
        tree.agency,
        tree.commune,
    )
    # The asker hears of the answer.
    assert Notification.objects.filter(user=citizen, key=f"reception:question:{asked.pk}:answered").exists()
    with at(2026, 4, 1):
        update_task(actor=official, task=task, status="in_progress", progress=40, note="Đã khảo sát")
    task.refresh_from_db()
    assert task.progress == 40
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions.count("reception.commitment.create") == 1 and "plans.task.open" in actions
    assert actions.count("reception.dialogue.minutes") == 1


def test_minutes_cannot_be_written_before_the_day_nor_with_bad_times(tree, personas, dialogue):
    official = personas["commune_official"]
    with at(2026, 3, 11), pytest.raises(DomainError, match="chưa đến"):
        minutes(official, dialogue)
    with at(2026, 3, 12):
        with pytest.raises(DomainError, match="sau giờ bắt đầu"):
            minutes(official, dialogue, closed_at=dt.time(7))
        with pytest.raises(DomainError, match="Số người dự"):
            minutes(official, dialogue, attendance=0)
    dialogue.refresh_from_db()
    assert dialogue.state == DialogueState.PLANNED


def test_a_cancelled_dialogue_takes_nothing_more(tree, personas, dialogue):
    official = personas["commune_official"]
    with at(2026, 3, 3):
        services.cancel_dialogue(actor=official, dialogue=dialogue, reason="Mưa bão")
        with pytest.raises(DomainError, match="chưa tổ chức"):
            services.cancel_dialogue(actor=official, dialogue=dialogue, reason="Lần nữa")
        with pytest.raises(DomainError, match="không còn nhận"):
            services.register_question(actor=personas["citizen"], dialogue=dialogue, text="Hỏi")
    with at(2026, 3, 12), pytest.raises(DomainError, match="đã hủy"):
        services.add_question(
            actor=official, dialogue=dialogue, channel="on_the_day", asker_name="A", text="B"
        )


def test_others_cannot_run_a_dialogue(tree, personas, dialogue):
    with at(2026, 3, 5):
        question = services.register_question(actor=personas["citizen"], dialogue=dialogue, text="Hỏi")
    count = AuditEntry.objects.count()
    for persona in ("sibling_official", "village_head", "oversight_member", "citizen"):
        actor = personas[persona]
        with at(2026, 3, 12):
            with pytest.raises(PermissionDeniedError):
                services.answer_question(actor=actor, question=question, answer="x", answered_by="y")
            with pytest.raises(PermissionDeniedError):
                add_commitment(actor=actor, question=question, text="x", due_on=dt.date(2026, 4, 1))
            with pytest.raises(PermissionDeniedError):
                minutes(actor, dialogue)
            with pytest.raises(PermissionDeniedError):
                services.cancel_dialogue(actor=actor, dialogue=dialogue, reason="x")
    assert AuditEntry.objects.count() == count
