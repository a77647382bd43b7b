"""Issue 14's journey in headless Chromium, on a phone: a citizen reports a broken street light with a
photo and gets a tracking code; the officer gives it to the agency the category names; the agency
resolves it with a photo; the citizen reads the answer by the code and rates it "not satisfied"; it is
reopened on a new clock and shows as overdue when that clock runs out."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from conftest import make_user
from danchu.accounts.models import Role
from danchu.petitions.models import Petition, Status
from danchu.petitions.services import categories
from danchu.petitions.tests.conftest import jpeg
from danchu.units.models import Agency, AgencyKind

from .steps import PHONE, SHOTS, VN, login, logout, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_street_light_reported_resolved_rated_and_reopened(
    live_server, page, tree, personas, settings, tmp_path
):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None
    works = Agency.objects.create(
        unit=tree.commune,
        name="Phòng Kinh tế, Hạ tầng và Đô thị",
        name_key="phong kinh te",
        kind=AgencyKind.SECTION,
        short_name="KTHTĐT",
    )
    make_user("ktht", Role.AGENCY_OFFICER, tree.commune, agency=works)
    categories.install_defaults(actor=personas["commune_official"], unit=tree.commune)
    (tmp_path / "den-hong.jpg").write_bytes(jpeg(2400, 1800))
    (tmp_path / "da-sua.jpg").write_bytes(jpeg(800, 600))
    base, commune = live_server.url, tree.commune
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(PHONE)
    with time_machine.travel(dt.datetime(2026, 3, 2, 19, tzinfo=VN), tick=True) as clock:
        # Monday evening: a citizen, not signed in, on a phone.
        page.goto(f"{base}/phan-anh/xa/{commune.pk}/")
        submit(page, "text=Gửi phản ánh")
        page.select_option("#id_category", label="Đèn chiếu sáng công cộng hỏng")
        page.fill("#id_subject", "Đèn đường trước nhà số 12 không sáng")
        page.fill("#id_description", "Cột đèn trước nhà số 12 đường Lê Lợi tắt ba tối nay, đường rất tối.")
        page.fill("#id_address", "12 Lê Lợi, Tổ dân phố 1")
        page.set_input_files("#id_photos", str(tmp_path / "den-hong.jpg"))
        page.screenshot(path=str(SHOTS / "petition-form-phone.png"), full_page=True)
        page.click("main form button[type=submit]")
        page.wait_for_url("**/phan-anh/ma/**")
        page.wait_for_selector("footer.site")  # the whole answer is written in
        code = page.locator("strong.code").inner_text().strip()
        assert "Đã nhận phản ánh" in page.content() and "Đã tiếp nhận" in page.content()
        petition = Petition.objects.get()
        assert petition.letter.tracking_code == code and petition.photos.count() == 1
        assert petition.photos.get().size < (tmp_path / "den-hong.jpg").stat().st_size  # shrunk

        # Tuesday: the focal officer gives it to the agency its category names.
        clock.move_to(dt.datetime(2026, 3, 3, 8, tzinfo=VN))
        page.set_viewport_size({"width": 1200, "height": 900})
        login(page, base, "xa")
        page.goto(f"{base}/phan-anh/don-vi/{commune.pk}/hop-thu/")
        submit(page, f"text={code}")
        page.select_option("#id_agency", label="Phòng Kinh tế, Hạ tầng và Đô thị")
        submit(page, "main button:text-is('Giao xử lý')")
        assert "Đã giao cơ quan xử lý." in page.content()
        logout(page)

        # The agency resolves it, with a photo of the fixed light.
        login(page, base, "ktht")
        page.goto(f"{base}/phan-anh/don-vi/{commune.pk}/hop-thu/")
        submit(page, f"text={code}")
        submit(page, "main button:text-is('Bắt đầu xử lý')")
        page.fill("#id_answer", "Đã thay bóng đèn cột số 12 ngày 04/3.")
        submit(page, "main button:text-is('Trả lời và đóng')")
        assert "Cần kèm minh chứng" in page.content()  # closing needs evidence
        page.fill("#id_answer", "Đã thay bóng đèn cột số 12 ngày 04/3.")
        page.set_input_files("#id_evidence", str(tmp_path / "da-sua.jpg"))
        submit(page, "main button:text-is('Trả lời và đóng')")
        assert "Đã trả lời phản ánh." in page.content()
        logout(page)

        # The citizen looks the code up on the phone, reads the answer, and is not satisfied.
        clock.move_to(dt.datetime(2026, 3, 4, 20, tzinfo=VN))
        page.set_viewport_size(PHONE)
        page.goto(f"{base}/phan-anh/tra-cuu/")
        page.fill("#ma", code)
        submit(page, "main button[type=submit]")
        assert "Đã thay bóng đèn cột số 12" in page.content() and "Đã giải quyết" in page.content()
        assert page.locator("main img").count() == 2  # the citizen's photo and the evidence
        page.check("input[name=rating][value=not_satisfied]")
        page.fill("#id_comment", "Đèn vẫn chập chờn.")
        submit(page, "main button:text-is('Gửi đánh giá')")
        assert "Đã mở lại" in page.content() and "Đang xử lý" in page.content()
        page.screenshot(path=str(SHOTS / "petition-reopened-phone.png"), full_page=True)
        reopened = Petition.objects.get()
        assert reopened.status == Status.IN_PROGRESS and reopened.reopened == 1
        assert reopened.due_on == dt.date(2026, 3, 11)  # 5 working days from Wednesday 04/03

        # Its new clock runs out: the citizen and the officer both see it overdue.
        clock.move_to(dt.datetime(2026, 3, 12, 8, tzinfo=VN))
        page.goto(f"{base}/phan-anh/ma/{code}/")
        assert "Quá hạn" in page.locator("main").inner_text()
        page.set_viewport_size({"width": 1200, "height": 900})
        login(page, base, "xa")
        page.goto(f"{base}/phan-anh/don-vi/{commune.pk}/hop-thu/")
        first_row = page.locator("main table tbody tr").first.inner_text()
        assert code in first_row and "Quá hạn" in first_row and "Đã mở lại" in first_row
    assert not page.js_errors, page.js_errors
