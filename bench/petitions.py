"""Benchmark for petitions (issue 14).

- `sla_first_scan_s`: the daily SLA scan (reminders, overdue marks, escalations) over 200,000 open
  petitions of 100 communes, the first time, when every petition already in a window gets its event;
- `sla_scan_s`, `sla_scan_ratio_to_floor`: the next day's scan (the daily case: what entered a window
  since; the median of eleven runs, each rolled back), against the floor, one SQL count of the petitions
  due an event that day (`sla.due(day).count()`, the median of eleven, each just before a scan);
- `open311_requests_p99_ms`, `open311_requests_rps`: GET requests.json (the default: the last 90 days, at
  most 1,000 rows) for a commune holding 10,000 petitions, through gunicorn (2 workers) loaded by wrk;
- `public_list_queries`, `public_list_queries_100`: the public list page's query count at 10,000 and 100.

Usage: .venv/bin/python bench/petitions.py [--db postgres] [--smoke]
(--smoke: 2,000 open petitions, 300 in the commune, one round of 1 s)
"""

from __future__ import annotations

import atexit
import datetime as dt
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import ROOT, build_province, setup
from portal import free_port


def wrk(url: str, seconds: int) -> tuple[float, float, str]:
    """(requests per second, p99 latency in ms, errors line) with a 30 s timeout, so that slow answers
    count in the latency instead of as socket timeouts."""
    tool = subprocess.check_output([str(ROOT / "scripts" / "wrk.sh")], text=True).strip()
    out = subprocess.check_output(
        [tool, "-t1", "-c8", f"-d{seconds}s", "--timeout", "30s", "--latency", url], text=True
    )
    errors = re.search(r"(Non-2xx or 3xx responses: \d+|Socket errors: .*)", out)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
    return rps, float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit], errors.group(1) if errors else ""


