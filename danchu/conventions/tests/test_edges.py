"""Bad input through the pages and the services: Vietnamese messages, nothing half-saved; the daily
reminder, the statistics, the rules of the yearly review."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from danchu.accounts.models import Notification
from danchu.conventions import reminders, services, stats
from danchu.conventions.models import Convention, ConventionVersion, VersionState
from danchu.core.errors import DomainError
from danchu.core.models import AuditEntry

from .conftest import TEXT, adopt, at

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("title", "text", "message"),
    [
        ("Hương ước\x00", TEXT, "ký tự không hợp lệ"),
        ("Hương ước", "Điều 1. " + "x" * 400, "dài quá"),
        ("Hương ước", "<script>alert(1)</script>", "phải bắt đầu"),
        ("x" * 301, TEXT, "300"),
    ],
)
def test_bad_drafts_through_the_page(tree, personas, login, title, text, message):
    with at(2026, 3, 2):
        response = login(personas["village_head"]).post(
            reverse("conventions:create", args=[tree.village.pk]),
            {"kind": "huong_uoc", "title": title, "text": text},
        )
    assert response.status_code == 400 and message in response.content.decode()
    assert not Convention.objects.exists() and not AuditEntry.objects.exists()


def test_invisible_characters_are_stripped(tree, personas):
    with at(2026, 3, 2):
        convention = services.create_convention(
            actor=personas["village_head"],
            unit=tree.village,
            kind="quy_uoc",
            title="Quy\u200b ước\u202e",
            text=TEXT,
        )
    assert convention.title == "Quy ước"


@pytest.mark.parametrize(
    "data",
    [
        {"on": "31/12/9999", "present": "2", "approving": "2"},
        {"on": "02/04/2026", "present": "-1", "approving": "0"},
        {"on": "02/04/2026", "present": "99999999999", "approving": "0"},
        {"on": "ngày mai", "present": "2", "approving": "2"},
    ],
)
def test_bad_counts_and_dates_are_refused_in_words(tree, personas, login, posted, data):
    audits = AuditEntry.objects.count()
    with at(2026, 4, 2):
        response = login(personas["village_head"]).post(
            reverse("conventions:meeting", args=[posted.pk]), data, follow=True
        )
    assert response.status_code == 200 and "Kết quả họp:" in response.content.decode()
    assert ConventionVersion.objects.get(pk=posted.pk).state == VersionState.POSTED
    assert AuditEntry.objects.count() == audits


def test_future_and_out_of_range_dates_in_services(personas, posted):
    with at(2026, 4, 2), pytest.raises(DomainError, match="không được sau hôm nay"):
        services.record_meeting(
            actor=personas["village_head"], version=posted, on=dt.date(2026, 5, 1), present=2, approving=2
        )
    with at(2026, 4, 2), pytest.raises(DomainError, match="phải là số"):
        services.record_meeting(
            actor=personas["village_head"], version=posted, on=None, present=-5, approving=0
        )


def test_daily_job_reminds_overdue_filing_once(tree, personas, posted):
    version = adopt(personas, posted)
    assert reminders.remind_overdue(dt.date(2026, 4, 9))["conventions.filing_overdue"] == 0
    counts = reminders.remind_overdue(dt.date(2026, 4, 10))
    assert counts == {
        "conventions.filing_overdue": 1,
        "conventions.recognition_overdue": 0,
        "conventions.notified": 1,
    }
    reminders.remind_overdue(dt.date(2026, 4, 11))
    note = Notification.objects.get()
    assert note.user_id == personas["village_head"].pk and "Quá hạn gửi hồ sơ" in note.title
    with at(2026, 4, 13):
        services.file_with_commune(actor=personas["village_head"], version=version)
    counts = reminders.remind_overdue(dt.date(2026, 4, 21))
    assert counts["conventions.recognition_overdue"] == 1
    assert Notification.objects.filter(user=personas["commune_official"]).count() == 1


def test_statistics_and_review_date(tree, personas, in_force):
    figures = stats.report_statistics(
        [tree.commune.pk, tree.sibling.pk], dt.date(2026, 1, 1), dt.date(2026, 6, 30)
    )
    assert figures[tree.commune.pk] == {"in_force": 1, "recognised": 1, "reviewed": 0}
    assert figures[tree.sibling.pk] == {"in_force": 0, "recognised": 0, "reviewed": 0}
    assert stats.review_date(2026, tree.village) == dt.date(2026, 11, 18)
    assert not stats.review_overdue(
        in_force, dt.date(2026, 12, 1), dt.date(2026, 11, 18)
    )  # recognised this year
    assert stats.review_overdue(in_force, dt.date(2027, 11, 19), dt.date(2027, 11, 18))


def test_demo_gives_a_village_a_convention_in_force_and_an_amendment_posted(tree, personas):
    from danchu.conventions import demo

    tree.commune.code = "6673"
    tree.commune.save(update_fields=["code"])
    with at(2026, 11, 20):
        demo.seed(personas["admin"])
        demo.seed(personas["admin"])  # idempotent
    convention = Convention.objects.get()
    assert convention.status == "in_force" and convention.versions.count() == 2
    assert convention.versions.get(number=2).state == VersionState.POSTED


def _docx(text: str) -> bytes:
    import io

    from docx import Document

    document = Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_draft_uploaded_as_docx_is_read_into_articles(tree, personas, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("du-thao.docx", _docx(TEXT))
    with at(2026, 3, 2):
        response = login(personas["village_head"]).post(
            reverse("conventions:create", args=[tree.village.pk]),
            {"kind": "huong_uoc", "title": "Hương ước", "file": upload},
        )
    assert response.status_code == 302
    assert list(Convention.objects.get().versions.get().articles.values_list("number", flat=True)) == [
        1,
        2,
        3,
    ]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("du-thao.docx", b"%PDF-1.4\n%%EOF\n", "nội dung là"),
        ("du-thao.exe", b"MZ\x90\x00", "Không hỗ trợ"),
        ("du-thao.txt", b"", "rỗng"),
        ("du-thao.txt", b"x" * (30 * 1024 * 1024), "MB"),
    ],
)
def test_disguised_empty_or_oversized_uploads_are_refused(tree, personas, login, name, data, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with at(2026, 3, 2):
        response = login(personas["village_head"]).post(
            reverse("conventions:create", args=[tree.village.pk]),
            {"kind": "huong_uoc", "title": "Hương ước", "file": SimpleUploadedFile(name, data)},
        )
    assert response.status_code == 400 and message in response.content.decode()
    assert not Convention.objects.exists() and not AuditEntry.objects.exists()
