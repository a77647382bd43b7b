from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.http import Http404
from django.utils import translation

from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.core.models import AuditEntry, SearchEntry
from danchu.disclosures import selectors, services
from danchu.disclosures.models import (
    Attachment,
    ChannelProof,
    Disclosure,
    DisclosureItem,
    DisclosureState,
    Status,
)

from .conftest import PDF, PNG, at, draft

SCRIPTED_PDF_ACTION = b"/Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>"


def test_draft_takes_window_and_channels_from_rulebook_and_catalogue(tree, personas):
    with at(2026, 3, 1):
        disclosure = draft(personas["commune_official"], tree.commune, item_codes=["11.7"], starts_on=None)
    assert disclosure.starts_on == dt.date(2026, 3, 1)
    assert disclosure.ends_on == dt.date(2026, 3, 30)  # 30 days on the board (rulebook)
    assert disclosure.channels == ["notice_board", "portal", "loudspeaker", "village_head"]
    assert disclosure.status_on(dt.date(2026, 3, 1)) == Status.DRAFT
    entry = AuditEntry.objects.get(action="disclosures.disclosure.create")
    assert entry.after["items"] == ["11.7"]


def test_plain_text_body_becomes_paragraphs_and_html_is_cleaned(tree, personas):
    disclosure = draft(personas["commune_official"], tree.commune, body="Dòng một\n\nDòng 2 < 3 & ba")
    assert disclosure.body == "<p>Dòng một</p><p>Dòng 2 &lt; 3 &amp; ba</p>"
    rich = draft(
        personas["commune_official"],
        tree.commune,
        body='<p style="color:red">Xem <a href="https://hanoi.gov.vn">cổng</a></p><img src="x.png">',
    )
    assert (
        rich.body == '<p>Xem <a href="https://hanoi.gov.vn" rel="noopener noreferrer nofollow">cổng</a></p>'
    )


@pytest.mark.parametrize(
    "body",
    [
        "<p>Xin chào</p><script>alert(1)</script>",
        '<p onclick="steal()">Bấm vào đây</p>',
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">link</a>',
        "<svg><circle/></svg>",
    ],
)
def test_active_html_is_refused_and_nothing_saved(tree, personas, body):
    with pytest.raises(DomainError, match="script"):
        draft(personas["commune_official"], tree.commune, body=body)
    assert (
        not Disclosure.objects.exists()
        and not AuditEntry.objects.filter(action__startswith="disclosures").exists()
    )


def test_bad_windows_and_items_are_refused(tree, personas):
    official = personas["commune_official"]
    with pytest.raises(DomainError, match=r"Ngày kết thúc \(01/03/2026\) phải sau ngày bắt đầu") as exc:
        draft(official, tree.commune, starts_on=dt.date(2026, 3, 5), ends_on=dt.date(2026, 3, 1))
    assert exc.value.field == "ends_on"
    with pytest.raises(DomainError, match="ít nhất 30 ngày"):
        draft(official, tree.commune, starts_on=dt.date(2026, 3, 1), ends_on=dt.date(2026, 3, 10))
    # A notice not on the board (portal only) may be shorter.
    assert draft(official, tree.commune, channels=["portal"], ends_on=dt.date(2026, 3, 5)).pk
    with pytest.raises(DomainError, match=r"Không có nội dung công khai mã 99\.9"):
        draft(official, tree.commune, item_codes=["99.9"])
    with pytest.raises(DomainError, match="Chọn ít nhất một nội dung"):
        draft(official, tree.commune, item_codes=[])
    with pytest.raises(DomainError, match="Hình thức công khai không hợp lệ"):
        draft(official, tree.commune, channels=["zalo-group"])
    with pytest.raises(DomainError, match="Ngày văn bản"):
        draft(official, tree.commune, document_date=dt.date(2026, 4, 1))
    with pytest.raises(DomainError, match="không hợp lệ"):
        draft(official, tree.commune, title="Tiêu đề\x00")
    assert Disclosure.objects.count() == 1


def test_only_the_unit_and_those_above_may_draft(tree, personas):
    for persona in ("sibling_official", "village_head", "citizen", "oversight_member"):
        with pytest.raises(PermissionDeniedError):
            draft(personas[persona], tree.commune)
    assert draft(personas["province_official"], tree.commune).unit == tree.commune


