from __future__ import annotations

import datetime as dt

import pytest

from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.core.models import AuditEntry, Rule
from danchu.reception import schedule as sessions
from danchu.reception import services
from danchu.reception.models import ReceptionSchedule

from .conftest import at, make_schedule


def test_schedule_needs_the_rulebook_days_a_week(tree, personas):
    official = personas["commune_official"]
    before = AuditEntry.objects.count()
    with pytest.raises(DomainError, match="ít nhất 1 ngày") as refused:
        make_schedule(official, tree.commune, weekdays=[])
    assert refused.value.field == "weekdays"
    assert not ReceptionSchedule.objects.exists() and AuditEntry.objects.count() == before
    # A province that asks two days a week (an override of the rulebook) refuses one.
    national = Rule.objects.get(key="reception.chairman_min_days_per_week", scope_unit__isnull=True)
    Rule.objects.create(
        key=national.key, title=national.title, value=2, unit=national.unit, citation="QĐ tỉnh",
        effective_from=national.effective_from, scope_unit=tree.province, verified=True,
    )  # fmt: skip
    with pytest.raises(DomainError, match="ít nhất 2 ngày"):
        make_schedule(official, tree.commune, weekdays=[3])
    schedule = make_schedule(official, tree.commune, weekdays=[1, 3])
    assert schedule.weekdays == [1, 3]
    assert AuditEntry.objects.filter(action="reception.schedule.create").count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("weekdays", [5], "Thứ Hai đến Thứ Sáu"),
        ("place", "Trụ\x00 sở", "ký tự không hợp lệ"),
        ("chairman", "   ", "không được để trống"),
        ("stand_in", "Nguyễn Văn Thành", "người khác Chủ tịch"),
        ("morning", "x" * 41, "dài quá 40"),
    ],
)
def test_bad_schedules_are_refused_and_nothing_saved(tree, personas, field, value, message):
    with pytest.raises(DomainError, match=message):
        make_schedule(personas["commune_official"], tree.commune, **{field: value})
    assert not ReceptionSchedule.objects.exists() and not AuditEntry.objects.exists()


def test_only_a_commune_has_the_chairmans_schedule_and_only_its_officials_set_it(tree, personas):
    with pytest.raises(DomainError, match="cấp xã"):
        make_schedule(personas["province_official"], tree.province)
    for persona in ("sibling_official", "village_head", "oversight_member", "citizen"):
        with pytest.raises(PermissionDeniedError):
            make_schedule(personas[persona], tree.commune)
    assert not ReceptionSchedule.objects.exists() and not AuditEntry.objects.exists()


def test_invisible_characters_are_removed(tree, personas):
    schedule = make_schedule(personas["commune_official"], tree.commune, place="Trụ sở\u200b UBND\u202e")
    assert schedule.place == "Trụ sở UBND"


def test_a_holiday_moves_the_session_to_the_next_working_day(schedule):
    found = sessions.sessions(schedule, dt.date(2026, 4, 20), dt.date(2026, 5, 10))
    # Thursday 30/4 is a holiday and so is Friday 1/5: the session moves to Monday 4/5.
    assert [(s.day, s.planned_on) for s in found] == [
        (dt.date(2026, 4, 23), dt.date(2026, 4, 23)),
        (dt.date(2026, 5, 4), dt.date(2026, 4, 30)),
        (dt.date(2026, 5, 7), dt.date(2026, 5, 7)),
    ]
    assert found[1].moved and not found[0].moved
    # A session moved into the window from a planned day before it still counts.
    assert [s.day for s in sessions.sessions(schedule, dt.date(2026, 5, 4), dt.date(2026, 5, 4))] == [
        dt.date(2026, 5, 4)
    ]


def test_the_stand_in_receives_while_the_chairman_is_away(tree, personas, schedule):
    with at(2026, 3, 2):
        services.record_absence(
            actor=personas["commune_official"], unit=tree.commune, starts_on=dt.date(2026, 3, 9),
            ends_on=dt.date(2026, 3, 13), stand_in="Lê Văn Phó", reason="Học lớp bồi dưỡng",
        )  # fmt: skip
    found = sessions.sessions(schedule, dt.date(2026, 3, 2), dt.date(2026, 3, 20))
    assert [(s.day.day, s.host, s.stand_in) for s in found] == [
        (5, "Nguyễn Văn Thành", False),
        (12, "Lê Văn Phó", True),
        (19, "Nguyễn Văn Thành", False),
    ]
    assert AuditEntry.objects.filter(action="reception.absence.create").count() == 1


@pytest.mark.parametrize(
    ("starts", "ends", "message"),
    [
        (dt.date(2026, 3, 12), dt.date(2026, 3, 10), "từ ngày bắt đầu"),
        (dt.date(2026, 2, 1), dt.date(2026, 2, 5), "đã qua"),
        (dt.date(2026, 3, 10), dt.date(2026, 9, 10), "tối đa"),
        (dt.date(1, 1, 1), dt.date(2026, 3, 10), "khoảng"),
        (dt.date(2026, 3, 11), dt.date(2026, 3, 12), "Đã ghi Chủ tịch vắng"),
    ],
)
def test_bad_absences_are_refused(tree, personas, schedule, starts, ends, message):
    official = personas["commune_official"]
    with at(2026, 3, 2):
        services.record_absence(
            actor=official, unit=tree.commune, starts_on=dt.date(2026, 3, 12), ends_on=dt.date(2026, 3, 12),
            stand_in="Lê Văn Phó", reason="Công tác",
        )  # fmt: skip
        count = AuditEntry.objects.count()
        with pytest.raises(DomainError, match=message):
            services.record_absence(
                actor=official, unit=tree.commune, starts_on=starts, ends_on=ends, stand_in="X", reason="Y"
            )
    assert schedule.absences.count() == 1 and AuditEntry.objects.count() == count


def test_publishing_twice_is_refused(tree, personas, schedule):
    assert schedule.published_at is not None
    with pytest.raises(DomainError, match="đã được công bố"):
        services.publish_schedule(actor=personas["commune_official"], unit=tree.commune)
    assert AuditEntry.objects.filter(action="reception.schedule.publish").count() == 1
