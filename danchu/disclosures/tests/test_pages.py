"""Officials' pages and the citizens' portal over HTTP: the journey, bad input, safe files, query counts."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danchu.core.models import AuditEntry
from danchu.disclosures import services
from danchu.disclosures.models import Disclosure, DisclosureItem, DisclosureState, Subscription

from .conftest import PDF, PNG, at, draft


def test_official_drafts_attaches_publishes_and_proves(tree, personas, login):
    with at(2026, 3, 2):
        client = login(personas["commune_official"])
        bad = client.post(f"/cong-khai/don-vi/{tree.commune.pk}/moi/", {
            "title": "Kết quả bình xét hộ nghèo", "items": ["11.7"], "starts_on": "02/03/2026",
            "ends_on": "01/02/2026", "body": "<p onmouseover=x>Danh sách</p>",
        })  # fmt: skip
        assert bad.status_code == 400 and "script" in bad.text
        bad_date = client.post(f"/cong-khai/don-vi/{tree.commune.pk}/moi/", {
            "title": "Kết quả bình xét hộ nghèo", "items": ["11.7"], "starts_on": "31/02/2026",
        })  # fmt: skip
        assert bad_date.status_code == 400 and "ngày/tháng/năm" in bad_date.text
        assert not Disclosure.objects.exists()
        created = client.post(f"/cong-khai/don-vi/{tree.commune.pk}/moi/", {
            "title": "Kết quả bình xét hộ nghèo", "items": ["11.7"], "starts_on": "02/03/2026",
            "channels": ["notice_board", "portal"], "body": "Danh sách 12 hộ.",
        })  # fmt: skip
        disclosure = Disclosure.objects.get()
        assert created.status_code == 302 and created["Location"] == f"/cong-khai/{disclosure.pk}/"
        upload = SimpleUploadedFile("danh-sach.pdf", PDF, content_type="application/pdf")
        client.post(f"/cong-khai/{disclosure.pk}/tep/", {"file": upload})
        fake = SimpleUploadedFile("anh.png", PDF, content_type="image/png")
        page = client.post(f"/cong-khai/{disclosure.pk}/tep/", {"file": fake}, follow=True)
        assert "không khớp với tên tệp" in page.text and disclosure.attachments.count() == 1
        client.post(f"/cong-khai/{disclosure.pk}/phat-hanh/")
        disclosure.refresh_from_db()
        assert disclosure.state == DisclosureState.PUBLISHED
        proof = SimpleUploadedFile("bang-tin.png", PNG, content_type="image/png")
        client.post(f"/cong-khai/{disclosure.pk}/minh-chung/", {
            "channel": "notice_board", "day": "02/03/2026", "place": "Bảng tin UBND", "file": proof,
        })  # fmt: skip
        detail = client.get(f"/cong-khai/{disclosure.pk}/")
    assert (
        detail.status_code == 200 and "Bảng tin UBND" in detail.text and "Hệ thống tự ghi nhận" in detail.text
    )
    assert disclosure.proofs.get().file_kind == "png"
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"disclosures.disclosure.create", "disclosures.attachment.add", "disclosures.disclosure.publish",
            "disclosures.proof.record"} <= actions  # fmt: skip


def test_portal_shows_posted_now_then_archive_only(tree, personas, posted, client):
    with at(2026, 3, 10):
        page = client.get(f"/don-vi/{tree.commune.pk}/")
        assert posted.title in page.text and "Đang công khai" in page.text
        assert posted.title in client.get(f"/don-vi/{tree.commune.pk}/?muc=11.2a").text
        assert posted.title not in client.get(f"/don-vi/{tree.commune.pk}/?muc=11.1").text
        assert client.get(f"/cong-bo/{posted.pk}/").status_code == 200
    with at(2026, 4, 1):  # the window ended yesterday
        assert posted.title not in client.get(f"/don-vi/{tree.commune.pk}/").text
        archive = client.get(f"/don-vi/{tree.commune.pk}/luu-tru/")
        assert posted.title in archive.text and "hết thời hạn công khai" in archive.text
        assert "Hết thời hạn công khai" in client.get(f"/cong-bo/{posted.pk}/").text


def test_drafts_and_withdrawn_are_not_public(tree, personas, posted, client):
    hidden = draft(personas["commune_official"], tree.commune, title="Bản nháp nội bộ")
    attachment = services.add_attachment(
        actor=personas["commune_official"], disclosure=hidden, name="a.pdf", data=PDF
    )
    with at(2026, 3, 10):
        assert client.get(f"/cong-bo/{hidden.pk}/").status_code == 404
        assert client.get(f"/cong-bo/tep/{attachment.pk}/").status_code == 404
        assert "Bản nháp" not in client.get(f"/don-vi/{tree.commune.pk}/luu-tru/").text
        services.withdraw(actor=personas["commune_official"], disclosure=posted, reason="Sai số liệu")
        gone = client.get(f"/cong-bo/{posted.pk}/")
        assert gone.status_code == 410 and "Sai số liệu" in gone.text and "Tổng thu" not in gone.text


def test_files_are_served_with_their_checked_type_and_a_sandbox(tree, personas, client):
    official = personas["commune_official"]
    with at(2026, 3, 2):
        disclosure = draft(official, tree.commune)
        pdf = services.add_attachment(actor=official, disclosure=disclosure, name="du-toan.pdf", data=PDF)
        png = services.add_attachment(actor=official, disclosure=disclosure, name="anh.png", data=PNG)
        services.publish(actor=official, disclosure=disclosure)
        document = client.get(f"/cong-bo/tep/{pdf.pk}/")
        photo = client.get(f"/cong-bo/tep/{png.pk}/")
    assert document["Content-Type"] == "application/pdf" and document["Content-Disposition"].startswith(
        "attachment"
    )
    assert b"".join(document.streaming_content) == PDF
    assert photo["Content-Type"] == "image/png" and photo["Content-Disposition"].startswith("inline")
    for response in (document, photo):
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"].startswith("sandbox")


def test_search_page_without_diacritics_and_bad_dates(tree, posted, client):
    with at(2026, 3, 10):
        found = client.get("/tim-kiem/", {"q": "du toan ngan sach", "don_vi": tree.commune.pk})
        assert posted.title in found.text
        odd = client.get("/tim-kiem/", {"q": "ngân sách", "tu": "31/02/2026"})
        assert odd.status_code == 200 and "không đúng dạng" in odd.text and posted.title in odd.text
        huge = client.get("/tim-kiem/", {"q": "đất " * 3000})
        assert huge.status_code == 200 and "200 ký tự đầu" in huge.text
        assert client.get("/tim-kiem/", {"q": 'NEAR("a" b) OR *'}).status_code == 200


def test_atom_feeds_per_commune_and_category(tree, posted, client):
    with at(2026, 3, 10):
        whole = client.get(f"/don-vi/{tree.commune.pk}/cong-khai.atom")
        one = client.get(f"/don-vi/{tree.commune.pk}/muc/11.2a.atom")
        other = client.get(f"/don-vi/{tree.commune.pk}/muc/11.1.atom")
        assert client.get(f"/don-vi/{tree.commune.pk}/muc/khong-co.atom").status_code == 404
    ns = {"a": "http://www.w3.org/2005/Atom"}
    for response in (whole, one):
        assert response["Content-Type"].startswith("application/atom+xml")
        feed = ET.fromstring(response.content)  # noqa: S314 (our own feed)
        assert [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)] == [posted.title]
    assert ET.fromstring(other.content).findall("a:entry", ns) == []  # noqa: S314


def test_subscription_pages(tree, client, settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.DANCHU_SITE_URL = "http://127.0.0.1:8123"  # the address the server was started on
    bad = client.post(f"/don-vi/{tree.commune.pk}/dang-ky/", {"email": "khong hop le"})
    assert bad.status_code == 400 and "không hợp lệ" in bad.text
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(f"/don-vi/{tree.commune.pk}/dang-ky/", {"email": "an@example.vn", "item": "11.2a"})
    assert "thư xác nhận" in sent.text and len(mailoutbox) == 1
    subscription = Subscription.objects.get()
    link = f"http://127.0.0.1:8123/dang-ky/{subscription.token}/xac-nhan/"
    assert link in mailoutbox[0].body.split()
    assert client.get(link.removeprefix(settings.DANCHU_SITE_URL)).status_code == 200
    subscription.refresh_from_db()
    assert subscription.active
    # Opening the link (or a link checker doing so) asks; only the button (or RFC 8058 POST) unsubscribes.
    ask = client.get(f"/dang-ky/{subscription.token}/huy/")
    subscription.refresh_from_db()
    assert "Huỷ nhận tin" in ask.text and subscription.active
    client.post(f"/dang-ky/{subscription.token}/huy/")
    subscription.refresh_from_db()
    assert not subscription.active
    assert client.get("/dang-ky/sai-ma/xac-nhan/").status_code == 400


def _portal_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_portal_query_counts_do_not_grow_with_disclosures(tree, personas, client):
    official = personas["commune_official"]

    def add(n):
        for i in range(n):
            d = draft(official, tree.commune, title=f"Thông báo số {i}", item_codes=["11.3a", "11.10"])
            services.add_attachment(actor=official, disclosure=d, name="a.pdf", data=PDF)
            services.publish(actor=official, disclosure=d)

    pages = [
        f"/don-vi/{tree.commune.pk}/",
        f"/don-vi/{tree.commune.pk}/?muc=11.3a",
        f"/don-vi/{tree.commune.pk}/luu-tru/",
        f"/don-vi/{tree.commune.pk}/cong-khai.atom",
        "/tim-kiem/?q=thong+bao",
    ]
    with at(2026, 3, 2):
        add(2)
        few = [_portal_queries(client, url) for url in pages]
        add(25)
        many = [_portal_queries(client, url) for url in pages]
        detail = Disclosure.objects.first()
        assert _portal_queries(client, f"/cong-bo/{detail.pk}/") == 5
    assert few == many


def test_compliance_pages_for_commune_and_province(tree, personas, posted, login):
    with at(2026, 5, 1):
        client = login(personas["province_official"])
        commune = client.get(f"/cong-khai/don-vi/{tree.commune.pk}/tuan-thu/?nam=2026")
        rollup = client.get(f"/cong-khai/don-vi/{tree.province.pk}/tuan-thu/?nam=2026")
        odd = client.get(f"/cong-khai/don-vi/{tree.commune.pk}/tuan-thu/?nam=abc")
    assert 'id="muc-11.2a" data-finding="proof_missing"' in commune.text  # posted, no proof of the board
    assert "Phường Chánh Lộ" in rollup.text and "Xã Nam Chính" in rollup.text
    assert odd.status_code == 200


def test_citizens_page_cache_hits_and_sees_new_publications_at_once(tree, personas, posted, client, login):
    url = f"/don-vi/{tree.commune.pk}/"
    with at(2026, 3, 10):
        first = client.get(url)
        assert _portal_queries(client, url) == 1  # the page's version, nothing else
        again = client.get(url)
        assert "danchu-csrf-mark" not in again.text and 'name="csrfmiddlewaretoken"' in again.text
        assert first.text.count(posted.title) == again.text.count(posted.title) == 1
        fresh = draft(personas["commune_official"], tree.commune, title="Thông báo mới", starts_on=None)
        services.publish(actor=personas["commune_official"], disclosure=fresh)
        assert "Thông báo mới" in client.get(url).text
        # Officials see their own header: never a cached page.
        official = login(personas["commune_official"])
        assert "Đăng xuất" in official.get(url).text
    with at(2026, 4, 1):  # a new day: the window has ended, with no write at all
        assert posted.title not in login(personas["anonymous"]).get(url).text


def test_edit_draft_and_catalogue_item_pages(tree, personas, login):
    official = personas["commune_official"]
    disclosure = draft(official, tree.commune)
    client = login(official)
    page = client.get(f"/cong-khai/{disclosure.pk}/sua/")
    assert page.status_code == 200 and "02/03/2026" in page.text
    bad = client.post(
        f"/cong-khai/{disclosure.pk}/sua/", {"title": "", "items": ["11.2a"], "starts_on": "02/03/2026"}
    )
    assert bad.status_code == 400
    saved = client.post(f"/cong-khai/{disclosure.pk}/sua/", {
        "title": "Dự toán ngân sách (bản 2)", "items": ["11.2a", "11.6"], "starts_on": "02/03/2026",
        "ends_on": "15/04/2026", "body": "Bổ sung phụ lục.",
    })  # fmt: skip
    assert saved.status_code == 302
    disclosure.refresh_from_db()
    assert disclosure.title == "Dự toán ngân sách (bản 2)" and disclosure.ends_on.month == 4
    assert sorted(disclosure.items.values_list("code", flat=True)) == ["11.2a", "11.6"]
    admin = login(personas["admin"])
    item_id = DisclosureItem.objects.get(code="11.12").pk
    answer = admin.post(f"/cong-khai/danh-muc/{item_id}/", {
        "title": "Kết quả giải quyết khiếu nại, tố cáo", "recurrence": "yearly", "channels": ["portal"],
        "mandatory": "on", "posting_days": "45", "note": "Theo hướng dẫn của tỉnh",
    })  # fmt: skip
    assert answer.status_code == 302
    verified_id = DisclosureItem.objects.get(code="11.1").pk
    refused = admin.post(f"/cong-khai/danh-muc/{verified_id}/", {
        "title": "x", "recurrence": "yearly", "channels": ["portal"],
    })  # fmt: skip
    assert refused.status_code == 400 and "đã được đối chiếu" in refused.text
