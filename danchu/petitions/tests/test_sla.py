"""The daily SLA scan of petitions (đôn đốc phản ánh): reminders, overdue, escalation and late letters,
each told once, to who answers for them, in one message a day."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from conftest import make_user
from danchu.accounts.models import Notification, Role
from danchu.petitions.models import Category, Petition
from danchu.petitions.services import petitions, sla

from .conftest import at, report

pytestmark = pytest.mark.django_db


def _own_rule(key: str, value: int, unit: Any) -> None:
    """A unit's own value of a national rule, in force all of 2026."""
    from danchu.core.models import Rule

    national = Rule.objects.get(key=key, scope_unit__isnull=True)
    Rule.objects.create(
        key=key,
        title=national.title,
        value=value,
        unit=national.unit,
        citation="Quyết định của UBND (thử)",
        effective_from=dt.date(2026, 1, 1),
        scope_unit=unit,
    )


def test_the_daily_scan_reminds_then_marks_overdue_then_escalates(petition: Petition, personas: Any) -> None:
    def scan(day: int) -> dict[str, int]:
        with at(2026, 3, day, 7):
            return sla.daily_job(dt.date(2026, 3, day))

    assert scan(5)["petition.before"] == 0
    assert scan(6)["petition.before"] == 1  # 3 days before 09/03
    assert scan(6)["petition.before"] == 0  # once
    assert scan(10)["petition.overdue"] == 1
    assert scan(14)["petition.escalate"] == 1
    told = Notification.objects.filter(user=personas["commune_official"]).values_list("title", flat=True)
    assert "Phản ánh cần đôn đốc: 1 quá hạn lâu cần chỉ đạo" in told


def test_the_daily_scan_tells_each_person_once_with_the_count(
    tree: Any, light: Category, personas: Any, works: Any
) -> None:
    officer = make_user("ktht", Role.AGENCY_OFFICER, tree.commune, agency=works)
    with at(2026, 3, 2):
        for n in range(3):
            report(tree.commune, light, device=f"máy-{n}", text=f"Cột đèn số {n} tắt.")
    with at(2026, 3, 5):
        report(tree.commune, light, device="máy-9", text="Cột đèn số 9 tắt.")  # due 12/03
    with at(2026, 3, 10):
        counts = sla.daily_job(dt.date(2026, 3, 10))  # due 09/03: overdue today
        again = sla.daily_job(dt.date(2026, 3, 10))
    assert counts["petition.overdue"] == 3 and counts["petition.before"] == 1
    assert again["petition.overdue"] == again["petition.before"] == again["notifications"] == 0
    heard = Notification.objects.filter(user=officer, key__startswith="petition:digest:")
    assert [n.title for n in heard] == ["Phản ánh cần đôn đốc: 3 đã quá hạn, 1 sắp đến hạn"]
    assert heard.get().url == f"/phan-anh/don-vi/{tree.commune.pk}/hop-thu/?co-quan={works.pk}"
    boss = Notification.objects.get(user=personas["commune_official"], key__startswith="petition:digest:")
    assert boss.url == f"/phan-anh/don-vi/{tree.commune.pk}/hop-thu/"
    with at(2026, 3, 11):
        assert sla.daily_job(dt.date(2026, 3, 11))["petition.overdue"] == 0  # told once


def test_the_daily_scan_tells_only_who_answers_for_the_petition_now(
    petition: Petition, personas: Any, tree: Any, works: Any
) -> None:
    from django.utils import timezone

    from danchu.accounts.models import RoleAssignment
    from danchu.units.models import Agency, AgencyKind

    culture = Agency.objects.create(
        unit=tree.commune, name="Phòng Văn hoá - Xã hội", name_key="phong van hoa", kind=AgencyKind.SECTION
    )
    doer = make_user("ktht", Role.AGENCY_OFFICER, tree.commune, agency=works)
    other = make_user("vhxh", Role.AGENCY_OFFICER, tree.commune, agency=culture)  # another agency
    gone = make_user("cu", Role.AGENCY_OFFICER, tree.commune, agency=works)
    RoleAssignment.objects.filter(user=gone).update(revoked_at=timezone.now())  # no longer its officer
    sibling_boss = personas["sibling_official"]  # manages the sibling commune, not this one
    with at(2026, 3, 10, 7):
        assert sla.daily_job(dt.date(2026, 3, 10))["petition.overdue"] == 1
    told = set(Notification.objects.filter(key__startswith="petition:digest:").values_list("user", flat=True))
    assert told == {doer.pk, personas["commune_official"].pk}
    assert not {other.pk, gone.pk, sibling_boss.pk} & told


