"""Benchmark for consultations (issue 13).

Builds a commune with a draft of 200 sections (50 articles of 3 clauses) and 5,000 opinions spread over its
sections, and a draft of 13 sections with 20 opinions, then:

- `consultation_page_queries`, `consultation_page_queries_small`: the public consultation page's query count
  for the large and the small draft (the aim: equal, constant in the number of opinions);
- `consultation_page_p99_ms`, `consultation_page_rps`: the large draft's public page served by gunicorn (2
  sync workers, production settings over plain HTTP), loaded by wrk on 127.0.0.1 (aim: p99 < 100 ms);
- `ceiling_rps`: a one-line Django view on the same server, between rounds (the machine is shared);
- `grouping_s`: suggesting groups for 10,000 unanswered opinions (read from the database, folded, blocked,
  scored, joined), the median of three runs (aim: ≤ 10 s); `grouping_groups`: how many groups it found.

The opinions are Vietnamese sentences built from 300 themes, each said in several ways, half of them typed
without diacritics, with filler words drawn from a vocabulary of 2,000: like a large real consultation.
Usage: .venv/bin/python bench/consultations.py [--db postgres] [--smoke]
(--smoke: 20 sections, 200 opinions, 500 to group, one round of 1 s: the same code, briefly)
"""

from __future__ import annotations

import atexit
import datetime as dt
import os
import random
import secrets
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import ROOT, setup
from portal import free_port, wrk

THEMES = [
    "mở rộng đường", "lắp đèn chiếu sáng", "nạo vét kênh mương", "xây nhà văn hóa", "sửa trường học",
    "tăng giờ tiếp dân", "mở hòm thư góp ý", "niêm yết tại nhà văn hóa", "giảm khoản đóng góp",
    "công khai quỹ phòng chống thiên tai", "thu gom rác thải", "trồng cây xanh", "sửa cầu treo",
    "hỗ trợ hộ nghèo", "lắp camera an ninh", "chống ngập úng", "xây sân thể thao", "cấp nước sạch",
]  # fmt: skip
PLACES = ["tổ dân phố {}", "thôn {}", "khu phố {}", "ngõ {}", "xóm {}"]
LEADS = ["Đề nghị", "Kiến nghị", "Tôi đề nghị", "Nhân dân mong muốn", "Cần", "Đề xuất"]


def fold(text: str) -> str:
    from danchu.core.text import fold as core_fold

    return core_fold(text)


def opinions(n: int, rng: random.Random) -> list[str]:
    """n opinions: 300 themes (an action at a place), several wordings each, half without diacritics."""
    vocabulary = [f"{a}{b}" for a in ("ba", "cô", "hộ", "xe", "mưa", "nắng", "chợ", "đê", "đồng", "bến")
                  for b in range(200)]  # fmt: skip
    themes = [(rng.choice(THEMES), rng.choice(PLACES).format(rng.randint(1, 30))) for _ in range(300)]
    texts = []
    for _ in range(n):
        action, place = rng.choice(themes)
        words = [rng.choice(LEADS), action, "tại", place, *rng.sample(vocabulary, rng.randint(0, 4))]
        text = " ".join(words) + "."
        texts.append(fold(text) if rng.random() < 0.5 else text)
    return texts


def draft(articles: int, clauses: int) -> bytes:
    lines = ["QUY CHẾ", "Thực hiện dân chủ ở phường", "Chương I", "QUY ĐỊNH CHUNG"]
    for a in range(1, articles + 1):
        lines.append(f"Điều {a}. Nội dung thứ {a}")
        lines += [
            f"{k}. Quy định chi tiết số {k} của điều {a} về thực hiện dân chủ." for k in range(1, clauses + 1)
        ]
    return "\n".join(lines).encode()


