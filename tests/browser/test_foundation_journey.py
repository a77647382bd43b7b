"""The foundation journey in headless Chromium: find a commune, log in, build its villages and households,
see the history, and be refused in a sibling commune."""

from __future__ import annotations

from pathlib import Path

import pytest

from .steps import login, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def test_commune_official_builds_the_register(live_server, page, tree, personas):
    base = live_server.url
    SHOTS.mkdir(parents=True, exist_ok=True)

    # A citizen finds the commune without typing diacritics.
    page.goto(base + "/")
    page.fill("#q", "chanh lo")
    submit(page, "form[role=search] button")
    submit(page, "text=Phường Chánh Lộ")
    assert page.locator("h1").inner_text() == "Phường Chánh Lộ"
    assert "Tổ dân phố 1" in page.content()

    # The commune's focal officer logs in and lands on the workspace.
    login(page, base, "xa")
    page.wait_for_url("**/ban-lam-viec/")
    assert "Bàn làm việc – Phường Chánh Lộ" in page.locator("h1").inner_text()

    # Adds a residential group, then a household and its representative.
    page.goto(f"{base}/quan-tri/don-vi/{tree.commune.pk}/")
    page.fill("#id_name", "Tổ dân phố 9")
    page.select_option("#id_kind", "to_dan_pho")
    submit(page, "section.card button[type=submit]")
    assert "Đã thêm Tổ dân phố 9." in page.content()
    submit(page, "main table >> text=Tổ dân phố 9")
    page.fill("#id_number", "005")
    page.fill("#id_address", "Số 5, đường Hùng Vương")
    page.click("section.card button[type=submit]")
    page.wait_for_url("**/quan-tri/ho/*/")
    page.fill("#id_full_name", "Võ Thị Hồng")
    page.fill("#id_birth_year", "1975")
    page.check("#id_is_representative")
    submit(page, "section.card button[type=submit]")
    assert "Người đại diện hộ: Võ Thị Hồng" in page.locator("main").inner_text()

    # A duplicate household number is refused with a message, nothing saved.
    submit(page, "main nav.breadcrumbs >> text=Tổ dân phố 9")
    page.fill("#id_number", "005")
    submit(page, "section.card button[type=submit]")
    assert "đã có hộ số 005" in page.content()

    # The unit's history shows who did what.
    page.goto(f"{base}/quan-tri/don-vi/{tree.commune.pk}/nhat-ky/")
    history = page.locator("main table").inner_text()
    assert "units.village.create" in history and "units.household.representative" in history

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/quan-tri/don-vi/{tree.commune.pk}/")
    page.screenshot(path=str(SHOTS / "commune-narrow.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1

    # The sibling commune's officer is refused, in Vietnamese.
    submit(page, "text=Đăng xuất")
    login(page, base, "xabengcanh")
    page.goto(f"{base}/quan-tri/don-vi/{tree.commune.pk}/")
    assert "Không có quyền truy cập" in page.locator("h1").inner_text()
    assert page.js_errors == []


def test_live_search_on_the_home_page(live_server, page, tree):
    """Typing filters communes as you go (htmx), diacritics optional; the plain form works without it."""
    page.goto(live_server.url + "/")
    page.fill("#q", "nam chinh")
    page.wait_for_selector("#results >> text=Xã Nam Chính")
    assert "Phường Chánh Lộ" not in page.locator("#results").inner_text()
    assert page.js_errors == []
