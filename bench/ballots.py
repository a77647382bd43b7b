"""Benchmark for household ballots (issue 12).

- `ballots_concurrent`, `ballots_lost`, `ballots_double`: 200 households of one village vote online at the
  same instant through the real HTTP stack (gunicorn on 127.0.0.1, production settings over plain HTTP,
  the JSON API with session cookies and CSRF), while the vote team records the paper ballots of 50 of the
  same households at that same instant. Lost: a household with no counted ballot, or an accepted answer
  whose receipt is not in the published list. Double: more than one counted ballot (participation, choice
  or receipt) for a household. The aim is 0 and 0, on SQLite and on PostgreSQL.
- `tally_ms`: counting a commune-wide ballot of 50,000 households over its frozen register
  (`selectors.compute_result`); `tally_floor_ms`: one raw `SELECT option_id, COUNT(*) … GROUP BY` over the
  same ballots; `tally_ratio_to_floor` (aim ≤ 3); `tally_step_ms`: the whole tally step (the count, the
  SHA-256 digest over every ballot and receipt, the audit entry).
- `results_page_queries`, `results_page_queries_small`: the public results page's query count for the
  50,000-household ballot and for a 200-household one (constant in the number of households).

Usage: .venv/bin/python bench/ballots.py [--db postgres] [--smoke]
(--smoke: 40 voters of whom 10 also on paper, a 1,000-household tally)
"""

from __future__ import annotations

import atexit
import datetime as dt
import http.client
import json
import os
import random
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(64))  # shared by this process and the server

from _common import ROOT, setup


def unit(name: str, kind: str, parent=None):  # type: ignore[no-untyped-def]
    from danchu.core.text import fold
    from danchu.units.models import TIER_OF_KIND, Unit

    made = Unit.objects.create(
        name=name, name_key=fold(name), kind=kind, tier=TIER_OF_KIND[kind], parent=parent, path=""
    )
    made.path = f"{parent.path if parent else '/'}{made.pk}/"
    made.save(update_fields=["path"])
    return made


def households(village, n: int, start: int = 0) -> list:  # type: ignore[no-untyped-def]
    from danchu.core.text import fold
    from danchu.units.models import Household, Resident

    made = Household.objects.bulk_create(
        [Household(village=village, number=f"{start + i:05d}") for i in range(n)], batch_size=5000
    )
    people = Resident.objects.bulk_create(
        [Resident(household=h, full_name=f"Đại diện {h.number}", name_key=fold(h.number)) for h in made],
        batch_size=5000,
    )
    for h, p in zip(made, people, strict=True):
        h.representative = p
    Household.objects.bulk_update(made, ["representative"], batch_size=5000)
    return made