def build(officer: Any, commune: Any, *, articles: int, clauses: int, count: int, rng: random.Random) -> Any:
    from danchu.consultations import services
    from danchu.consultations.models import Opinion

    consultation = services.create(
        actor=officer, unit=commune, matter_code="25.7", title=f"Quy chế ({articles} điều)",
        starts_on=dt.date.today() - dt.timedelta(days=3), ends_on=dt.date.today() + dt.timedelta(days=27),
        audience="commune", channels=["portal", "meeting"], file_name="quy-che.txt",
        file_data=draft(articles, clauses),
    )  # fmt: skip
    services.launch(actor=officer, consultation=consultation)
    sections = list(consultation.sections.all())
    revision = consultation.revisions.get()
    texts = opinions(count, rng)
    Opinion.objects.bulk_create(
        (
            Opinion(
                consultation=consultation,
                section=rng.choice([None, *sections]),
                revision=revision,
                channel=rng.choice(["portal", "meeting", "box"]),
                author_name="Công dân",
                text=t,
                text_key=fold(t),
                entered_by=officer,
            )
            for t in texts
        ),
        batch_size=2000,
    )
    return consultation


def main() -> None:
    args = setup(__doc__ or "")
    articles, many, grouped, rounds, seconds = (6, 200, 500, 1, 1) if args.smoke else (50, 5000, 10_000, 3, 8)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from danchu.accounts.models import Role, RoleAssignment, User
    from danchu.consultations import services
    from danchu.units.models import TIER_OF_KIND, Unit, UnitKind

    def unit(name: str, kind: str, parent: Unit | None) -> Unit:
        created = Unit.objects.create(name=name, name_key=fold(name), kind=kind, tier=TIER_OF_KIND[kind],
                                      parent=parent, path="")  # fmt: skip
        created.path = f"{parent.path if parent else '/'}{created.pk}/"
        created.save(update_fields=["path"])
        return created

    province = unit("Tỉnh Quảng Ninh", UnitKind.PROVINCE, None)
    commune = unit("Phường Bãi Cháy", UnitKind.WARD, province)
    officer = User.objects.create_user(username="bench.officer", password=secrets.token_urlsafe(16))
    RoleAssignment.objects.create(user=officer, role=Role.FOCAL_OFFICER, unit=commune)
    rng = random.Random(13)
    large = build(officer, commune, articles=articles, clauses=3, count=many, rng=rng)
    small = build(officer, commune, articles=4, clauses=2, count=20, rng=rng)
    to_group = build(officer, commune, articles=4, clauses=2, count=grouped, rng=rng)
    sections = large.sections.count() - 1  # the preamble is not a section of the text

    def queries(consultation: Any) -> int:
        with CaptureQueriesContext(connection) as ctx:
            page = f"/y-kien/cong/{consultation.pk}/"
            assert Client(SERVER_NAME="localhost").get(page).status_code == 200
        return len(ctx.captured_queries)

    page_queries, page_queries_small = queries(large), queries(small)
    timings, found = [], 0
    for _ in range(3):
        started = time.perf_counter()
        found = len(services.suggestions(to_group))
        timings.append(time.perf_counter() - started)
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
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "danchu.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}",
         "--log-level", "warning"],
        env=env,
        cwd=ROOT,
    )  # fmt: skip
    page = f"/y-kien/cong/{large.pk}/"
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        subprocess.run(["curl", "-sf", "-o", "/dev/null", f"{base}{page}"], check=True)
        wrk(f"{base}{page}", seconds)  # warm both workers
        rps, p99, ceiling = [], [], []
        for _ in range(rounds):  # alternating with the stack's ceiling: the machine is shared
            ceiling.append(wrk(f"{base}/bench/ceiling/", seconds)[0])
            r, latency = wrk(f"{base}{page}", seconds)
            rps.append(r)
            p99.append(latency)
    finally:
        server.terminate()
        server.wait()
    print(
        f"large draft: {sections} sections, {many} opinions; small draft: {small.sections.count()} sections"
    )
    print(f"grouping runs (s): {[round(t, 2) for t in timings]} over {grouped} opinions")
    print(f"consultation_page_queries: {page_queries}")
    print(f"consultation_page_queries_small: {page_queries_small}")
    print(f"consultation_page_rps: {statistics.median(rps):.0f}")
    print(f"consultation_page_p99_ms: {statistics.median(p99):.1f}")
    print(f"ceiling_rps: {statistics.median(ceiling):.0f}")
    print(f"grouping_s: {statistics.median(timings):.2f}")
    print(f"grouping_groups: {found}")


if __name__ == "__main__":
    main()