def test_publish_posts_indexes_and_announces(tree, personas, posted):
    assert posted.state == DisclosureState.PUBLISHED and posted.published_at
    assert posted.status_on(dt.date(2026, 3, 2)) == Status.POSTED
    assert posted.status_on(dt.date(2026, 3, 31)) == Status.POSTED
    assert posted.status_on(dt.date(2026, 4, 1)) == Status.EXPIRED
    entry = SearchEntry.objects.get(kind="disclosure", object_id=posted.pk)
    assert entry.title_key == "du toan ngan sach phuong nam 2026" and entry.categories == "|11.2a|"
    posted.refresh_from_db()
    assert posted.announced_at is not None  # no subscribers, but marked once (conftest runs on_commit)
    with pytest.raises(DomainError, match="Chỉ sửa được dự thảo"):
        services.update_draft(
            actor=personas["commune_official"], disclosure=posted, title="x", item_codes=["11.1"], body="",
            channels=["portal"], document_number="", document_date=None,
            starts_on=posted.starts_on, ends_on=posted.ends_on,
        )  # fmt: skip


def test_publishing_cannot_backdate_posting(tree, personas):
    disclosure = draft(personas["commune_official"], tree.commune, starts_on=dt.date(2026, 3, 2))
    with at(2026, 3, 5), pytest.raises(DomainError, match="không thể ghi lùi ngày niêm yết"):
        services.publish(actor=personas["commune_official"], disclosure=disclosure)
    disclosure.refresh_from_db()
    assert disclosure.state == DisclosureState.DRAFT and not SearchEntry.objects.exists()


def test_scheduled_disclosure_is_announced_by_the_daily_job(tree, personas, mailoutbox):
    with at(2026, 3, 2):
        future = draft(personas["commune_official"], tree.commune, starts_on=dt.date(2026, 3, 10))
        services.publish(actor=personas["commune_official"], disclosure=future)
    future.refresh_from_db()
    assert future.status_on(dt.date(2026, 3, 2)) == Status.SCHEDULED and future.announced_at is None
    assert services.announce_started(dt.date(2026, 3, 9)) == {"disclosures.announced": 0}
    assert services.announce_started(dt.date(2026, 3, 10)) == {"disclosures.announced": 1}
    future.refresh_from_db()
    assert future.announced_at is not None
    assert services.announce_started(dt.date(2026, 3, 11)) == {"disclosures.announced": 0}


def test_replacing_supersedes_the_old_one(tree, personas, posted):
    with at(2026, 3, 20):
        new = draft(personas["commune_official"], tree.commune, title="Dự toán (điều chỉnh)",
                    starts_on=dt.date(2026, 3, 20), replaces=posted)  # fmt: skip
        services.publish(actor=personas["commune_official"], disclosure=new)
    posted.refresh_from_db()
    assert posted.state == DisclosureState.SUPERSEDED and "Dự toán (điều chỉnh)" in posted.ended_reason
    assert posted.status_on(dt.date(2026, 3, 21)) == Status.SUPERSEDED


def test_withdraw_needs_a_reason_and_leaves_search(tree, personas, posted):
    with pytest.raises(DomainError, match="không được để trống"):
        services.withdraw(actor=personas["commune_official"], disclosure=posted, reason="  ")
    services.withdraw(actor=personas["commune_official"], disclosure=posted, reason="Nhầm số liệu quý.")
    posted.refresh_from_db()
    assert posted.state == DisclosureState.WITHDRAWN and posted.ended_reason == "Nhầm số liệu quý."
    assert not SearchEntry.objects.exists()
    with pytest.raises(DomainError, match="đã được gỡ"):
        services.withdraw(actor=personas["commune_official"], disclosure=posted, reason="Lần nữa")


