"""Petitions: intake with photos, routing, the SLA clock, resolving with evidence, rating, reopening."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from conftest import make_user
from danchu.accounts.models import Notification, Role
from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.core.models import AuditEntry
from danchu.petitions.models import Category, Letter, Outcome, Petition, Photo, PhotoKind, Status, Update
from danchu.petitions.services import letters, petitions, rating, sla
from danchu.petitions.services.photos import Upload

from .conftest import PDF, at, jpeg, report

pytestmark = pytest.mark.django_db


def test_a_report_is_registered_as_a_petition_routed_by_its_category(petition: Petition, works: Any) -> None:
    assert petition.letter.classification == "petition" and petition.letter.channel == "portal_guest"
    assert petition.agency == works and petition.status == Status.RECEIVED
    assert petition.due_on == dt.date(2026, 3, 9)  # 5 working days from Monday 02/03
    photo = Photo.objects.get(petition=petition)
    assert photo.kind == PhotoKind.REPORT and photo.file_kind == "jpeg"


def test_a_double_submission_is_one_petition(tree: Any, light: Category) -> None:
    with at(2026, 3, 2, 9, 0):
        first = report(tree.commune, light)
    with at(2026, 3, 2, 9, 3):
        again = report(tree.commune, light)
    assert first.pk == again.pk and Petition.objects.count() == 1 and Letter.objects.count() == 1


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (Upload("anh.jpg", b"<html><script>alert(1)</script></html>"), "không đúng định dạng"),
        (Upload("anh.jpg", b"\xff\xd8\xff" + b"\x00" * 100), "không phải ảnh hợp lệ"),
        (Upload("tai-lieu.pdf", PDF), "Ảnh phải là tệp JPEG, PNG hoặc WebP"),
        (Upload("anh.jpg", b"\xff\xd8\xff" + b"\x00" * (9 * 1024 * 1024)), "lớn quá"),
    ],
)
def test_a_bad_photo_leaves_nothing_behind(tree: Any, light: Category, upload: Upload, message: str) -> None:
    with at(2026, 3, 2), pytest.raises(DomainError) as refused:
        petitions.submit(
            actor=None,
            unit=tree.commune,
            category=light,
            channel="portal_guest",
            sender=petitions.SenderData(),
            subject="Đèn",
            description="Hỏng",
            address="12 Lê Lợi",
            uploads=[upload],
        )
    assert message in refused.value.message
    assert not Letter.objects.exists() and not Petition.objects.exists() and not Photo.objects.exists()


def test_a_large_photo_is_resized(tree: Any, light: Category) -> None:
    import io

    from PIL import Image

    with at(2026, 3, 2):
        petition, _ = petitions.submit(
            actor=None,
            unit=tree.commune,
            category=light,
            channel="portal_guest",
            sender=petitions.SenderData(),
            subject="Đèn",
            description="Hỏng",
            address="12 Lê Lợi",
            uploads=[Upload("a.jpg", jpeg(4000, 3000))],
        )
    stored = Photo.objects.get(petition=petition).file.read()
    assert max(Image.open(io.BytesIO(stored)).size) == 1600


def test_a_place_is_required(tree: Any, light: Category) -> None:
    with at(2026, 3, 2), pytest.raises(DomainError, match="địa điểm"):
        report(tree.commune, light, address="")
    with at(2026, 3, 2), pytest.raises(DomainError, match="Toạ độ"):
        report(tree.commune, light, address="", lat="91", long="105")


def test_the_whole_path_with_evidence_and_a_reopening(
    petition: Petition, personas: Any, works: Any, tree: Any, django_capture_on_commit_callbacks: Any
) -> None:
    official = personas["commune_official"]
    doer = make_user("ktht", Role.AGENCY_OFFICER, tree.commune, agency=works)
    with at(2026, 3, 2, 10):
        petitions.route(actor=official, petition=petition)
        assert Letter.objects.get(pk=petition.letter_id).outcome == Outcome.ACCEPTED
        assert Notification.objects.filter(user=doer).exists()
    with at(2026, 3, 3):
        petitions.start(actor=doer, petition=petition, note="Đã cử thợ.")
        with pytest.raises(DomainError, match="minh chứng"):
            petitions.resolve(actor=doer, petition=petition, answer="Đã thay bóng đèn.")
        assert Petition.objects.get(pk=petition.pk).status == Status.IN_PROGRESS
        petitions.resolve(
            actor=doer, petition=petition, answer="Đã thay bóng đèn.", evidence=[Upload("xong.jpg", jpeg())]
        )
    done = Petition.objects.get(pk=petition.pk)
    assert (
        done.status == Status.RESOLVED and not done.late and done.photos.filter(kind="evidence").count() == 1
    )
    with at(2026, 3, 4), pytest.raises(PermissionDeniedError):
        rating.rate(actor=personas["citizen"], petition=done, rating="not_satisfied", code="WRONG-CODE1")
    with at(2026, 3, 4):
        rating.rate(actor=None, petition=done, rating="not_satisfied", code=done.letter.tracking_code)
    reopened = Petition.objects.get(pk=petition.pk)
    assert reopened.status == Status.IN_PROGRESS and reopened.reopened == 1
    assert reopened.due_on == dt.date(2026, 3, 11)
    assert Update.objects.filter(petition=petition, external_status="REOPEN").exists()
    with at(2026, 3, 12):  # the new clock ran out
        assert reopened.overdue_on_day(dt.date(2026, 3, 12))
        counts = sla.daily_job(dt.date(2026, 3, 12))
    assert counts["petition.overdue"] == 1


def test_an_agency_officer_resolves_only_its_own(petition: Petition, personas: Any, tree: Any) -> None:
    other = make_user("vanphong", Role.AGENCY_OFFICER, tree.commune, agency=tree.agency)
    with at(2026, 3, 2, 10):
        petitions.route(actor=personas["commune_official"], petition=petition)
        with pytest.raises(PermissionDeniedError):
            petitions.start(actor=other, petition=petition)
    assert Petition.objects.get(pk=petition.pk).status == Status.ACCEPTED
    assert not AuditEntry.objects.filter(action="petitions.petition.start").exists()


def test_closing_as_duplicate_merges(tree: Any, light: Category, personas: Any) -> None:
    with at(2026, 3, 2):
        first = report(tree.commune, light)
        second = report(tree.commune, light, device="máy-2", text="Cột đèn số 12 tắt.")
        petitions.close(
            actor=personas["commune_official"],
            petition=second,
            status="duplicate",
            answer="Trùng phản ánh trước.",
            duplicate_of_id=first.pk,
        )
    merged = Petition.objects.get(pk=second.pk)
    assert merged.status == Status.DUPLICATE and merged.duplicate_of_id == first.pk


def test_a_transfer_registers_the_letter_at_the_named_unit(
    petition: Petition, personas: Any, tree: Any
) -> None:
    with at(2026, 3, 2, 11):
        received = letters.transfer(
            actor=personas["commune_official"],
            letter=petition.letter,
            to_unit=tree.province,
            reason="Thuộc thẩm quyền cấp tỉnh.",
        )
    assert received.unit == tree.province and received.channel == "forwarded"
    assert received.forwarded_from_id == petition.letter_id and received.sender.full_name == "Nguyễn Văn An"
    assert Petition.objects.get(pk=petition.pk).status == Status.TRANSFERRED


def test_a_guide_needs_a_reason_and_a_class(tree: Any, personas: Any) -> None:
    from .test_intake import desk

    official = personas["commune_official"]
    with at(2026, 3, 2):
        letter = desk(official, tree.commune)
        with pytest.raises(DomainError, match="phân loại"):
            letters.guide(actor=official, letter=letter, reason="Gửi Toà án.")
        letters.classify(actor=official, letter=letter, classification="complaint")
        with pytest.raises(DomainError, match="không được để trống"):
            letters.guide(actor=official, letter=letter, reason="")
        letters.guide(actor=official, letter=letter, reason="Gửi Toà án.")
    assert Letter.objects.get(pk=letter.pk).outcome == Outcome.GUIDED


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


def test_a_reopened_petition_needs_new_evidence(petition: Petition, personas: Any, tree: Any) -> None:
    official = personas["commune_official"]
    with at(2026, 3, 2, 10):
        petitions.route(actor=official, petition=petition)
    with at(2026, 3, 3):
        petitions.resolve(
            actor=official, petition=petition, answer="Đã thay bóng.", evidence=[Upload("a.jpg", jpeg())]
        )
    with at(2026, 3, 4):
        done = Petition.objects.get(pk=petition.pk)
        rating.rate(actor=None, petition=done, rating="not_satisfied", code=done.letter.tracking_code)
    before = AuditEntry.objects.count()
    with at(2026, 3, 5), pytest.raises(DomainError, match="minh chứng"):
        petitions.resolve(actor=official, petition=Petition.objects.get(pk=petition.pk), answer="Vẫn vậy.")
    assert Petition.objects.get(pk=petition.pk).status == Status.IN_PROGRESS
    assert AuditEntry.objects.count() == before
    with at(2026, 3, 6):
        petitions.resolve(
            actor=official,
            petition=Petition.objects.get(pk=petition.pk),
            answer="Đã thay cả cột.",
            evidence=[Upload("b.jpg", jpeg())],
        )
    assert Petition.objects.get(pk=petition.pk).status == Status.RESOLVED


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


def test_a_units_own_reminder_days_override_the_national_ones(
    tree: Any, light: Category, personas: Any
) -> None:
    from danchu.core.models import Rule
    from danchu.petitions.services import categories

    national = Rule.objects.get(key="reminder.days_before", scope_unit__isnull=True)
    assert national.value == 3
    Rule.objects.create(
        key=national.key,
        title=national.title,
        value=5,
        unit=national.unit,
        citation="Quyết định của UBND phường (thử)",
        effective_from=dt.date(2026, 1, 1),
        scope_unit=tree.commune,
    )
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
