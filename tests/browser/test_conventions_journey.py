"""Issue 12 point 7 in headless Chromium: a village head drafts a hương ước and posts it; a household
comments; once the posting period has passed the adoption is recorded and the file sent; the commune
recognises it, and it appears in the commune's public register with its text and history."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from danchu.conventions.models import Convention, ConventionStatus, Opinion

from .steps import CITIZEN_HOME, SHOTS, VN, login, logout, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Hương ước Tổ dân phố 1"
TEXT = """Chương I. NHỮNG QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Hương ước này quy định việc tự quản của tổ dân phố.
Chương II. NỘI DUNG
Điều 2. Vệ sinh môi trường
Các hộ đổ rác đúng giờ, đúng nơi quy định.
Điều 3. Việc cưới, việc tang
Tổ chức tiết kiệm; không mở loa sau 22 giờ.
"""


def test_convention_from_draft_to_public_register(live_server, page, tree, personas, settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None
    base, village, commune = live_server.url, tree.village, tree.commune
    SHOTS.mkdir(parents=True, exist_ok=True)
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=VN), tick=True) as clock:
        login(page, base, "truongthon")
        page.goto(f"{base}/huong-uoc/don-vi/{village.pk}/")
        page.click("text=Soạn dự thảo hương ước, quy ước")
        page.select_option("#id_kind", "huong_uoc")
        page.fill("#id_title", TITLE)
        page.fill("#id_text", TEXT)
        page.click("main form button[type=submit]")
        page.wait_for_url("**/huong-uoc/ban/*/")
        assert "Đã lưu dự thảo" in page.content() and "Việc cưới, việc tang" in page.content()
        page.fill("#id_place", "Nhà văn hóa tổ dân phố 1")
        submit(page, "main button:text-is('Niêm yết')")
        assert "Đã niêm yết dự thảo để lấy ý kiến." in page.content() and "31/03/2026" in page.content()
        version_url = page.url
        logout(page)

        # A household gives its opinion on Điều 3 while the draft is posted.
        clock.move_to(dt.datetime(2026, 3, 10, 20, tzinfo=VN))
        login(page, base, "dan", lands_on=CITIZEN_HOME)
        page.goto(f"{base}/don-vi/{commune.pk}/")
        submit(page, "#chuyen-muc ~ ul >> text=Hương ước, quy ước")
        submit(page, "text=Hộ gia đình: góp ý dự thảo đang lấy ý kiến ở thôn mình")
        submit(page, f"text={TITLE}")
        page.fill("#id_article_number", "3")
        page.fill("#id_text", "Đề nghị không mở loa sau 21 giờ.")
        submit(page, "main button:text-is('Gửi ý kiến')")
        assert "Đã ghi nhận ý kiến của hộ" in page.content()
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=str(SHOTS / "convention-opinion-narrow.png"), full_page=True)
        page.set_viewport_size({"width": 1200, "height": 900})
        logout(page)

        # Too early: the posting period has not ended; then, once it has, the meeting adopts it.
        clock.move_to(dt.datetime(2026, 3, 20, 9, tzinfo=VN))
        login(page, base, "truongthon")
        page.goto(version_url)
        assert "Đề nghị không mở loa sau 21 giờ." in page.content()
        page.click("text=Hoặc nhập kết quả từ biên bản cuộc họp, biên bản kiểm phiếu")
        page.fill("#id_present", "2")
        page.fill("#id_approving", "2")
        submit(page, "main button:text-is('Ghi nhận kết quả họp')")
        assert "Chưa hết thời gian niêm yết" in page.content()
        clock.move_to(dt.datetime(2026, 4, 2, 21, tzinfo=VN))
        page.goto(version_url)
        page.click("text=Hoặc nhập kết quả từ biên bản cuộc họp, biên bản kiểm phiếu")
        page.fill("form[action$='/hop/'] #id_on", "02/04/2026")
        page.fill("#id_present", "5")
        page.fill("#id_approving", "2")
        submit(page, "main button:text-is('Ghi nhận kết quả họp')")
        assert "lớn hơn tổng số hộ" in page.content()
        page.click("text=Hoặc nhập kết quả từ biên bản cuộc họp, biên bản kiểm phiếu")
        page.fill("form[action$='/hop/'] #id_on", "02/04/2026")
        page.fill("#id_present", "2")
        page.fill("#id_approving", "2")
        submit(page, "main button:text-is('Ghi nhận kết quả họp')")
        assert "Đã ghi nhận kết quả cuộc họp." in page.content() and "Đã được thông qua" in page.content()
        submit(page, "main button:text-is('Gửi UBND cấp xã')")
        assert "Đã gửi hồ sơ đề nghị công nhận" in page.content()
        logout(page)

        # The commune recognises it within 5 working days.
        clock.move_to(dt.datetime(2026, 4, 6, 9, tzinfo=VN))
        login(page, base, "xa")
        page.goto(f"{base}/huong-uoc/don-vi/{commune.pk}/")
        submit(page, f"text={TITLE}")
        submit(page, "text=Bản 1")
        page.fill("form[action$='/cong-nhan/'] #id_on", "06/04/2026")
        page.fill("#id_decision_number", "12/QĐ-UBND")
        submit(page, "main button:text-is('Công nhận')")
        assert "Đã công nhận" in page.content()
        logout(page)

        # Anyone: the commune's portal page, its register, the convention's text and history.
        page.goto(f"{base}/don-vi/{commune.pk}/")
        page.click("#chuyen-muc ~ ul >> text=Hương ước, quy ước")
        page.wait_for_url("**/huong-uoc/cong-khai/xa/*/")
        assert TITLE in page.locator("main table").inner_text()
        submit(page, f"text={TITLE}")
        content = page.content()
        assert "Việc cưới, việc tang" in content and "12/QĐ-UBND" in content and "Công nhận" in content
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=str(SHOTS / "convention-public-narrow.png"), full_page=True)
    assert not page.js_errors, page.js_errors
    convention = Convention.objects.get()
    assert convention.status == ConventionStatus.IN_FORCE and convention.effective_on == dt.date(2026, 4, 6)
    assert Opinion.objects.get().article_number == 3