def test_attachments_checked_by_content(tree, personas, settings):
    official = personas["commune_official"]
    disclosure = draft(official, tree.commune)
    kept = services.add_attachment(actor=official, disclosure=disclosure, name="du-toan.pdf", data=PDF)
    assert (kept.kind, kept.size) == ("pdf", len(PDF))
    photo = services.add_attachment(actor=official, disclosure=disclosure, name="bang-tin.png", data=PNG)
    assert photo.kind == "png"
    bad = [
        ("du-toan.pdf", PNG, "không khớp với tên tệp"),
        ("trang.html", b"<html><script>alert(1)</script></html>", "phải là PDF"),
        ("anh.png", PNG + b"<script>alert(1)</script>", "mã thực thi"),
        ("bao-cao.pdf", PDF.replace(b"/Catalog", SCRIPTED_PDF_ACTION), "mã thực thi"),
        ("rong.pdf", b"", "rỗng"),
    ]  # fmt: skip
    for name, data, message in bad:
        with pytest.raises(DomainError, match=message):
            services.add_attachment(actor=official, disclosure=disclosure, name=name, data=data)
    macro = io.BytesIO()
    with zipfile.ZipFile(macro, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/vbaProject.bin", b"\x00")
    with pytest.raises(DomainError, match="macro"):
        services.add_attachment(actor=official, disclosure=disclosure, name="qd.docx", data=macro.getvalue())
    settings.DANCHU_MAX_UPLOAD_BYTES = 100
    with pytest.raises(DomainError, match="Tệp quá lớn"):
        services.add_attachment(actor=official, disclosure=disclosure, name="lon.pdf", data=PDF + b" " * 200)
    assert Attachment.objects.count() == 2
    assert AuditEntry.objects.filter(action="disclosures.attachment.add").count() == 2


def test_proof_rules(tree, personas, posted):
    official, head = personas["commune_official"], personas["village_head"]
    with at(2026, 3, 3):
        proof = services.record_proof(actor=head, disclosure=posted, channel="notice_board",
                                      day=dt.date(2026, 3, 2), place="Nhà văn hoá tổ 1", file_name="anh.png",
                                      file_data=PNG)  # fmt: skip
        assert proof.file_kind == "png" and proof.recorded_by == head
        cases = [
            (dict(channel="loudspeaker"), "không công khai qua hình thức “Hệ thống truyền thanh”"),
            (dict(channel="portal"), "hệ thống tự ghi nhận"),
            (dict(day=dt.date(2026, 3, 1)), "trong thời gian công khai, từ 02/03/2026 đến 03/03/2026"),
            (dict(day=dt.date(2026, 3, 4)), "trong thời gian công khai"),
            (dict(place=""), "không được để trống"),
            (dict(file_name="a.pdf", file_data=PNG), "không khớp"),
        ]
        for change, message in cases:
            fields = {"channel": "notice_board", "day": dt.date(2026, 3, 2), "place": "Bảng tin", **change}
            with pytest.raises(DomainError, match=message):
                services.record_proof(actor=official, disclosure=posted, **fields)
        # Someone outside the unit cannot witness a posting, however high their office.
        for outsider in ("sibling_official", "province_official", "admin", "citizen"):
            with pytest.raises(PermissionDeniedError):
                services.record_proof(actor=personas[outsider], disclosure=posted, channel="notice_board",
                                      day=dt.date(2026, 3, 2), place="Bảng tin")  # fmt: skip
    assert ChannelProof.objects.count() == 1
    assert AuditEntry.objects.filter(action="disclosures.proof.record").count() == 1


def test_loudspeaker_log_one_row_per_day(tree, personas):
    official = personas["commune_official"]
    with at(2026, 3, 2):
        disclosure = draft(official, tree.commune, item_codes=["11.7"])
        services.publish(actor=official, disclosure=disclosure)
    with at(2026, 3, 6):
        for day in (2, 3):
            services.record_proof(actor=official, disclosure=disclosure, channel="loudspeaker",
                                  day=dt.date(2026, 3, day), place="Đài phường")  # fmt: skip
        with pytest.raises(DomainError, match="Nhật ký phát thanh ngày 03/03/2026 đã được ghi"):
            services.record_proof(actor=official, disclosure=disclosure, channel="loudspeaker",
                                  day=dt.date(2026, 3, 3), place="Đài phường")  # fmt: skip


def test_catalogue_verified_items_are_fixed(tree, personas):
    verified, open_item = DisclosureItem.objects.get(code="11.1"), DisclosureItem.objects.get(code="11.5")
    fields = dict(title="Sửa", recurrence="yearly", channels=["portal"], mandatory=True, broadcast=False,
                  posting_days=None, note="")  # fmt: skip
    with pytest.raises(DomainError, match="đã được đối chiếu"):
        services.update_item(actor=personas["admin"], item=verified, **fields)
    with pytest.raises(PermissionDeniedError):
        services.update_item(actor=personas["province_official"], item=open_item, **fields)
    services.update_item(actor=personas["admin"], item=open_item, **{**fields, "posting_days": 45})
    open_item.refresh_from_db()
    assert open_item.title == "Sửa" and open_item.posting_days == 45
    assert DisclosureItem.objects.filter(verified=True).count() == 9


def test_subscription_double_opt_in_and_one_click_unsubscribe(
    tree, mailoutbox, django_capture_on_commit_callbacks
):
    from danchu.disclosures.models import Subscription

    with pytest.raises(DomainError, match="không hợp lệ"):
        services.subscribe(email="khong-phai-email", unit=tree.commune)
    with pytest.raises(DomainError, match="xã, phường"):
        services.subscribe(email="an@example.vn", unit=tree.province)
    with django_capture_on_commit_callbacks(execute=True):
        subscription = services.subscribe(email="An@Example.vn", unit=tree.commune)
    assert subscription.email == "an@example.vn" and not subscription.active
    assert len(mailoutbox) == 1 and f"/dang-ky/{subscription.token}/xac-nhan/" in mailoutbox[0].body
    assert services.subscribe(email="an@example.vn", unit=tree.commune).pk == subscription.pk
    assert len(mailoutbox) == 1  # no second email within ten minutes
    services.confirm(token=subscription.token)
    subscription.refresh_from_db()
    assert subscription.active
    with pytest.raises(DomainError, match="không đúng"):
        services.confirm(token="nope")
    services.unsubscribe(token=subscription.token)
    subscription.refresh_from_db()
    assert not subscription.active
    entries = AuditEntry.objects.filter(action__startswith="disclosures.subscription")
    assert entries.count() == 3 and all("an@example.vn" not in str(e.after) for e in entries)
    assert Subscription.objects.count() == 1


def test_announcement_reaches_confirmed_subscribers_once_with_unsubscribe_headers(
    tree, personas, mailoutbox, django_capture_on_commit_callbacks
):
    both = services.subscribe(email="an@example.vn", unit=tree.commune)
    services.confirm(token=both.token)
    by_item = services.subscribe(
        email="an@example.vn", unit=tree.commune, item=DisclosureItem.objects.get(code="11.2a")
    )
    services.confirm(token=by_item.token)
    other = services.subscribe(
        email="binh@example.vn", unit=tree.commune, item=DisclosureItem.objects.get(code="11.7")
    )
    services.confirm(token=other.token)
    pending = services.subscribe(email="cuong@example.vn", unit=tree.commune)
    mailoutbox.clear()
    with at(2026, 3, 2), django_capture_on_commit_callbacks(execute=True):
        disclosure = draft(personas["commune_official"], tree.commune)
        services.publish(actor=personas["commune_official"], disclosure=disclosure)
    assert [m.to for m in mailoutbox] == [["an@example.vn"]]
    message = mailoutbox[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/huy/" in message.extra_headers["List-Unsubscribe"] and disclosure.title in message.subject
    assert pending.token not in message.body


def test_refusals_name_the_field_in_english(tree, personas, posted):
    """An English reader gets the field's English name, never its key (“title”, “reason”, “place”)."""
    official = personas["commune_official"]
    with translation.override("en"), at(2026, 3, 3):
        cases = [
            (lambda: draft(official, tree.commune, title=" "), "The field “Title” is required.", "title"),
            (
                lambda: services.withdraw(actor=official, disclosure=posted, reason="x" * 1001),
                "The field “Reason for withdrawal” is longer than 1000 characters.",
                "reason",
            ),
            (
                lambda: services.record_proof(
                    actor=official,
                    disclosure=posted,
                    channel="notice_board",
                    day=dt.date(2026, 3, 2),
                    place="Bảng\x00tin",
                ),
                "The field “Place of posting” contains invalid characters.",
                "place",
            ),
            (
                lambda: services.subscribe(email="\u200b", unit=tree.commune),
                "The field “Email” is required.",
                "email",
            ),
        ]
        for call, message, field in cases:
            with pytest.raises(DomainError) as refused:
                call()
            assert (refused.value.message, refused.value.field) == (message, field)
        with pytest.raises(Http404, match=r"^There is no such disclosure item\.$"):
            selectors.item_by_code("99.9")
        with pytest.raises(Http404, match=r"^The requested attachment was not found\.$"):
            selectors.public_attachment(10**12, dt.date(2026, 3, 3))
    posted.refresh_from_db()
    assert posted.state == DisclosureState.PUBLISHED and not ChannelProof.objects.exists()
    assert Disclosure.objects.count() == 1
