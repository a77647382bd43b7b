"""Benchmark for the citizens' portal (issue 5).

Loads the national unit list, gives Phường Bãi Cháy 10,000 disclosures spread over three years (each
posted 30 days, one or two catalogue items, so about 270 are "posted now"), then serves the app with
gunicorn (2 sync workers, production settings over plain HTTP) and loads it with wrk on 127.0.0.1:

- `portal_rps`, `portal_p99_ms`: the commune's portal page (posted now by category, first page);
- `ceiling_rps`: a one-line Django view on the same server, the stack's ceiling;
- `portal_ratio_to_ceiling`: portal_rps / ceiling_rps (the aim is at least 0.5);
- `portal_queries`, `portal_queries_100`: the page's query count with 10,000 and with 100 disclosures.

Rounds alternate ceiling and portal (3 × 8 s each) and the medians are kept, because the machine is shared
with wrk. Usage: .venv/bin/python bench/portal.py [--db postgres] [--smoke]
(--smoke: 200 disclosures and one round of 1 s each: the same server and load, briefly)
"""

from __future__ import annotations

import atexit
import datetime as dt
import os
import random
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, load_units, setup


def seed(commune_code: str, count: int, start: int = 0) -> None:
    from danchu.accounts.models import User
    from danchu.disclosures.models import Disclosure, DisclosureItem
    from danchu.units.models import Generation, Tier, Unit

    commune = Unit.objects.get(code=commune_code, tier=Tier.COMMUNE, generation=Generation.CURRENT)
    user, _ = User.objects.get_or_create(username="bench")
    items = list(DisclosureItem.objects.filter(scope="commune"))
    rng, today = random.Random(5 + start), dt.date.today()
    rows = []
    for n in range(start, start + count):
        begins = today - dt.timedelta(days=rng.randrange(3 * 365))
        rows.append(Disclosure(
            unit=commune, title=f"Thông báo số {n} về {rng.choice(items).short_title.lower()}",
            body="<p>Ủy ban nhân dân phường thông báo để Nhân dân được biết.</p>", starts_on=begins,
            ends_on=begins + dt.timedelta(days=29), channels=["notice_board", "portal"], state="published",
            created_by=user,
        ))  # fmt: skip
    made = Disclosure.objects.bulk_create(rows, batch_size=2000)
    through = Disclosure.items.through
    through.objects.bulk_create(
        [through(disclosure_id=d.pk, disclosureitem_id=i.pk)
         for d in made for i in rng.sample(items, rng.randint(1, 2))],
        batch_size=5000,
    )  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wrk(url: str, seconds: int) -> tuple[float, float]:
    """(requests per second, p99 latency in ms) for `url`."""
    tool = subprocess.check_output([str(ROOT / "scripts" / "wrk.sh")], text=True).strip()
    out = subprocess.check_output([tool, "-t1", "-c8", f"-d{seconds}s", "--latency", url], text=True)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        sys.exit(f"{url} answered {errors.group(1)} errors:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
    return rps, float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def main() -> None:
    args = setup(__doc__ or "")
    disclosures, rounds, seconds = (200, 1, 1) if args.smoke else (10_000, 3, 8)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from danchu.units.models import Generation, Tier, Unit

    load_units(args.smoke)
    commune = Unit.objects.get(code="6673", tier=Tier.COMMUNE, generation=Generation.CURRENT)
    page = f"/don-vi/{commune.pk}/"

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert Client(SERVER_NAME="localhost").get(page).status_code == 200
        return len(ctx.captured_queries)

    seed("6673", 100)
    few = queries()
    seed("6673", disclosures - 100, start=100)
    many = queries()
    connection.close()

    static = Path(tempfile.mkdtemp(prefix="danchu-static-"))
    atexit.register(shutil.rmtree, static, ignore_errors=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.server",
        "BENCH_STATIC_ROOT": str(static),
        "SECRET_KEY": secrets.token_urlsafe(64),
        "PYTHONPATH": str(ROOT),
    }
    python = str(ROOT / ".venv" / "bin" / "python")
    subprocess.check_call([python, "-m", "django", "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT)
    port = free_port()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "danchu.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        subprocess.run(["curl", "-sf", "-o", "/dev/null", f"{base}{page}"], check=True)
        ceiling, portal, p99 = [], [], []
        wrk(f"{base}/bench/ceiling/", seconds)  # warm both workers
        for _ in range(rounds):
            ceiling.append(wrk(f"{base}/bench/ceiling/", seconds)[0])
            rps, latency = wrk(f"{base}{page}", seconds)
            portal.append(rps)
            p99.append(latency)
    finally:
        server.terminate()
        server.wait()
    print(f"disclosures: {disclosures}, posted now on the page: ~{disclosures * 30 // (3 * 365)}")
    print(f"rounds: ceiling {[round(r) for r in ceiling]}, portal {[round(r) for r in portal]}")
    print(f"portal_queries: {many}")
    print(f"portal_queries_100: {few}")
    print(f"portal_rps: {statistics.median(portal):.0f}")
    print(f"ceiling_rps: {statistics.median(ceiling):.0f}")
    print(f"portal_ratio_to_ceiling: {statistics.median(portal) / statistics.median(ceiling):.2f}")
    print(f"portal_p99_ms: {statistics.median(p99):.1f}")


if __name__ == "__main__":
    main()