def session_for(user) -> str:  # type: ignore[no-untyped-def]
    """A logged-in session made directly (200 password hashes would only measure the hasher)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return str(store.session_key)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def post(port: int, path: str, session: str, body: dict) -> tuple[int, dict]:  # type: ignore[type-arg]
    token = secrets.token_hex(16)  # the CSRF secret, sent as cookie and header (double submit)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.request(
        "POST",
        path,
        body=json.dumps(body),
        headers={
            "Content-Type": "application/json",
            "Cookie": f"sessionid={session}; csrftoken={token}",
            "X-CSRFToken": token,
            "Host": "localhost",
        },
    )
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, json.loads(data or b"{}")


def main() -> None:
    args = setup(__doc__ or "")
    voters, doubles, big = (40, 10, 1_000) if args.smoke else (200, 50, 50_000)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from danchu.accounts.models import Role, RoleAssignment, User
    from danchu.decisions import selectors, services
    from danchu.decisions.models import Choice, PaperBallot, Participation, Receipt, RegisterEntry
    from danchu.units.models import UnitKind

    admin = User.objects.create_user(username="bench-admin", password=secrets.token_urlsafe())
    RoleAssignment.objects.create(user=admin, role=Role.SYSTEM_ADMIN)
    province = unit("Tỉnh Thử", UnitKind.PROVINCE)
    commune = unit("Xã Thử", UnitKind.COMMUNE, province)
    village = unit("Thôn Một", UnitKind.VILLAGE, commune)
    head = User.objects.create_user(username="bench-head", password=secrets.token_urlsafe())
    RoleAssignment.objects.create(user=head, role=Role.VILLAGE_HEAD, unit=village)
    homes = households(village, voters)
    users = User.objects.bulk_create([User(username=f"ho{h.number}", password="!") for h in homes])
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(user=u, role=Role.CITIZEN, unit=village, resident_id=h.representative_id)
            for u, h in zip(users, homes, strict=True)
        ]
    )
    today = dt.date.today()
    decision = services.create_decision(
        actor=head,
        unit=village,
        matter_code="infrastructure",
        title="Bê tông hóa đường thôn",
        questions=[services.QuestionSpec("Đồng ý mức đóng góp 500.000 đồng/hộ")],
        form="ballot",
        closes_on=today + dt.timedelta(days=10),
        electronic_returns=True,
    )
    services.announce(actor=head, decision_id=decision.pk)
    services.open_voting(actor=head, decision_id=decision.pk)
    services.issue_paper_ballots(actor=head, decision_id=decision.pk)
    approve = decision.questions.get().options.get(approves=True).pk
    codes = dict(PaperBallot.objects.filter(decision=decision).values_list("household_id", "code"))
    sessions = [session_for(u) for u in users]
    head_session = session_for(head)
    connection.close()

    static = Path(tempfile.mkdtemp(prefix="danchu-static-"))
    atexit.register(shutil.rmtree, static, ignore_errors=True)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.server", "BENCH_STATIC_ROOT": str(static)}
    env["PYTHONPATH"] = str(ROOT)
    port = free_port()
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "danchu.wsgi", "-w", "2", "--threads", "16",
         "-b", f"127.0.0.1:{port}", "--backlog", "512", "--log-level", "warning"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    results: list[tuple[str, int, int, dict]] = []  # type: ignore[type-arg]
    lock = threading.Lock()
    try:
        for _ in range(200):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        attempts: list[tuple[str, int, str, dict]] = []  # type: ignore[type-arg]
        for h, s in zip(homes, sessions, strict=True):
            body = {"household_id": h.pk, "option_ids": [approve]}
            attempts.append(("online", h.pk, s, body))
        for h in random.Random(12).sample(homes, doubles):
            attempts.append(("paper", h.pk, head_session, {"code": codes[h.pk], "option_ids": [approve]}))
        barrier = threading.Barrier(len(attempts))

        def run(kind: str, household: int, session: str, body: dict) -> None:  # type: ignore[type-arg]
            path = f"/api/v1/decisions/{decision.pk}/" + ("ballots" if kind == "online" else "paper-returns")
            barrier.wait()
            status, answer = post(port, path, session, body)
            with lock:
                results.append((kind, household, status, answer))

        threads = [threading.Thread(target=run, args=a) for a in attempts]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait()

    statuses: dict[str, int] = {}
    for kind, _h, status, _a in results:
        statuses[f"{kind} {status}"] = statuses.get(f"{kind} {status}", 0) + 1
    counted = dict(Participation.objects.filter(decision=decision).values_list("household_id", "channel"))
    receipts = set(Receipt.objects.filter(decision=decision).values_list("code", flat=True))
    accepted = [(h, a.get("receipt", "")) for _k, h, status, a in results if status == 200]
    lost = sum(1 for h in homes if h.pk not in counted) + sum(1 for _h, r in accepted if r not in receipts)
    participations = Participation.objects.filter(decision=decision).count()
    double = max(0, participations - len(counted)) + max(0, len(accepted) - len(counted))
    double += max(0, Choice.objects.filter(decision=decision).count() - participations)
    double += max(0, len(receipts) - participations)
    unexpected = {k: v for k, v in statuses.items() if not k.endswith((" 200", " 400"))}
    print(f"answers: {dict(sorted(statuses.items()))}; wall {wall:.1f} s")
    if unexpected:
        sys.exit(f"unexpected answers: {unexpected}")

    # A commune-wide ballot of `big` households, its ballots bulk-loaded, then counted.
    villages = [unit(f"Thôn {i}", UnitKind.VILLAGE, commune) for i in range(max(1, big // 1000))]
    for i, v in enumerate(villages):
        households(v, big // len(villages), start=100_000 + i * 10_000)
    wide = services.create_decision(
        actor=admin,
        unit=commune,
        matter_code="infrastructure",
        title="Đóng góp xây trường mầm non",
        questions=[services.QuestionSpec("Mức đóng góp", "contribution", [
            services.OptionSpec("300.000 đồng", 300_000), services.OptionSpec("500.000 đồng", 500_000),
            services.OptionSpec("700.000 đồng", 700_000)])],
        form="ballot",
        closes_on=today + dt.timedelta(days=10),
    )  # fmt: skip
    services.announce(actor=admin, decision_id=wide.pk)
    services.open_voting(actor=admin, decision_id=wide.pk)
    option_ids = list(wide.questions.get().options.values_list("id", flat=True))
    rng = random.Random(7)
    register = list(RegisterEntry.objects.filter(decision=wide).values_list("household_id", flat=True))
    voting = register[: int(len(register) * 0.8)]
    boxes = [uuid.uuid4() for _ in voting]
    Participation.objects.bulk_create(
        [Participation(decision=wide, household_id=h, channel="paper", recorded_by=admin, box=b,
                       receipt=f"R{n:08d}") for n, (h, b) in enumerate(zip(voting, boxes, strict=True))],
        batch_size=5000,
    )  # fmt: skip
    weights = [0.2, 0.7, 0.1]
    Choice.objects.bulk_create(
        [Choice(decision=wide, box=b, option_id=rng.choices(option_ids, weights)[0]) for b in boxes],
        batch_size=5000,
    )
    Receipt.objects.bulk_create(
        [Receipt(decision=wide, code=f"R{n:08d}") for n in range(len(voting))], batch_size=5000
    )
    services.close_voting(actor=admin, decision_id=wide.pk)
    wide.refresh_from_db()
    table = Choice._meta.db_table

    def floor() -> float:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT option_id, COUNT(*) FROM {table} WHERE decision_id = %s GROUP BY option_id",
                [wide.pk],
            )
            cursor.fetchall()
        return (time.perf_counter() - started) * 1000

    def count() -> float:
        started = time.perf_counter()
        selectors.compute_result(wide)
        return (time.perf_counter() - started) * 1000

    floor(), count()  # warm
    floors = [floor() for _ in range(5)]
    counts = [count() for _ in range(5)]
    started = time.perf_counter()
    services.tally(actor=admin, decision_id=wide.pk)
    step = (time.perf_counter() - started) * 1000
    services.publish_result(actor=admin, decision_id=wide.pk)
    services.close_voting(actor=head, decision_id=decision.pk)
    services.tally(actor=head, decision_id=decision.pk)
    services.publish_result(actor=head, decision_id=decision.pk)

    def page_queries(decision_id: int) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert (
                Client(SERVER_NAME="localhost")
                .get(reverse("decisions:public", args=[decision_id]))
                .status_code
                == 200
            )
        return len(ctx.captured_queries)

    wide.refresh_from_db()
    result = selectors.compute_result(wide)
    print(f"tally: {result.participated} of {result.denominator} households, passed {result.passed}")
    print(f"ballots_concurrent: {voters}")
    print(f"ballots_second_channel: {doubles}")
    print(f"ballots_lost: {lost}")
    print(f"ballots_double: {double}")
    print(f"tally_households: {big}")
    print(f"tally_ms: {statistics.median(counts):.1f}")
    print(f"tally_floor_ms: {statistics.median(floors):.1f}")
    print(f"tally_ratio_to_floor: {statistics.median(counts) / statistics.median(floors):.2f}")
    print(f"tally_step_ms: {step:.0f}")
    print(f"results_page_queries: {page_queries(wide.pk)}")
    print(f"results_page_queries_small: {page_queries(decision.pk)}")


if __name__ == "__main__":
    main()
