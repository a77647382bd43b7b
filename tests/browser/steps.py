"""Steps every browser journey shares: signing in and out, and submitting a form.

A click that submits a form only starts the navigation; reading the page straight after it can read
the page being left. `submit` waits for the answer page to load, so an assertion reads the answer.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from conftest import PASSWORD

VN = dt.timezone(dt.timedelta(hours=7))
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PHONE = {"width": 390, "height": 844}
CITIZEN_HOME = "**/tai-khoan/ho-cua-toi/**"


def submit(page: Any, selector: str) -> None:
    """Click the control that sends a form (or follows a link) and wait for the answer to load."""
    with page.expect_navigation(wait_until="load"):
        page.click(selector)


def login(page: Any, base: str, username: str, lands_on: str = "**/ban-lam-viec/") -> None:
    """Sign in; an official lands on the workspace, a citizen (`lands_on=CITIZEN_HOME`) on the household."""
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    submit(page, "main button[type=submit]")
    page.wait_for_url(lands_on)


def logout(page: Any) -> None:
    submit(page, "text=Đăng xuất")
