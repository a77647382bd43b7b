"""Configuration from the environment."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from danchu.settings.env import BASE_DIR, site_url


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "http://127.0.0.1:8000"),
        ({"DANCHU_ADDR": "127.0.0.1:8123"}, "http://127.0.0.1:8123"),
        ({"DANCHU_ADDR": "8123"}, "http://127.0.0.1:8123"),
        ({"DANCHU_ADDR": "8123", "DANCHU_SITE_URL": "https://danchu.quangninh.gov.vn/"},
         "https://danchu.quangninh.gov.vn"),
    ],
)  # fmt: skip
def test_site_url_is_the_served_address_unless_configured(monkeypatch, env, expected):
    monkeypatch.delenv("DANCHU_ADDR", raising=False)
    monkeypatch.delenv("DANCHU_SITE_URL", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert site_url() == expected


def test_make_run_settings_link_to_the_address_it_serves_on():
    """What the server and the task worker of `DANCHU_ADDR=127.0.0.1:8123 make run` read."""
    env = {k: v for k, v in os.environ.items() if k != "DANCHU_SITE_URL"}
    env.update(DANCHU_ADDR="127.0.0.1:8123", DJANGO_SETTINGS_MODULE="danchu.settings.dev")
    code = "import django; django.setup(); from django.conf import settings; print(settings.DANCHU_SITE_URL)"
    out = subprocess.run(  # noqa: S603 (our own interpreter, fixed code)
        [sys.executable, "-c", code], env=env, cwd=BASE_DIR, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "http://127.0.0.1:8123"
