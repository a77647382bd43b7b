"""Benchmark set-up: a throwaway database (SQLite file or PostgreSQL cluster) and machine facts.

Every benchmark takes `--db postgres` and `--smoke`: tiny sizes that run in seconds, so that
`scripts/bench-smoke.sh` proves on every test run that each benchmark still runs to its figures (which,
in a smoke run, measure nothing).
"""

from __future__ import annotations

import argparse
import atexit
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The smoke runs load these provinces of the national list (both trees) instead of all 34 and 63.
SMOKE_PROVINCES = ("22", "4")  # Quảng Ninh, Cao Bằng


def setup(description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: proves it runs, measures nothing")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="danchu-bench-"))
    workdir.chmod(0o755)  # the PostgreSQL cluster runs as an unprivileged user who must reach it
    atexit.register(shutil.rmtree, workdir, ignore_errors=True)  # last: after the cluster has stopped
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
    if args.smoke:
        print("smoke run: tiny sizes, the figures below measure nothing")
    return args


def load_units(smoke: bool) -> None:
    """The national unit list; in a smoke run only SMOKE_PROVINCES of it."""
    from danchu.units.loader import load_national_units

    load_national_units(provinces=SMOKE_PROVINCES if smoke else None)


@dataclass
class BenchProvince:
    """A made-up province (code 99) of communes, each with one agency, that agency's officer and a focal
    officer of the commune: who the daily scans tell."""

    province: Any
    communes: list[Any]
    agencies: list[Any]


def build_province(agency_name: str, communes: int = 100) -> BenchProvince:
    from danchu.accounts.models import Role, RoleAssignment, User
    from danchu.core.text import fold
    from danchu.units.models import Agency, Tier, Unit

    province = Unit.objects.create(
        name="Tỉnh Thử", name_key="tinh thu", kind="tinh", tier=Tier.PROVINCE, code="99", path=""
    )
    province.path = f"/{province.pk}/"
    province.save()
    made = Unit.objects.bulk_create(
        Unit(
            parent=province,
            name=f"Xã {n}",
            name_key=fold(f"Xã {n}"),
            kind="xa",
            tier=Tier.COMMUNE,
            code=f"9{n:04d}",
            path="",
        )
        for n in range(communes)
    )
    for commune in made:
        commune.path = f"{province.path}{commune.pk}/"
    Unit.objects.bulk_update(made, ["path"])
    agencies = Agency.objects.bulk_create(
        Agency(unit=c, name=agency_name, name_key=fold(agency_name), kind="chuyen_mon") for c in made
    )
    users = User.objects.bulk_create(
        User(username=f"u{n}", email=f"u{n}@bench.local") for n in range(2 * communes)
    )
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(user=users[n], role=Role.AGENCY_OFFICER, unit=made[n], agency=agencies[n])
            for n in range(communes)
        ]
        + [
            RoleAssignment(user=users[communes + n], role=Role.FOCAL_OFFICER, unit=made[n])
            for n in range(communes)
        ]
    )
    return BenchProvince(province, made, agencies)