def test_a_units_own_reminder_days_override_the_national_ones(
    tree: Any, light: Category, personas: Any
) -> None:
    from danchu.core.models import Rule
    from danchu.petitions.services import categories

    assert Rule.objects.get(key="reminder.days_before", scope_unit__isnull=True).value == 3
    _own_rule("reminder.days_before", 5, tree.commune)
    lamp = categories.create_category(
        actor=personas["sibling_official"],
        unit=tree.sibling,
        code="street_light",
        name="Đèn chiếu sáng hỏng",
        agency=tree.sibling_agency,
        resolve_days=5,
    )
    with at(2026, 3, 2):
        here, there = report(tree.commune, light), report(tree.sibling, lamp)
    assert here.due_on == there.due_on == dt.date(2026, 3, 9)
    with at(2026, 3, 4):
        assert sla.daily_job(dt.date(2026, 3, 4))["petition.before"] == 1  # 5 days ahead: the ward only
        assert sla.daily_job(dt.date(2026, 3, 6))["petition.before"] == 1  # 3 days ahead: the commune
    for official in ("commune_official", "sibling_official"):
        told = Notification.objects.filter(user=personas[official], key__startswith="petition:digest:")
        assert [n.title for n in told] == ["Phản ánh cần đôn đốc: 1 sắp đến hạn"]


def test_a_clock_that_starts_inside_the_reminder_window_is_told_its_date_when_given(
    tree: Any, personas: Any, works: Any
) -> None:
    from danchu.petitions.services import categories

    urgent = categories.create_category(
        actor=personas["commune_official"],
        unit=tree.commune,
        code="fallen_tree",
        name="Cây đổ chắn đường",
        agency=works,
        resolve_days=1,
    )
    with at(2026, 3, 2, 7):
        assert sla.daily_job(dt.date(2026, 3, 2))["petition.before"] == 0  # the morning run
    officer = make_user("ktht", Role.AGENCY_OFFICER, tree.commune, agency=works)
    with at(2026, 3, 2, 9):
        fallen = report(tree.commune, urgent, text="Cây đổ chắn ngang đường Lê Lợi.")
        petitions.route(actor=personas["commune_official"], petition=fallen)
    assert fallen.due_on == dt.date(2026, 3, 3)  # already inside the 3-day reminder window
    routed = Notification.objects.get(user=officer, key=f"petition:{fallen.pk}:routed:{works.pk}:0")
    assert "hạn 03/03/2026" in routed.title  # the agency has the date from the start
    with at(2026, 3, 3, 7):
        counts = sla.daily_job(dt.date(2026, 3, 3))
    assert counts["petition.before"] == 0 and counts["petition.overdue"] == 0
    with at(2026, 3, 4, 7):
        counts = sla.daily_job(dt.date(2026, 3, 4))
    assert counts["petition.before"] == 0 and counts["petition.overdue"] == 1


def test_a_failed_run_is_covered_by_the_next(petition: Petition, monkeypatch: Any) -> None:
    from danchu.core import daily

    with at(2026, 3, 5):
        sla.daily_job(dt.date(2026, 3, 5))
    monkeypatch.setattr(sla, "deliver", lambda messages: 1 / 0)
    with at(2026, 3, 10), pytest.raises(ZeroDivisionError):
        sla.daily_job(dt.date(2026, 3, 10))  # the overdue day's run fails
    monkeypatch.undo()
    assert daily.last_run(sla.JOB).day == dt.date(2026, 3, 5)
    with at(2026, 3, 11):
        counts = sla.daily_job(dt.date(2026, 3, 11))
    assert counts["petition.overdue"] == 1 and counts["petition.before"] == 0  # 06/03's reminder too late


