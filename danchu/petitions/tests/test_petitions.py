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
