from __future__ import annotations

import datetime as dt

from danchu.core import registry
from danchu.reception import services
from danchu.reception.services.commitments import add_commitment
from danchu.reception.statistics import FIGURES

from .conftest import announce, at, log


def test_reception_results_per_period(tree, personas):
    official = personas["commune_official"]
    with at(2026, 3, 2):
        on_time = log(official, tree.commune, letter=True)
        late = log(official, tree.commune, kind="complaint", by_chairman=True)
        log(official, tree.commune, kind="denunciation")  # never answered: overdue by the period's end
        log(official, tree.commune, kind="other", people_count=6, representatives="A\nB")
        services.answer_visit(actor=official, visit=on_time, outcome="accepted", answer="Thụ lý")
        dialogue = announce(official, tree.commune, held_on=dt.date(2026, 3, 2), questions_until=None)
        question = services.add_question(
            actor=official, dialogue=dialogue, channel="on_the_day", asker_name="A", text="B"
        )
        services.answer_question(actor=official, question=question, answer="C", answered_by="Chủ tịch")
        add_commitment(actor=official, question=question, text="Sửa đèn", due_on=dt.date(2026, 4, 1))
        services.record_minutes(
            actor=official, dialogue=dialogue, secretary="T", attendance=5, opened_at=dt.time(8),
            closed_at=dt.time(9), summary="S", conclusion="K",
        )  # fmt: skip
    with at(2026, 3, 20):
        services.answer_visit(actor=official, visit=late, outcome="refused", answer="Hướng dẫn")
    provider = registry.statistics()["reception"].provider
    figures = provider([tree.commune.pk, tree.sibling.pk], dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert figures[tree.commune.pk] == {
        "visits": 4, "people": 9, "group_visits": 1, "chairman_visits": 1, "complaints": 1,
        "denunciations": 1, "petitions": 1, "cases": 3, "letters": 1, "answered_on_time": 1,
        "answered_late": 1, "overdue": 1, "dialogues": 1, "questions": 1, "questions_answered": 1,
        "commitments": 1,
    }  # fmt: skip
    assert figures[tree.sibling.pk] == dict.fromkeys(FIGURES, 0)
    # At the end of a period before the late answer, it was still overdue.
    early = provider([tree.commune.pk], dt.date(2026, 3, 1), dt.date(2026, 3, 17))[tree.commune.pk]
    assert (early["answered_on_time"], early["answered_late"], early["overdue"]) == (1, 0, 2)
