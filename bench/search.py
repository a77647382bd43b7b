"""Benchmark for search over public content (issue 5).

Fills the search index with 1,000,000 disclosures: titles of 8–14 and bodies of 40–80 Vietnamese words
drawn from a Zipf-like vocabulary of administrative language, spread over 3,300 communes of 34 provinces,
20 catalogue categories and three years. Then runs 300 queries of one to three words (half typed without
diacritics, the last word sometimes unfinished), a third filtered by commune, province, category or
dates, through `danchu.core.search.search` (the interface the portal and the API use), after one warm-up
pass, and prints:

- `search_p50_ms`, `search_p95_ms`: per query (first page of 20 hits, ranked);
- `search_filtered_p50_ms`: the filtered ones alone; `index_build_s`: loading and indexing the rows.

Usage: .venv/bin/python bench/search.py [--db postgres] [--smoke]
(--smoke: 5,000 rows and 30 queries)
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import statistics
import time
from importlib import import_module

from _common import setup

VOCABULARY = (
    "ủy ban nhân dân phường xã thông báo kế hoạch dự toán ngân sách quyết toán đất đai thu hồi "
    "bồi thường hỗ trợ tái định cư quy hoạch xây dựng dự án công trình giao thông đường trường "
    "học trạm y tế nhà văn hóa hộ nghèo cận nghèo vay vốn chính sách xã hội trợ cấp bảo hiểm y "
    "tế phí lệ phí thủ tục hành chính một cửa tiếp công dân khiếu nại tố cáo kiến nghị phản ánh "
    "thanh tra kiểm tra giám sát cộng đồng đầu tư quỹ đóng góp tài trợ sáp nhập thôn tổ dân phố "
    "khu phố địa giới hành chính lấy phiếu tín nhiệm hội đồng kết quả tiếp thu giải trình ý "
    "kiến nhân dân hương ước quy ước dân chủ cơ sở công khai niêm yết truyền thanh loa môi "
    "trường rác thải nước sạch điện chiếu sáng cây xanh an ninh trật tự phòng cháy chữa cháy "
    "thiên tai lũ lụt bão cứu trợ khen thưởng kỷ luật cán bộ công chức viên chức tuyển dụng bổ "
    "nhiệm năm quý tháng "
)
WORDS = VOCABULARY.split()


def main() -> None:
    args = setup(__doc__ or "")
    rows, queries = (5_000, 30) if args.smoke else (1_000_000, 300)
    from django.db import connection, transaction

    from danchu.core import search
    from danchu.core.text import fold

    rng = random.Random(11)
    folded = [fold(w) for w in WORDS]
    weights = list(itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(WORDS))))
    order = list(range(len(WORDS)))
    rng.shuffle(order)  # which words are common is arbitrary, not alphabetical
    categories = [f"11.{n}" for n in range(1, 15)] + ["11.2a", "11.2b", "11.2c", "11.3a", "11.3b", "11.3d"]
    communes = [(p, c) for p in range(1, 35) for c in range(100)]
    first_day = dt.date(2024, 1, 1)

    def phrase(low: int, high: int) -> tuple[str, str]:
        picks = rng.choices(order, cum_weights=weights, k=rng.randint(low, high))
        return " ".join(WORDS[i] for i in picks), " ".join(folded[i] for i in picks)

    started = time.perf_counter()
    vendor = connection.vendor
    with connection.cursor() as cursor:
        if vendor == "sqlite":  # load first, build the full-text index once at the end
            for trigger in ("ai", "ad", "au"):
                cursor.execute(f"DROP TRIGGER core_searchentry_{trigger}")
        else:
            cursor.execute("DROP INDEX core_searchentry_vector")
            cursor.execute("DROP INDEX core_searchentry_title_trgm")
    insert = (
        "INSERT INTO core_searchentry (kind, object_id, unit_id, unit_path, unit_name, categories, day, "
        "visible_from, title, summary, url, title_key, body_key) VALUES (" + ", ".join(["%s"] * 13) + ")"
    )
    batch: list[tuple[object, ...]] = []
    for n in range(rows):
        province, commune = communes[n % len(communes)]
        title, title_key = phrase(8, 14)
        body, body_key = phrase(40, 80)
        day = first_day + dt.timedelta(days=rng.randrange(1000))
        cats = "|" + "|".join(rng.sample(categories, rng.randint(1, 2))) + "|"
        batch.append(("disclosure", n, province * 1000 + commune, f"/{province}/{province * 1000 + commune}/",
                      f"Phường {commune}", cats, day, day, title.capitalize(), body[:280], f"/cong-bo/{n}/",
                      title_key, body_key))  # fmt: skip
        if len(batch) == 5000 or n == rows - 1:  # the last batch too
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(insert, batch)
            batch.clear()
    with connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute("INSERT INTO core_searchentry_fts(core_searchentry_fts) VALUES ('rebuild')")
        else:
            for statement in import_module("danchu.core.migrations.0005_search_entry").POSTGRES:
                if statement.startswith("CREATE INDEX"):  # the migration's own indexes, built once
                    cursor.execute(statement)
            cursor.execute("ANALYZE core_searchentry")
    build = time.perf_counter() - started

    today = dt.date(2027, 1, 1)
    cases = []
    for q in range(queries):
        picks = rng.choices(order, cum_weights=weights, k=rng.randint(1, 3))
        words = [WORDS[i] if q % 2 else folded[i] for i in picks]
        if q % 5 == 0 and len(words[-1]) > 3:
            words[-1] = words[-1][:3]  # still typing
        kind = q % 6
        filters: dict[str, object] = {}
        if kind == 1:
            p, c = rng.choice(communes)
            filters["within_path"] = f"/{p}/{p * 1000 + c}/"
        elif kind == 2:
            filters["within_path"] = f"/{rng.randint(1, 34)}/"
        elif kind == 3:
            filters["category"] = rng.choice(categories)
        elif kind == 4:
            start = first_day + dt.timedelta(days=rng.randrange(900))
            filters.update(date_from=start, date_to=start + dt.timedelta(days=60))
        cases.append((" ".join(words), filters))

    def run(text: str, filters: dict[str, object]) -> tuple[float, int]:
        begun = time.perf_counter()
        found = search.search(text, today=today, **filters)  # type: ignore[arg-type]
        return (time.perf_counter() - begun) * 1000, len(found.hits)

    for text, filters in cases:
        run(text, filters)
    timings = [run(text, filters) for text, filters in cases]
    all_ms = [t for t, _ in timings]
    filtered_ms = [t for (t, _), (_, f) in zip(timings, cases, strict=True) if f]
    quantiles = statistics.quantiles(all_ms, n=20)
    print(f"rows: {rows}, queries: {queries}, with hits: {sum(1 for _, h in timings if h)}")
    print(f"slowest query: {max(all_ms):.1f} ms")
    print(f"index_build_s: {build:.0f}")
    print(f"search_filtered_p50_ms: {statistics.median(filtered_ms):.1f}")
    print(f"search_p50_ms: {statistics.median(all_ms):.1f}")
    print(f"search_p95_ms: {quantiles[18]:.1f}")


if __name__ == "__main__":
    main()
