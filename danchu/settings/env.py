"""Twelve-factor configuration: every deployment knob is an environment variable."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("DANCHU_VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def site_url() -> str:
    """Where links sent outside a request (mail) point: DANCHU_SITE_URL when configured (production), else
    the address `make run` serves on, DANCHU_ADDR (default 127.0.0.1:8000; a bare port means 127.0.0.1)."""
    configured = env_str("DANCHU_SITE_URL").rstrip("/")
    if configured:
        return configured
    addr = env_str("DANCHU_ADDR") or "127.0.0.1:8000"
    return f"http://127.0.0.1:{addr}" if addr.isdigit() else f"http://{addr}"


def database_config(default_sqlite: Path) -> dict[str, Any]:
    """The `default` database from DATABASE_URL, tuned for each engine.

    SQLite gets WAL, a busy timeout and persistent connections so a commune's single machine serves
    requests and the worker together; PostgreSQL gets the psycopg pool, without which each request pays
    a connection.
    """
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{default_sqlite}"
    config: dict[str, Any] = dict(dj_database_url.parse(url))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                "PRAGMA busy_timeout=20000;"
            ),
        }
        # Each worker keeps its connection: opening one (PRAGMAs, Django's SQL functions) costs more than
        # most of the queries a page makes.
        config["CONN_MAX_AGE"] = 600
        config["CONN_HEALTH_CHECKS"] = True
    elif config["ENGINE"] == "django.db.backends.postgresql":
        config["OPTIONS"] = {"pool": {"min_size": 1, "max_size": int(env_str("DATABASE_POOL_MAX", "8"))}}
        config["CONN_MAX_AGE"] = 0
    return config


def smtp_mailer() -> dict[str, Any]:
    """The SMTP mailer from EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS."""
    return {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": int(env_str("EMAIL_PORT", "25")),
            "username": env_str("EMAIL_HOST_USER"),
            "password": env_str("EMAIL_HOST_PASSWORD"),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
        },
    }