def build(open_petitions: int, in_commune: int) -> tuple[Any, Any]:
    """100 communes with agencies and officers; `open_petitions` spread over them with due dates from 10
    days ago to 110 days ahead; the first commune gets `in_commune` of them over the last 120 days."""
    from django.utils import timezone

    from danchu.petitions.models import Category, Letter, Petition

    today = timezone.localdate()
    now = timezone.now()
    bench = build_province("Phòng Kinh tế")
    communes, agencies = bench.communes, bench.agencies
    categories = Category.objects.bulk_create(
        Category(unit=c, code="street_light", name="Đèn chiếu sáng hỏng", agency=a, resolve_days=5)
        for c, a in zip(communes, agencies, strict=True)
    )
    batch = 10_000
    for start in range(0, open_petitions, batch):
        numbers = range(start, min(start + batch, open_petitions))
        # the first `in_commune` go to the first commune, the next 100 to the second, the rest to the others
        where = [0 if n < in_commune else 1 if n < in_commune + 100 else 2 + n % 98 for n in numbers]
        letters = Letter.objects.bulk_create(
            Letter(
                unit=communes[w],
                tracking_code=f"B{n:010d}",
                channel="portal_guest",
                classification="petition",
                subject=f"Đèn đường số {n} không sáng",
                text=f"Cột đèn số {n} trên đường Lê Lợi tắt.",
                received_on=today,
                process_by=today,
                fingerprint=f"{n:064d}",
                outcome="accepted",  # given to the agency: decided in the register
                decided_on=today,
            )
            for n, w in zip(numbers, where, strict=True)
        )
        Petition.objects.bulk_create(
            Petition(
                letter=letter,
                unit=communes[w],
                category=categories[w],
                agency=agencies[w],
                status="accepted",
                address=f"{n} Lê Lợi",
                due_on=today + dt.timedelta(days=n % 121 - 10),
                lat="15.120100",
                long="108.792300",
            )
            for letter, n, w in zip(letters, numbers, where, strict=True)
        )
    # created_at is set on insert: spread the big commune's over the last 120 days, 50 rows a day at a time
    ids = list(Petition.objects.filter(unit=communes[0]).order_by("pk").values_list("pk", flat=True))
    for i in range(0, len(ids), 50):
        Petition.objects.filter(pk__in=ids[i : i + 50]).update(
            created_at=now - dt.timedelta(days=(i // 50) % 120)
        )
    return communes[0], communes[1]


def main() -> None:
    args = setup(__doc__ or "")
    open_petitions, in_commune, rounds, seconds, rounds_of_scan = (
        (2_000, 300, 1, 2, 3) if args.smoke else (200_000, 10_000, 3, 8, 11)
    )
    from django.conf import settings
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from danchu.petitions.models import Petition
    from danchu.petitions.services import sla

    settings.DEBUG = False  # as in production: the development settings log every query, which costs
    started = time.perf_counter()
    commune, small = build(open_petitions, in_commune)

    def queries(unit: Any) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert Client(SERVER_NAME="localhost").get(f"/phan-anh/xa/{unit.pk}/").status_code == 200
        return len(ctx.captured_queries)

    print(f"petitions: {Petition.objects.count()}, built in {time.perf_counter() - started:.1f} s")
    many, few = queries(commune), queries(small)

    if connection.vendor == "postgresql":
        # As a running server's table is: autovacuum has set the visibility map (index-only reads) and
        # the planner's statistics; a table just loaded has neither, which slows the floor and the scan.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    today = timezone.localdate()
    first_started = time.perf_counter()
    first = sla.daily_job(today)
    first_s = time.perf_counter() - first_started
    tomorrow = today + dt.timedelta(days=1)
    floor_q = sla.due(tomorrow)  # built once: the floor is the statement alone
    floor_runs, scan_runs = [], []
    # Pairs of a count and the same day's scan (rolled back), so that both see the same machine: its speed
    # drifts over a run.
    for _ in range(rounds_of_scan):
        floor_started = time.perf_counter()
        due = floor_q.count()
        floor_runs.append(time.perf_counter() - floor_started)
        with transaction.atomic():
            scan_started = time.perf_counter()
            sla.daily_job(tomorrow)
            scan_runs.append(time.perf_counter() - scan_started)
            transaction.set_rollback(True)
    daily = sla.daily_job(tomorrow)
    floor_s, scan_s = statistics.median(floor_runs), statistics.median(scan_runs)
    print(f"first scan: {dict(first)}")
    print(f"next day: {dict(daily)}, due by the floor's count: {due}, floor_s: {floor_s:.4f}")
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
    url = f"http://127.0.0.1:{port}/open311/v2/requests.json?jurisdiction_id={commune.code}"
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        timing = subprocess.run(
            ["curl", "-sf", "-o", "/dev/null", "-w", "%{time_total}", url],
            check=True,
            capture_output=True,
            text=True,
        )
        print(f"one GET requests.json: {float(timing.stdout) * 1000:.0f} ms")
        wrk(url, max(seconds, 20))  # warm both workers (each loads the app on its first request)
        uncached = []
        for n in range(5):  # a query string seen once: no cached answer, the whole 1,000 rows built
            probe = subprocess.run(
                ["curl", "-sf", "-o", "/dev/null", "-w", "%{time_total}", f"{url}&_={n}"],
                check=True,
                capture_output=True,
                text=True,
            )
            uncached.append(float(probe.stdout) * 1000)
        rps, p99 = [], []
        for _ in range(rounds):
            r, latency, errors = wrk(url, seconds)
            rps.append(r)
            p99.append(latency)
            if errors:
                print(f"wrk: {errors}")
    finally:
        server.terminate()
        server.wait()
    print(f"sla_first_scan_s: {first_s:.2f}")
    print(f"sla_scan_s: {scan_s:.4f}")
    print(f"sla_scan_ratio_to_floor: {scan_s / floor_s:.1f}")
    print(f"rounds: {[round(r) for r in rps]}, p99 {[round(x, 1) for x in p99]}")
    print(f"open311_requests_rps: {statistics.median(rps):.0f}")
    print(f"open311_requests_p99_ms: {statistics.median(p99):.1f}")
    print(f"open311_requests_uncached_ms: {statistics.median(uncached):.0f}")
    print(f"public_list_queries_100: {few}")
    print(f"public_list_queries: {many}")


if __name__ == "__main__":
    main()
