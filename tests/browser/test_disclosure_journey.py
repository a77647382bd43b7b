"""Issue 5's journey in headless Chromium: an officer posts a disclosure on two channels with proof; citizens
find it on the commune's portal and by searching without diacritics; when its window ends it leaves the
posted list by itself and stays in the archive."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from danchu.disclosures.models import Disclosure
from danchu.disclosures.tests.conftest import PDF, PNG

from .steps import SHOTS, VN, login, logout, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Phương án bồi thường, hỗ trợ khi thu hồi đất đai tổ dân phố 1"


def test_posted_disclosure_found_then_archived(live_server, page, tree, personas, settings, tmp_path):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None
    (tmp_path / "phuong-an.pdf").write_bytes(PDF)
    (tmp_path / "bang-tin.png").write_bytes(PNG)
    base, commune = live_server.url, tree.commune
    SHOTS.mkdir(parents=True, exist_ok=True)
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=VN), tick=True) as clock:
        login(page, base, "xa")
        page.goto(f"{base}/cong-khai/don-vi/{commune.pk}/moi/")
        page.fill("#id_title", TITLE)
        page.check("input[name=items][value='11.3b']")
        page.fill("#id_body", "Tổng diện tích thu hồi 2.000 m²; 12 hộ được bồi thường.")
        page.check("input[name=channels][value=notice_board]")
        page.check("input[name=channels][value=portal]")
        page.fill("#id_document_number", "45/QĐ-UBND")
        page.fill("#id_document_date", "27/02/2026")
        page.click("main form button[type=submit]")
        page.wait_for_url("**/cong-khai/*/")
        assert "Đã lưu dự thảo" in page.content()

        page.set_input_files("#id_file", str(tmp_path / "phuong-an.pdf"))
        submit(page, "main button:text-is('Đính kèm')")
        assert "Đã đính kèm tệp." in page.content() and "phuong-an.pdf" in page.content()
        submit(page, "main button:text-is('Phát hành')")
        assert "Đã phát hành." in page.content() and "Đang công khai" in page.content()

        page.select_option("#id_channel", "notice_board")
        page.fill("#id_place", "Bảng tin trụ sở UBND phường")
        page.set_input_files("form[action$='/minh-chung/'] input[type=file]", str(tmp_path / "bang-tin.png"))
        submit(page, "main button:text-is('Ghi minh chứng')")
        assert "Đã ghi minh chứng." in page.content()
        proofs = page.locator("main table").last.inner_text()
        assert "Bảng tin trụ sở UBND phường" in proofs and "Hệ thống tự ghi nhận" in proofs
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=str(SHOTS / "disclosure-detail-narrow.png"), full_page=True)
        logout(page)

        # A citizen, not logged in: the commune's page, then a search typed without diacritics.
        page.goto(f"{base}/don-vi/{commune.pk}/")
        posted = page.locator("ul.disclosures").inner_text()
        assert TITLE in posted
        page.screenshot(path=str(SHOTS / "portal-commune-narrow.png"), full_page=True)
        page.fill("#tk", "boi thuong dat dai")
        page.click("#cong-khai form button[type=submit]")
        page.wait_for_url("**/tim-kiem/**")
        assert TITLE in page.locator("#ket-qua").inner_text()
        submit(page, f"text={TITLE}")
        assert "45/QĐ-UBND" in page.content() and "phuong-an.pdf" in page.content()
        page.screenshot(path=str(SHOTS / "portal-disclosure-narrow.png"), full_page=True)

        # 30 days on the board: from 01/04 the window has ended, with no job having run.
        clock.move_to(dt.datetime(2026, 4, 1, 9, tzinfo=VN))
        page.goto(f"{base}/don-vi/{commune.pk}/")
        assert TITLE not in page.locator("ul.disclosures").inner_text()
        submit(page, "text=Lưu trữ: mọi thông tin đã công khai")
        archived = page.locator("ul.disclosures").inner_text()
        assert TITLE in archived and "hết thời hạn công khai" in archived
    assert Disclosure.objects.get().proofs.count() == 1
