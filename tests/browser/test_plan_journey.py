"""Issue 3's journey in headless Chromium: a province uploads, corrects and issues its plan; a commune
sees what it owes, answers with its own plan; the province sees the commune on time."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from danchu.plans.tests.samples import SAMPLES
from danchu.units.models import Agency, AgencyKind

from .steps import SHOTS, VN, login, logout, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_province_plan_cascades_to_a_commune(live_server, page, tree, personas, settings):
    # The sample plans are dated 2023: the whole journey happens then. Cookies carry no dates, since
    # the browser's clock stays in the present.
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None
    Agency.objects.create(
        unit=tree.province, name="Sở Nội vụ", name_key="so noi vu", kind=AgencyKind.DEPARTMENT
    )
    base = live_server.url
    SHOTS.mkdir(parents=True, exist_ok=True)
    with time_machine.travel(dt.datetime(2023, 2, 20, 9, tzinfo=VN), tick=True):
        login(page, base, "tinh")
        page.goto(f"{base}/ke-hoach/don-vi/{tree.province.pk}/tai-len/")
        page.set_input_files("#id_file", str(SAMPLES / "province-quang-ngai-2023.txt"))
        page.click("main form button[type=submit]")
        page.wait_for_url("**/ke-hoach/*/")
        assert "30/KH-UBND" in page.locator("h1").inner_text()
        assert "Sở Nội vụ" in page.locator("main").inner_text()

        # Correct one item: its time frame becomes the first quarter.
        item = page.locator("li.card", has_text="II.1").first
        item.locator("summary", has_text="Sửa nội dung này").click()
        item.locator("input[name=timeframe_text]").fill("Quý I năm 2023")
        item.locator("button", has_text="Lưu nội dung").click()
        assert "Đã lưu nội dung II.1." in page.content()
        assert "31/03/2023" in page.locator("li.card", has_text="II.1").first.inner_text()

        page.check("input[name=cascade_tiers][value='3']")
        submit(page, "button:has-text('Ban hành kế hoạch')")
        assert "Đã ban hành kế hoạch." in page.content()
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=str(SHOTS / "plan-issued-narrow.png"))
        page.set_viewport_size({"width": 1200, "height": 900})
        logout(page)

    with time_machine.travel(dt.datetime(2023, 3, 10, 9, tzinfo=VN), tick=True):
        # The commune sees what the province expects of it, and answers with its own plan.
        login(page, base, "xa")
        page.goto(f"{base}/ke-hoach/don-vi/{tree.commune.pk}/")
        waiting = page.locator("section", has_text="Cấp trên đang chờ đơn vị").inner_text()
        assert "Gửi kế hoạch" in waiting and "15/03/2023" in waiting
        submit(page, "text=Tải lên kế hoạch")
        page.set_input_files("#id_file", str(SAMPLES / "ward-chanh-lo-2023.txt"))
        page.click("main form button[type=submit]")
        page.wait_for_url("**/ke-hoach/*/")
        page.click("summary:has-text('Sửa thông tin chung')")
        page.fill("#id_number", "15")
        page.fill("#id_issued_on", "10/03/2023")
        submit(page, "form[action$='/sua/'] button[type=submit]")
        assert "Đã lưu thông tin chung" in page.content()
        page.select_option("#parent", label=page.locator("#parent option").nth(1).inner_text())
        submit(page, "button:has-text('Gắn')")
        assert "Đã gắn với kế hoạch cấp trên." in page.content()
        submit(page, "button:has-text('Ban hành kế hoạch')")
        assert "Đã ban hành kế hoạch." in page.content()
        logout(page)

        # The province sees the commune on time, and its sibling still owing.
        login(page, base, "tinh")
        page.goto(f"{base}/ke-hoach/don-vi/{tree.province.pk}/")
        submit(page, "text=Thực hiện quy chế dân chủ ở cơ sở và công tác dân vận chính quyền năm 2023")
        submit(page, "text=Xem từng đơn vị")
        rows = page.locator("main table").nth(1).inner_text()
        assert "Phường Chánh Lộ" in rows and "đúng hạn" in rows
        assert "Xã Nam Chính" in rows and "chưa đến hạn" in rows
    assert page.js_errors == []
