"""Benchmark set-up: a throwaway database (SQLite file or PostgreSQL cluster) and machine facts."""

from __future__ import annotations

import argparse
import atexit
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="danchu-bench-"))
    workdir.chmod(0o755)  # the PostgreSQL cluster runs as an unprivileged user who must reach it
    if args.db == "postgres":
        pgdir = workdir / "pg"
        url = subprocess.check_output(
            [str(ROOT / "scripts" / "postgres.sh"), "start", str(pgdir)], text=True
        ).strip()
        atexit.register(subprocess.call, [str(ROOT / "scripts" / "postgres.sh"), "stop", str(pgdir)])
        subprocess.check_call(["psql", url.rsplit("/", 1)[0] + "/postgres", "-qc", "CREATE DATABASE danchu"])
        os.environ["DATABASE_URL"] = url
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "danchu.settings.dev"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    machine = f"{platform.node()} {platform.machine()} {os.cpu_count()} cores"
    print(f"machine: {machine}, Python {platform.python_version()}")
    print(f"database: {args.db}")
    return args
