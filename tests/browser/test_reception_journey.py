"""Issue 14's reception journey in headless Chromium: the commune publishes the chairman's reception
schedule; a citizen comes to the desk, the officer logs the visit and a letter is produced in the register;
a dialogue is announced, a citizen registers a question online, the chairman answers it on the day with
a commitment, the commitment's task progresses, and the portal shows the answer and the progress."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from danchu.petitions.models import Letter
from danchu.reception.models import Visit

from .steps import CITIZEN_HOME, SHOTS, VN, login, logout, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reception_desk_to_dialogue_commitment_on_the_portal(live_server, page, tree, personas, settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None
    base, commune = live_server.url, tree.commune
    SHOTS.mkdir(parents=True, exist_ok=True)
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=VN), tick=True) as clock:
        # The commune sets up and publishes the chairman's schedule (Thursdays).
        login(page, base, "xa")
        page.goto(f"{base}/quan-tri/don-vi/{commune.pk}/")
        submit(page, "nav.tabs >> text=Tiếp công dân")
        submit(page, "a:text-is('Lập lịch tiếp công dân')")
        page.check("input[name=weekdays][value='3']")
        page.fill("#id_morning", "07:30–11:30")
        page.fill("#id_afternoon", "13:30–17:00")
        page.fill("#id_place", "Phòng tiếp công dân, trụ sở UBND phường")
        page.fill("#id_chairman", "Nguyễn Văn Thành")
        page.fill("#id_stand_in", "Trần Thị Hòa")
        submit(page, "main form button[type=submit]")
        assert "Đã lưu lịch tiếp công dân." in page.content()
        submit(page, "button:text-is('Công bố lịch trên cổng thông tin')")
        assert "Đã công bố lịch tiếp công dân" in page.content()

        # A citizen comes to the desk; the officer logs the visit and registers the letter it brought.
        submit(page, "main a:text-is('Ghi sổ lượt tiếp')")
        page.fill("#id_host", "Nguyễn Văn Thành")
        page.fill("#id_visitor_name", "Lê Thị Thu")
        page.fill("#id_visitor_address", "Tổ dân phố 1, phường Chánh Lộ")
        page.select_option("#id_kind", "petition")
        page.fill("#id_subject", "Đèn đường ngõ 45 hỏng đã hai tuần, đề nghị sửa.")
        page.fill("#id_documents", "Đơn kiến nghị (01 bản)")
        assert page.is_checked("#id_letter")
        submit(page, "main form button[type=submit]")
        assert "Đã ghi sổ lượt tiếp số 1." in page.content()
        code = Letter.objects.get().tracking_code
        assert code in page.locator("main").inner_text() and "16/03/2026" in page.content()
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=str(SHOTS / "reception-visit-narrow.png"), full_page=True)
        page.set_viewport_size({"width": 1200, "height": 900})

        # The chairman's dialogue is announced.
        page.goto(f"{base}/tiep-cong-dan/don-vi/{commune.pk}/doi-thoai/moi/")
        page.fill("#id_topic", "Chiếu sáng và vỉa hè các tổ dân phố")
        page.fill("#id_held_on", "12/03/2026")
        page.fill("#id_questions_until", "10/03/2026")
        page.fill("#id_place", "Hội trường UBND phường")
        page.fill("#id_chair", "Nguyễn Văn Thành")
        submit(page, "main form button[type=submit]")
        assert "Đã thông báo buổi đối thoại" in page.content()
        dialogue_url = page.url
        logout(page)

        # Anyone sees the schedule on the commune's page.
        page.goto(f"{base}/don-vi/{commune.pk}/")
        submit(page, "main a:text-is('Lịch tiếp công dân')")
        sessions = page.locator("ul.sessions").inner_text()
        assert "05/03/2026" in sessions and "Nguyễn Văn Thành" in sessions

        # A citizen of the commune registers a question online.
        login(page, base, "dan", lands_on=CITIZEN_HOME)
        page.goto(f"{base}/don-vi/{commune.pk}/")
        submit(page, "main a:text-is('Đối thoại trực tiếp với Chủ tịch UBND')")
        submit(page, "main a:has-text('Chiếu sáng và vỉa hè các tổ dân phố')")
        page.fill("#id_text", "Bao giờ phường lát lại vỉa hè đường Lê Lợi?")
        submit(page, "#dang-ky button[type=submit]")
        assert "Đã đăng ký câu hỏi." in page.content()
        logout(page)

        # On the day: the chairman answers with a commitment, and the minutes are written.
        clock.move_to(dt.datetime(2026, 3, 12, 9, tzinfo=VN))
        login(page, base, "xa")
        page.goto(dialogue_url)
        question = page.locator("ol.questions > li").first
        question.locator("textarea[name=answer]").fill("Phường lát lại trong quý II, bắt đầu từ tháng 4.")
        question.locator("button:text-is('Ghi câu trả lời')").click()
        assert "Đã ghi câu trả lời." in page.content()
        question = page.locator("ol.questions > li").first
        question.locator("summary").click()
        question.locator("input[name=text]").fill("Lát lại vỉa hè đường Lê Lợi")
        question.locator("input[name=due_on]").fill("30/06/2026")
        question.locator("select[name=agency]").select_option(label="Văn phòng")
        question.locator("button:text-is('Ghi cam kết')").click()
        assert "Đã ghi cam kết và giao nhiệm vụ theo dõi." in page.content()
        submit(page, "a:text-is('Lập biên bản')")
        page.fill("#id_secretary", "Lê Thị Mai")
        page.fill("#id_attendance", "85")
        page.fill("#id_opened_at", "08:00")
        page.fill("#id_closed_at", "10:30")
        page.fill("#id_summary", "Chủ tịch nêu mục đích; Nhân dân nêu ý kiến; Chủ tịch trả lời.")
        page.fill("#id_conclusion", "Giao Văn phòng theo dõi việc lát vỉa hè.")
        submit(page, "main form button[type=submit]")
        assert "Đã lập biên bản buổi đối thoại." in page.content()

        # The commitment's task progresses (plans' own task page).
        submit(page, "main a:text-is('Nhiệm vụ')")
        page.select_option("#id_status", "in_progress")
        page.fill("#id_progress", "60")
        submit(page, "main form button[type=submit]")
        logout(page)

        # The portal shows the answer and the commitment's progress.
        page.goto(dialogue_url.replace("/tiep-cong-dan/doi-thoai/", "/tiep-cong-dan/cong/doi-thoai/"))
        public = page.locator("main").inner_text()
        assert "Phường lát lại trong quý II" in public
        assert "Lát lại vỉa hè đường Lê Lợi" in public and "Đang thực hiện · 60%" in public
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=str(SHOTS / "reception-dialogue-portal-narrow.png"), full_page=True)
    assert Visit.objects.get().letters.count() == 1
    assert not page.js_errors, page.js_errors