def test_a_trial_run_for_another_day_leaves_the_real_runs_alone(petition: Petition) -> None:
    from danchu.core import daily

    with at(2026, 3, 5, 7):
        sla.daily_job(dt.date(2026, 3, 5))
        trial = sla.daily_job(dt.date(2026, 3, 20))  # `run_reminders --date 2026-03-20`
        sla.daily_job(dt.date(2026, 3, 1))  # and one for a day already gone by
    assert trial["petition.overdue"] == 1
    last = daily.last_run(sla.JOB)
    assert last is not None and last.day == dt.date(2026, 3, 5)
    with at(2026, 3, 6, 7):
        assert sla.daily_job(dt.date(2026, 3, 6))["petition.before"] == 1  # still told on its day
    with at(2026, 3, 10, 7):
        assert sla.daily_job(dt.date(2026, 3, 10))["petition.overdue"] == 1


def test_a_changed_escalation_day_neither_skips_nor_repeats(petition: Petition) -> None:
    from danchu.core.models import Rule

    national = Rule.objects.get(key="reminder.escalate_days_overdue", scope_unit__isnull=True)
    m = int(national.value)
    assert m >= 3
    day = petition.due_on + dt.timedelta(days=m - 1)  # the day before its escalation under M
    with at(day.year, day.month, day.day, 7):
        assert sla.daily_job(day)["petition.escalate"] == 0
    # From the next day the rule asks for two days fewer: the escalation it already passed is not lost.
    Rule.objects.filter(pk=national.pk).update(effective_to=day)
    Rule.objects.create(
        key=national.key,
        title=national.title,
        value=m - 2,
        unit=national.unit,
        citation="Quy định mới (thử)",
        effective_from=day + dt.timedelta(days=1),
    )
    told = []
    for n in range(1, 5):
        d = day + dt.timedelta(days=n)
        with at(d.year, d.month, d.day, 7):
            told.append(sla.daily_job(d)["petition.escalate"])
    assert told == [1, 0, 0, 0]  # at once, and once


def test_someone_who_manages_and_answers_for_an_agency_opens_the_whole_inbox(
    petition: Petition, personas: Any, works: Any, tree: Any
) -> None:
    from danchu.accounts.models import RoleAssignment

    official = personas["commune_official"]
    RoleAssignment.objects.create(user=official, role=Role.AGENCY_OFFICER, unit=tree.commune, agency=works)
    with at(2026, 3, 10, 7):
        assert sla.daily_job(dt.date(2026, 3, 10))["petition.overdue"] == 1
    told = Notification.objects.get(user=official, key__startswith="petition:digest:")
    assert told.url == f"/phan-anh/don-vi/{tree.commune.pk}/hop-thu/"  # not filtered to one agency


def test_a_provinces_own_escalation_days_do_not_break_the_scan(petition: Petition, tree: Any) -> None:

    _own_rule("reminder.escalate_days_overdue", 2, tree.province)
    with at(2026, 3, 5, 7):
        sla.daily_job(dt.date(2026, 3, 5))  # the widest escalation range of the first run has no start
    with at(2026, 3, 10, 7):
        assert sla.daily_job(dt.date(2026, 3, 10))["petition.overdue"] == 1
    with at(2026, 3, 11, 7):
        assert sla.daily_job(dt.date(2026, 3, 11))["petition.escalate"] == 1  # 2 days after 09/03


def test_a_trial_run_does_not_take_the_place_of_the_days_own_message(
    petition: Petition, tree: Any, light: Category, works: Any
) -> None:
    from danchu.petitions.models import Status

    officer = make_user("ktht", Role.AGENCY_OFFICER, tree.commune, agency=works)
    with at(2026, 3, 5, 7):
        sla.daily_job(dt.date(2026, 3, 5))
        assert sla.daily_job(dt.date(2026, 3, 6))["petition.before"] == 1  # a trial of tomorrow: about A
    with at(2026, 3, 5, 10):
        Petition.objects.filter(pk=petition.pk).update(status=Status.RESOLVED)  # A is settled
        b = report(tree.commune, light, device="máy-2", text="Cột đèn số 7 tắt.")
        Petition.objects.filter(pk=b.pk).update(due_on=dt.date(2026, 3, 9))  # B: due the same day
    with at(2026, 3, 6, 7):
        assert sla.daily_job(dt.date(2026, 3, 6))["petition.before"] == 1  # B, on its only day
    keys = sorted(
        Notification.objects.filter(user=officer, key__startswith="petition:digest:20260306").values_list(
            "key", flat=True
        )
    )
    assert len(keys) == 2 and keys[0] == "petition:digest:20260306"
    assert keys[1].startswith("petition:digest:20260306-trial-")
