"""Issue 12's journey in headless Chromium: a village of 40 households decides a contribution for a road
(Art. 15 item 1). 12 attend the meeting, the page says the 2/3 threshold cannot be reached and offers a
ballot; paper ballots are printed, 20 returned and recorded; 8 households vote online, one of them tries
again on paper and is refused; closing shows 28 of 40 approve, passing at ≥ 2/3 (27 needed); the commune
recognises it; the result is on the portal."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from conftest import PASSWORD, make_household, make_user
from danchu.accounts.models import Role
from danchu.decisions.models import Decision, PaperBallot

from .steps import SHOTS, VN, login, logout, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Bê tông hóa đường xóm Đông, mức đóng góp 500.000 đồng mỗi hộ"


def test_household_ballot_passes_and_is_recognised(live_server, page, tree, personas, settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None
    extra = [make_household(tree.village, f"{n:03d}", [f"Đại diện hộ {n}"]) for n in range(3, 41)]
    households = [tree.h1, tree.h2, *extra]
    online = households[20:28]
    for h in online:  # the eight households that vote online have accounts
        make_user(f"ho{h.number}", Role.CITIZEN, tree.village, resident=h.representative)
    base, village = live_server.url, tree.village
    SHOTS.mkdir(parents=True, exist_ok=True)
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=VN), tick=True):
        login(page, base, "truongthon")
        page.goto(f"{base}/ban-quyet/don-vi/{village.pk}/moi/")
        page.fill("#id_title", TITLE)
        page.select_option("#id_matter", "infrastructure")
        page.select_option("#id_form", "meeting")
        page.select_option("#id_kind", "approve")
        page.fill("#id_question", "Đồng ý bê tông hóa đường, mỗi hộ góp 500.000 đồng")
        page.fill("#id_meeting_day", "08/03/2026")
        page.fill("#id_meeting_time", "19:30")
        page.fill("#id_meeting_place", "Nhà văn hóa thôn")
        page.click("main form button[type=submit]")
        page.wait_for_url("**/ban-quyet/*/")
        decision = Decision.objects.get()
        assert "Đã lưu dự thảo" in page.content()
        submit(page, "main button:text-is('Thông báo cho các hộ')")
        submit(page, "main button:text-is('Bắt đầu lấy ý kiến')")
        assert "danh sách hộ đã được chốt" in page.content()

        for h in households[:12]:
            page.select_option("#id_household", str(h.pk))
            page.fill("#id_attendee", h.representative.full_name)
            submit(page, "form[action$='/du-hop/'] button")
            assert "Đã ghi người dự họp." in page.content()
        warning = page.locator("#unreachable").inner_text()
        assert "12 hộ có mặt" in warning and "27/40" in warning
        page.fill("#id_closes_on", "20/03/2026")
        page.check("#id_electronic_returns")
        submit(page, "main button:text-is('Chuyển sang phát phiếu hộ gia đình')")
        assert "Đã chuyển sang phát phiếu" in page.content()

        submit(page, "main button:text-is('Tạo phiếu cho các hộ')")
        # The batch is made by a background task; the test settings' immediate backend runs it on commit.
        assert "Tệp phiếu: sẵn sàng." in page.locator("#paper-batch").inner_text(timeout=120_000)
        with page.expect_download(timeout=120_000) as download:
            page.click("text=Tải phiếu để in (PDF)", timeout=120_000)
        assert download.value.suggested_filename == f"phieu-{decision.pk}.pdf"
        codes = {p.household_id: p.code for p in PaperBallot.objects.filter(decision=decision)}
        approve = decision.questions.get().options.get(approves=True)
        for h in households[:20]:
            page.fill("#id_code", codes[h.pk].replace("-", " ").lower())  # typed loosely
            page.check(f"input[name^=q][value='{approve.pk}']")
            submit(page, "#paper-form button[type=submit]")
            assert "Đã ghi nhận phiếu." in page.content()
        logout(page)

        for h in online:  # a household's representative lands on "my household", then opens its ballots
            page.goto(f"{base}/tai-khoan/dang-nhap/")
            page.fill("#id_username", f"ho{h.number}")
            page.fill("#id_password", PASSWORD)
            page.click("main button[type=submit]")
            page.wait_for_url("**/ho-cua-toi/**")
            page.goto(f"{base}/ban-quyet/phieu-cua-toi/")
            submit(page, "main a:text-is('Biểu quyết')")
            page.check(f"input[name^=q][value='{approve.pk}']")
            submit(page, "main form button[type=submit]")
            assert "Mã xác nhận:" in page.content()
            logout(page)

        login(page, base, "truongthon")
        page.goto(f"{base}/ban-quyet/{decision.pk}/")
        page.fill("#id_code", codes[online[0].pk])
        page.check(f"input[name^=q][value='{approve.pk}']")
        submit(page, "#paper-form button[type=submit]")
        assert "đã biểu quyết trực tuyến: mỗi hộ chỉ một phiếu" in page.content()
        assert f"Hộ số {online[0].number} thử biểu quyết" in page.locator("#conflicts").inner_text()

        submit(page, "main button:text-is('Kết thúc biểu quyết')")
        submit(page, "main button:text-is('Kiểm phiếu')")
        result = page.locator("#result").inner_text()
        assert "Được thông qua: 28/40 hộ tán thành (cần 27)" in result and "≥ 2/3" in result
        assert "chưa kiểm chứng" in result
        submit(page, "main button:text-is('Công bố kết quả')")
        assert "Đã công bố kết quả" in page.content()
        with page.expect_download():
            page.click("text=Biên bản kiểm phiếu .docx")
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=str(SHOTS / "decision-result-narrow.png"), full_page=True)
        page.set_viewport_size({"width": 1200, "height": 900})
        logout(page)

        login(page, base, "xa")
        page.goto(f"{base}/ban-quyet/{decision.pk}/")
        page.fill("#id_number", "15/QĐ-UBND")
        submit(page, "main button:text-is('Công nhận')")
        assert "Đã công nhận kết quả." in page.content()
        logout(page)

        page.goto(f"{base}/don-vi/{tree.commune.pk}/")
        submit(page, "text=Kết quả bàn và quyết định")
        submit(page, f"text={TITLE}")
        public = page.locator("main").inner_text()
        assert "Đã được UBND cấp xã công nhận" in public and "15/QĐ-UBND" in public
        assert "28/40" in public
    assert not page.js_errors
