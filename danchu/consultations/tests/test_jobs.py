"""The daily reminders, the statistics for reports, the demo, and grouping over diacritic-folded text."""

from __future__ import annotations

import datetime as dt

import pytest

from danchu.accounts.models import Notification
from danchu.consultations import grouping, notifications, services, statistics

from .conftest import at

pytestmark = pytest.mark.django_db


def test_officials_are_reminded_before_the_end_and_of_unanswered_opinions(consultation, personas):
    with at(2026, 3, 5):
        services.give(actor=personas["citizen"], consultation=consultation, text="Ý kiến")
    assert notifications.remind(dt.date(2026, 3, 10))["consultations.ending"] == 0
    assert notifications.remind(dt.date(2026, 3, 13))["consultations.ending"] == 1
    assert notifications.remind(dt.date(2026, 3, 14))["consultations.sent"] == 1  # the same event once
    counts = notifications.remind(dt.date(2026, 3, 18))
    assert counts["consultations.unanswered"] == 1
    note = Notification.objects.get(user=personas["commune_official"], key__contains="unanswered")
    assert note.title.startswith("Còn 1 ý kiến chưa trả lời")


def test_statistics_count_opinions_by_channel(consultation, personas, tree):
    with at(2026, 3, 5):
        opinion = services.give(actor=personas["citizen"], consultation=consultation, text="Ý kiến")
        services.record(
            actor=personas["commune_official"], consultation=consultation, kind="box", channel="box",
            held_on=dt.date(2026, 3, 5), reference="Hòm thư", entries=[services.Entry("Hòm thư 1")],
        )  # fmt: skip
    services.answer(actor=personas["commune_official"], consultation=consultation, kind="taken", text="Sửa",
                    opinion_ids=[opinion.pk])  # fmt: skip
    figures = statistics.provider(
        [tree.commune.pk, tree.sibling.pk], dt.date(2026, 1, 1), dt.date(2026, 6, 30)
    )
    assert figures[tree.commune.pk]["held"] == 1
    assert figures[tree.commune.pk]["opinions"] == 2 and figures[tree.commune.pk]["answered"] == 1
    assert figures[tree.commune.pk]["opinions_portal"] == 1 and figures[tree.commune.pk]["opinions_box"] == 1
    assert figures[tree.sibling.pk]["held"] == 0


def test_grouping_ignores_diacritics_and_keeps_different_opinions_apart():
    groups = grouping.suggest(
        [
            (1, "Đề nghị làm đường bê tông liên thôn"),
            (2, "DE NGHI LAM DUONG BE TONG LIEN THON"),
            (3, "Đề nghị lắp đèn chiếu sáng ngõ 5"),
            (4, "de nghi lap den chieu sang ngo 5 cho an toan"),
            (5, "Đồng ý"),
        ]
    )
    assert [g.ids for g in groups] == [(1, 2), (3, 4)]
