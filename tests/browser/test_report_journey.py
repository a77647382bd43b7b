"""Issue 4's journey in headless Chromium: a commune fills and sends its 6-month report, the province
returns it with a comment, the commune corrects and sends again, the province approves, and the
province's roll-up shows the figures."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from danchu.reports import services
from danchu.reports.catalogue import MOTCUA, QCDC, codes
from danchu.units.models import Tier

from .steps import SHOTS, VN, login, logout, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_six_month_report_returned_corrected_approved_and_rolled_up(
    live_server, page, tree, personas, settings
):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None
    # A transactional test that ran before flushed the rows the migrations seed: put them back.
    base = live_server.url
    SHOTS.mkdir(parents=True, exist_ok=True)
    with time_machine.travel(dt.datetime(2026, 1, 5, 9, tzinfo=VN), tick=False):
        regime = services.create_regime(
            actor=personas["province_official"], unit=tree.province,
            name="Báo cáo 6 tháng thực hiện dân chủ ở cơ sở", frequency="six_monthly",
            reporter_tiers=[Tier.COMMUNE], indicator_codes=codes(QCDC) + codes(MOTCUA),
            required_codes=["MC_RECEIVED"], starts_on=dt.date(2026, 1, 1), outline=["Kết quả", "Kiến nghị"],
        )  # fmt: skip

    with time_machine.travel(dt.datetime(2026, 6, 16, 9, tzinfo=VN), tick=True):
        login(page, base, "xa")
        page.goto(f"{base}/bao-cao/don-vi/{tree.commune.pk}/")
        submit(page, "text=Báo cáo 6 tháng thực hiện dân chủ ở cơ sở")
        page.fill("#v_MC_RECEIVED", "1.250")
        page.fill("#v_MC_ONLINE", "5000")
        page.fill("#n_0", "Đã tổ chức 4 hội nghị tuyên truyền.")
        submit(page, "button:has-text('Lưu và gửi báo cáo')")
        assert "nhiều hơn hồ sơ tiếp nhận mới" in page.locator("#err-MC_ONLINE").inner_text()
        page.fill("#v_MC_ONLINE", "300")
        submit(page, "button:has-text('Lưu và gửi báo cáo')")
        assert "Đã gửi báo cáo." in page.content()
        assert "Đã gửi, chờ duyệt" in page.locator("main").inner_text()
        logout(page)

        login(page, base, "tinh")
        page.goto(f"{base}/bao-cao/{regime.pk}/")
        submit(page, "text=6 tháng đầu năm 2026")
        submit(page, "text=Xem tất cả")
        submit(page, "a[href*='/bao-cao/nop/']:has-text('Phường Chánh Lộ')")
        page.fill("#id_comment", "Đề nghị bổ sung số buổi đối thoại với Nhân dân.")
        submit(page, "button:has-text('Trả lại để sửa')")
        assert "Đã trả lại báo cáo." in page.content()
        logout(page)

        login(page, base, "xa")
        submit(page, "text=Thông báo")
        submit(page, "text=đã trả lại")
        assert "Đề nghị bổ sung số buổi đối thoại" in page.locator("#review-comment").inner_text()
        page.fill("#v_QCDC_DIALOGUES", "4")
        submit(page, "button:has-text('Lưu và gửi báo cáo')")
        assert "Đã gửi báo cáo." in page.content()
        logout(page)

        login(page, base, "tinh")
        page.goto(f"{base}/bao-cao/{regime.pk}/ky/2026S1/?xem=tat-ca")
        submit(page, "a[href*='/bao-cao/nop/']:has-text('Phường Chánh Lộ')")
        submit(page, "button:has-text('Duyệt')")
        assert "Đã duyệt báo cáo." in page.content()
        page.goto(f"{base}/bao-cao/{regime.pk}/ky/2026S1/tong-hop/?chi-tieu=MC_RECEIVED")
        pivot = page.locator("table.pivot")
        headers = pivot.locator("thead th").all_inner_texts()
        column = next(i for i, h in enumerate(headers) if h.startswith("Hồ sơ tiếp nhận mới"))
        commune_row = pivot.locator("tbody tr", has_text="Phường Chánh Lộ").locator("td").all_inner_texts()
        total_row = pivot.locator("tbody tr.total td").all_inner_texts()
        assert commune_row[column] == "1.250" and total_row[column - 1] == "1.250"
        assert page.locator("svg.chart").count() == 2
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=str(SHOTS / "report-rollup-narrow.png"), full_page=True)
        page.goto(f"{base}/bao-cao/{regime.pk}/ky/2026S1/")
        done = page.locator(".stats").inner_text()
        assert "1\nđã duyệt" in done or "1 đã duyệt" in done.replace("\n", " ")
        page.screenshot(path=str(SHOTS / "report-completeness-narrow.png"), full_page=True)
    assert page.js_errors == []
