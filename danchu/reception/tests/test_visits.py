from __future__ import annotations

import datetime as dt

import pytest

from danchu.accounts.models import Notification
from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.core.models import AuditEntry
from danchu.reception import services
from danchu.reception.models import Outcome, Visit, VisitKind

from .conftest import MONDAY, at, log


def test_a_visit_is_numbered_per_year_and_starts_the_answer_clock(tree, personas):
    official = personas["commune_official"]
    with at(2026, 4, 24):
        first = log(official, tree.commune, received_on=dt.date(2026, 4, 24))
        second = log(official, tree.commune, received_on=dt.date(2026, 4, 24), kind=VisitKind.COMPLAINT)
    assert (first.number, second.number, first.year) == (1, 2, 2026)
    # 10 working days from Friday 24/4: 27/4, 30/4 and 1/5 are holidays.
    assert first.answer_due_on == dt.date(2026, 5, 13)
    with at(2027, 1, 4):
        assert log(official, tree.commune, received_on=dt.date(2027, 1, 4)).number == 1
    entry = AuditEntry.objects.filter(action="reception.visit.create").order_by("id").first()
    assert entry is not None and entry.after["answer_due_on"] == "2026-05-13"


def test_a_question_answered_on_the_spot_has_no_clock(tree, personas):
    with at(2026, 3, 2):
        visit = log(personas["commune_official"], tree.commune, kind=VisitKind.OTHER)
        assert visit.answer_due_on is None and not visit.needs_answer
        with pytest.raises(DomainError, match="không có đơn"):
            services.answer_visit(
                actor=personas["commune_official"], visit=visit, outcome="accepted", answer="x"
            )


def test_a_group_names_its_representatives(tree, personas):
    official = personas["commune_official"]
    with at(2026, 3, 2):
        with pytest.raises(DomainError, match="cử người đại diện") as refused:
            log(official, tree.commune, people_count=7)
        assert refused.value.field == "representatives"
        with pytest.raises(DomainError, match="tối đa 5"):
            log(official, tree.commune, people_count=30, representatives="A\nB\nC\nD\nE\nF")
        with pytest.raises(DomainError, match="nhiều hơn số người"):
            log(official, tree.commune, people_count=2, representatives="A\nB\nC")
        group = log(official, tree.commune, people_count=7, representatives=" Ngô Văn Bình \n\nĐặng Thị Yến")
    assert group.representatives == "Ngô Văn Bình\nĐặng Thị Yến"
    assert (
        Visit.objects.count() == 1 and AuditEntry.objects.filter(action="reception.visit.create").count() == 1
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"received_on": dt.date(2026, 3, 3)}, "chưa đến"),
        ({"received_on": dt.date(9999, 12, 31)}, "khoảng"),
        ({"received_on": None}, "chưa nhập"),
        ({"kind": "riot"}, "phân loại"),
        ({"people_count": 0}, "Số người"),
        ({"subject": "Nội dung\x00"}, "ký tự không hợp lệ"),
        ({"visitor_name": "\u200b\u200b"}, "không được để trống"),
        ({"id_number": "0123<script>"}, "chữ và số"),
        ({"subject": "x" * 4001}, "dài quá"),
    ],
)
def test_bad_visits_are_refused_in_vietnamese_and_nothing_saved(tree, personas, fields, message):
    with at(2026, 3, 2), pytest.raises(DomainError, match=message):
        log(personas["commune_official"], tree.commune, **fields)
    assert not Visit.objects.exists() and not AuditEntry.objects.exists()


def test_script_is_kept_as_text(tree, personas):
    with at(2026, 3, 2):
        visit = log(personas["commune_official"], tree.commune, subject="<script>alert(1)</script>")
    assert visit.subject == "<script>alert(1)</script>"  # stored as text, escaped on every page


def test_only_the_communes_reception_officials_log(tree, personas):
    for persona in ("sibling_official", "village_head", "oversight_member", "citizen"):
        with at(2026, 3, 2), pytest.raises(PermissionDeniedError):
            log(personas[persona], tree.commune)
    with at(2026, 3, 2), pytest.raises(DomainError, match="cấp xã"):
        log(personas["province_official"], tree.province)
    assert not Visit.objects.exists() and not AuditEntry.objects.exists()


