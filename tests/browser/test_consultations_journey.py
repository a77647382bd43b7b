"""Issue 13's journey in headless Chromium: an officer uploads a draft regulation (.docx) → citizens
comment on two articles from a phone, one without diacritics → a meeting's opinions are entered → the
officer groups two similar opinions and answers all → the synthesis is published → it appears on the
portal and in the commune's compliance checklist."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from conftest import make_user
from danchu.consultations.models import Consultation, Opinion
from danchu.consultations.tests.factories import regulation_docx

from .steps import CITIZEN_HOME, PHONE, SHOTS, VN, login, logout, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def comment(page, base: str, consultation_id: int, label: str, text: str) -> None:
    page.goto(f"{base}/y-kien/cong/{consultation_id}/")
    submit(page, f"main a:text-is('Góp ý về {label}')")
    page.fill("#id_text", text)
    submit(page, "main button:text-is('Gửi ý kiến')")
    page.wait_for_url(f"**/y-kien/cong/{consultation_id}/#*")
    assert "Cảm ơn bạn đã góp ý" in page.content()


def test_draft_to_published_synthesis(live_server, page, tree, personas, settings, tmp_path):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None
    make_user("dan2", "citizen", tree.village, resident=tree.h2.representative)
    (tmp_path / "du-thao-quy-che.docx").write_bytes(regulation_docx())
    base, commune = live_server.url, tree.commune
    SHOTS.mkdir(parents=True, exist_ok=True)
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=VN), tick=True) as clock:
        # 1. The officer uploads the draft regulation and launches the consultation.
        login(page, base, "xa")
        page.goto(f"{base}/y-kien/don-vi/{commune.pk}/moi/")
        page.select_option("#id_matter", "25.7")
        page.fill("#id_title", "Quy chế thực hiện dân chủ ở phường Chánh Lộ")
        page.fill("#id_starts_on", "02/03/2026")
        page.fill("#id_ends_on", "16/03/2026")
        page.select_option("#id_audience", "commune")
        for channel in ("portal", "meeting", "box"):
            page.check(f"input[name=channels][value={channel}]")
        page.set_input_files("#id_file", str(tmp_path / "du-thao-quy-che.docx"))
        page.click("main form button[type=submit]")
        page.wait_for_url("**/y-kien/*/")
        assert "Đã tạo đợt lấy ý kiến" in page.content() and "Khoản 1 Điều 3" in page.content()
        submit(page, "main button:text-is('Phát động lấy ý kiến')")
        assert "Đã phát động lấy ý kiến" in page.content()
        consultation = Consultation.objects.get()
        logout(page)

        # 2. Two citizens comment on two articles from a phone, one of them without diacritics.
        page.set_viewport_size(PHONE)
        login(page, base, "dan", lands_on=CITIZEN_HOME)
        comment(page, base, consultation.pk, "Điều 3", "Đề nghị niêm yết thêm tại nhà văn hóa tổ dân phố.")
        logout(page)
        login(page, base, "dan2", lands_on=CITIZEN_HOME)
        comment(page, base, consultation.pk, "Điều 4", "de nghi mo hom thu gop y hai tuan mot lan")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the public page scrolls sideways on a phone ({width}px)"
        page.screenshot(path=str(SHOTS / "consultation-phone.png"), full_page=True)
        logout(page)
        page.set_viewport_size({"width": 1200, "height": 900})

        # 3. A residential group's meeting: its minutes' opinions are entered by the officer.
        clock.move_to(dt.datetime(2026, 3, 12, 9, tzinfo=VN))
        login(page, base, "xa")
        page.goto(f"{base}/y-kien/{consultation.pk}/nhap/")
        page.select_option("#id_kind", "minutes")
        page.select_option("#id_channel", "meeting")
        page.fill("#id_held_on", "10/03/2026")
        page.fill("#id_reference", "Biên bản họp tổ dân phố 1 ngày 10/03/2026")
        article4 = str(consultation.sections.get(anchor="dieu-4").pk)
        page.select_option("#id_section_1", article4)
        page.fill("#id_author_1", "Ông Lê Văn Cường")
        page.fill("#id_text_1", "Đề nghị mở hòm thư góp ý hai tuần một lần.")
        page.fill("#id_author_2", "Hội Liên hiệp Phụ nữ phường")
        page.check("#id_organisation_2")
        page.fill("#id_text_2", "Cần quy định rõ thời hạn trả lời ý kiến của Nhân dân.")
        submit(page, "main button:text-is('Lưu các ý kiến')")
        assert "Đã nhập 2 ý kiến từ hồ sơ." in page.content()
        assert Opinion.objects.count() == 4

        # 4. After the period: group the two similar opinions on article 4, answer all.
        clock.move_to(dt.datetime(2026, 3, 17, 9, tzinfo=VN))
        page.goto(f"{base}/y-kien/{consultation.pk}/nhom/")
        suggestion = page.locator("main form.card").first
        assert suggestion.locator("input[name=opinions]").count() == 2
        suggestion.locator("input[name=label]").fill("Mở hòm thư hai tuần một lần")
        suggestion.locator("button:text-is('Xác nhận nhóm')").click()
        assert "Đã xác nhận nhóm ý kiến" in page.content()
        group = page.locator("main section.card").first
        group.locator("select[name=kind]").select_option("taken")
        group.locator("textarea[name=text]").fill("Đã sửa Điều 4: hòm thư được mở hai tuần một lần.")
        group.locator("button:text-is('Trả lời cả nhóm')").click()
        assert "Đã lưu câu trả lời." in page.content()
        page.goto(f"{base}/y-kien/{consultation.pk}/y-kien/?chua-tra-loi=1")
        for _ in range(2):
            card = page.locator("main article.opinion").first
            reply = (
                "Đã bổ sung nhà văn hóa tổ dân phố vào khoản 1 Điều 3."
                if "nhà văn hóa" in card.inner_text()
                else "Đã bổ sung Điều 5 về thời hạn trả lời."
            )
            card.locator("summary:text-is('Trả lời')").click()
            card.locator("select[name=kind]").select_option("taken")
            card.locator("textarea[name=text]").fill(reply)
            card.locator("button:text-is('Lưu trả lời')").click()
            assert "Đã lưu câu trả lời." in page.content()
        assert "Chưa có ý kiến nào." in page.content()

        # 5. Close and publish the synthesis.
        page.goto(f"{base}/y-kien/{consultation.pk}/")
        assert page.locator("#unanswered").inner_text() == "0"
        page.fill("#id_conclusion", "Đã tiếp thu 4 ý kiến; dự thảo được chỉnh sửa trước khi ban hành.")
        submit(page, "main button:text-is('Kết thúc')")
        assert "Đã kết thúc đợt lấy ý kiến." in page.content()
        submit(page, "main button:text-is('Công khai kết quả tiếp thu, giải trình')")
        assert "Đã công khai kết quả tiếp thu, giải trình." in page.content()
        with page.expect_download() as download:
            page.click("main a:text-is('Báo cáo tổng hợp (.docx)')")
        report = tmp_path / "bao-cao.docx"
        download.value.save_as(report)
        from docx import Document

        rows = Document(str(report)).tables[1].rows
        assert len(rows) == 5 and all(r.cells[4].text.startswith("Tiếp thu: ") for r in rows[1:])

        # 6. The compliance checklist counts it, and the portal shows what was heard and done.
        page.goto(f"{base}/cong-khai/don-vi/{commune.pk}/tuan-thu/")
        assert "Kết quả tiếp thu, giải trình ý kiến Nhân dân" in page.locator("#muc-11\\.10").inner_text()
        logout(page)
        page.set_viewport_size(PHONE)
        page.goto(f"{base}/don-vi/{commune.pk}/")
        submit(page, "main a:text-is('Lấy ý kiến Nhân dân')")
        submit(page, f"main a:text-is('{consultation.title}')")
        results = page.locator("#ket-qua").inner_text()
        assert "Chúng tôi đã nghe gì, đã làm gì" in results
        assert "de nghi mo hom thu gop y hai tuan mot lan" in results
        assert "Đã sửa Điều 4: hòm thư được mở hai tuần một lần." in results
        assert "Lê Văn Cường" not in results and "Hội Liên hiệp Phụ nữ phường" in results
        page.screenshot(path=str(SHOTS / "consultation-results.png"), full_page=True)
    assert page.js_errors == []
