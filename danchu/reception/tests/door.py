"""Records of the commune for the door walk (tests/test_one_door.py): one of every kind of id the
reception's addresses name, made through the services on 02/03/2026."""

from __future__ import annotations

import datetime as dt
from typing import Any

from danchu.reception import services
from danchu.reception.models import Audience, QuestionChannel, VisitKind


def records(tree: Any, personas: dict[str, Any]) -> dict[str, Any]:
    official = personas["commune_official"]
    day = dt.date(2026, 3, 2)
    visit = services.log_visit(
        actor=official, unit=tree.commune, received_on=day, host="Chủ tịch", visitor_name="Phạm Văn Hải",
        visitor_address="Tổ 1", subject="Kiến nghị sửa cống", kind=VisitKind.PETITION,
    )  # fmt: skip
    dialogue = services.plan_dialogue(
        actor=official, unit=tree.commune, topic="Vỉa hè", held_on=day, place="Hội trường",
        audience=Audience.CITIZENS, chair="Chủ tịch",
    )  # fmt: skip
    question = services.add_question(
        actor=official, dialogue=dialogue, channel=QuestionChannel.ON_THE_DAY, asker_name="Ông Ba", text="Hỏi"
    )
    return {"visit_id": visit.pk, "dialogue_id": dialogue.pk, "question_id": question.pk}