def test_the_four_answers_of_article_28(tree, personas, visit):
    official = personas["commune_official"]
    assert visit.answer_due_on == dt.date(2026, 3, 16)
    with at(2026, 3, 9):
        services.answer_visit(actor=official, visit=visit, outcome=Outcome.EXTENDED, answer="Cần xác minh.")
        with pytest.raises(DomainError, match="thêm thời gian"):
            services.answer_visit(actor=official, visit=visit, outcome=Outcome.EXTENDED, answer="Lần nữa")
    with at(2026, 3, 20):
        with pytest.raises(DomainError, match="chuyển đến"):
            services.answer_visit(actor=official, visit=visit, outcome=Outcome.TRANSFERRED, answer="Chuyển")
        services.answer_visit(
            actor=official, visit=visit, outcome=Outcome.TRANSFERRED, answer="Chuyển Thanh tra tỉnh.",
            transferred_to="Thanh tra tỉnh",
        )  # fmt: skip
        with pytest.raises(DomainError, match="đã được trả lời"):
            services.answer_visit(actor=official, visit=visit, outcome=Outcome.ACCEPTED, answer="x")
    visit.refresh_from_db()
    # The clock counts the first answer (an extension, on time); the final one follows it.
    assert (visit.answered_on, visit.answered_on_time, visit.outcome) == (
        dt.date(2026, 3, 9),
        True,
        "transferred",
    )
    assert visit.answer == "Cần xác minh.\nChuyển Thanh tra tỉnh."
    assert AuditEntry.objects.filter(action="reception.visit.answer").count() == 2


@pytest.mark.parametrize(
    ("answered_on", "message"),
    [
        (dt.date(2026, 3, 1), "từ ngày tiếp"),
        (dt.date(2026, 3, 30), "chưa đến"),
        (dt.date(2200, 1, 1), "khoảng"),
    ],
)
def test_bad_answer_dates_are_refused(tree, personas, visit, answered_on, message):
    with at(2026, 3, 10), pytest.raises(DomainError, match=message):
        services.answer_visit(
            actor=personas["commune_official"], visit=visit, outcome="accepted", answer="Thụ lý",
            answered_on=answered_on,
        )  # fmt: skip
    visit.refresh_from_db()
    assert visit.outcome == "" and not AuditEntry.objects.filter(action="reception.visit.answer").exists()


def test_a_late_answer_is_flagged_late(tree, personas, visit):
    with at(2026, 3, 17):
        assert visit.is_overdue
        services.answer_visit(
            actor=personas["commune_official"], visit=visit, outcome="accepted", answer="Thụ lý"
        )
    visit.refresh_from_db()
    assert visit.answered_on_time is False and not visit.is_overdue


def test_others_cannot_answer(tree, personas, visit):
    for persona in ("sibling_official", "village_head", "oversight_member", "citizen"):
        with at(2026, 3, 3), pytest.raises(PermissionDeniedError):
            services.answer_visit(actor=personas[persona], visit=visit, outcome="accepted", answer="x")
    visit.refresh_from_db()
    assert visit.outcome == "" and not AuditEntry.objects.filter(action="reception.visit.answer").exists()


def test_the_daily_round_reminds_before_the_date_and_once_overdue(tree, personas, visit):
    official = personas["commune_official"]  # focal officer of the commune: a reception manager
    # Due 16/03; the rulebook reminds 3 days before.
    assert services.remind_answers(dt.date(2026, 3, 11)) == {
        "reception_due_soon": 0, "reception_overdue": 0, "notifications": 0
    }  # fmt: skip
    assert services.remind_answers(dt.date(2026, 3, 13))["reception_due_soon"] == 1
    assert services.remind_answers(dt.date(2026, 3, 14))["reception_due_soon"] == 0  # once
    late = services.remind_answers(dt.date(2026, 3, 17))
    assert late == {"reception_due_soon": 0, "reception_overdue": 1, "notifications": 1}
    assert services.remind_answers(dt.date(2026, 3, 18))["reception_overdue"] == 0
    keys = sorted(Notification.objects.filter(user=official).values_list("key", flat=True))
    assert keys == [f"reception:visit:{visit.pk}:due", f"reception:visit:{visit.pk}:overdue"]
    # The sibling commune's official hears nothing of Chánh Lộ's visits.
    assert not Notification.objects.filter(user=personas["sibling_official"]).exists()


def test_an_answered_visit_is_not_reminded(tree, personas, visit):
    with at(2026, 3, 3):
        services.answer_visit(
            actor=personas["commune_official"], visit=visit, outcome="refused", answer="Hướng dẫn"
        )
    assert services.remind_answers(dt.date(2026, 3, 17))["reception_overdue"] == 0
    assert visit.received_on == MONDAY
