"""Reception results per period (kết quả tiếp công dân), the figures reports may pre-fill
("reception.<figure>"). No official reception results form was found (forms.md §5.3): the figures are the
ones Art. 15(2) asks the chairman to report, from the log and the dialogues, in five aggregate queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, F, Q, Sum

from .models import Commitment, Dialogue, DialogueQuestion, DialogueState, Visit, VisitLetter

FIGURES = (
    "visits",  # lượt tiếp
    "people",  # số người được tiếp
    "group_visits",  # lượt đoàn đông người
    "chairman_visits",  # lượt Chủ tịch (người tiếp thay) trực tiếp tiếp
    "complaints",
    "denunciations",
    "petitions",
    "cases",  # vụ việc phải trả lời (khiếu nại, tố cáo, kiến nghị, phản ánh): the Art. 28 clock runs
    "letters",  # đơn vào sổ xử lý đơn từ các lượt tiếp
    "answered_on_time",
    "answered_late",
    "overdue",  # chưa trả lời, quá hạn ở ngày cuối kỳ
    "dialogues",
    "questions",
    "questions_answered",
    "commitments",
)


def report_statistics(unit_ids: list[int], start: dt.date, end: dt.date) -> dict[int, dict[str, int]]:
    result = {unit_id: dict.fromkeys(FIGURES, 0) for unit_id in unit_ids}
    visits = (
        Visit.objects.filter(unit_id__in=unit_ids, received_on__gte=start, received_on__lte=end)
        .values("unit_id")
        .annotate(
            visits=Count("id"),
            people=Sum("people_count"),
            group_visits=Count("id", filter=Q(people_count__gt=1)),
            chairman_visits=Count("id", filter=Q(by_chairman=True)),
            complaints=Count("id", filter=Q(kind="complaint")),
            denunciations=Count("id", filter=Q(kind="denunciation")),
            petitions=Count("id", filter=Q(kind="petition")),
            cases=Count("id", filter=Q(answer_due_on__isnull=False)),
            on_time=Count("id", filter=Q(answered_on__lte=end) & Q(answered_on__lte=F("answer_due_on"))),
            answered_late=Count("id", filter=Q(answered_on__lte=end) & Q(answered_on__gt=F("answer_due_on"))),
            overdue=Count(
                "id",
                filter=Q(answer_due_on__lt=end) & (Q(answered_on__isnull=True) | Q(answered_on__gt=end)),
            ),
        )
    )
    for row in visits:
        values: dict[str, Any] = dict(row)
        figures = result[values.pop("unit_id")]
        figures.update({key: int(value or 0) for key, value in values.items()})
        figures["answered_on_time"] = figures.pop("on_time")
    letters = (
        VisitLetter.objects.filter(
            visit__unit_id__in=unit_ids, visit__received_on__gte=start, visit__received_on__lte=end
        )
        .values("visit__unit_id")
        .annotate(n=Count("id"))
        .values_list("visit__unit_id", "n")
    )
    for unit_id, n in letters:
        result[unit_id]["letters"] = n
    dialogues = Dialogue.objects.filter(
        unit_id__in=unit_ids, held_on__gte=start, held_on__lte=end, state=DialogueState.HELD
    )
    for unit_id, n in dialogues.values("unit_id").annotate(n=Count("id")).values_list("unit_id", "n"):
        result[unit_id]["dialogues"] = n
    questions = (
        DialogueQuestion.objects.filter(dialogue__in=dialogues)
        .values("dialogue__unit_id")
        .annotate(n=Count("id"), answered=Count("id", filter=~Q(answer="")))
        .values_list("dialogue__unit_id", "n", "answered")
    )
    for unit_id, n, answered in questions:
        result[unit_id].update(questions=n, questions_answered=answered)
    commitments = (
        Commitment.objects.filter(dialogue__in=dialogues)
        .values("dialogue__unit_id")
        .annotate(n=Count("id"))
        .values_list("dialogue__unit_id", "n")
    )
    for unit_id, n in commitments:
        result[unit_id]["commitments"] = n
    return result
