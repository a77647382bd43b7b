"""Benchmark for village conventions (hương ước, quy ước; issue 12 point 7).

Builds a commune with villages, gives it recognised conventions (each a text of many articles), then
measures the pages and jobs that grow with them:

- `register_queries_small`, `register_queries_large`: the commune's public register page with few and
  with many conventions (the aim: equal, constant in the number of conventions);
- `public_queries_small`, `public_queries_large`: a convention's public page with a short and a long text
  (constant in the number of articles);
- `register_ms`, `public_ms`: median time to render each page (test client, in process);
- `officials_list_queries`: the commune officials' list of every village's conventions;
- `daily_job_ms`: the overdue-reminder job over every adopted-but-unfiled version;
- `recognise_ms`: median time of one recognition through the service (locks, audit, history).

Usage: .venv/bin/python bench/conventions.py [--db postgres] [--smoke]
(--smoke: 5 and 20 conventions, 5 and 40 articles: the same code paths, briefly)
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from typing import Any

from _common import setup


def tree(villages: int) -> tuple[Any, list[Any]]:
    from danchu.core.text import fold
    from danchu.units.models import TIER_OF_KIND, Unit, UnitKind

    def unit(name: str, kind: str, parent: Any = None) -> Any:
        row = Unit.objects.create(
            name=name, name_key=fold(name), kind=kind, tier=TIER_OF_KIND[kind], parent=parent, path=""
        )
        row.path = f"{parent.path if parent else '/'}{row.pk}/"
        row.save(update_fields=["path"])
        return row

    province = unit("Tỉnh Thử Nghiệm", UnitKind.PROVINCE)
    commune = unit("Xã Thử Nghiệm", UnitKind.COMMUNE, province)
    return commune, [unit(f"Thôn {i}", UnitKind.VILLAGE, commune) for i in range(villages)]


def seed(villages: list[Any], count: int, articles: int, user: Any, start: int = 0) -> list[Any]:
    """`count` recognised conventions of `articles` articles each, written in bulk (not through the
    services: the figures are about reading them)."""
    from danchu.conventions.models import Article, Convention, ConventionVersion

    day = dt.date(2026, 1, 5)
    conventions = Convention.objects.bulk_create(
        Convention(
            unit=villages[i % len(villages)],
            title=f"Hương ước số {start + i}",
            status="in_force",
            effective_on=day,
            created_by=user,
        )
        for i in range(count)
    )
    versions = ConventionVersion.objects.bulk_create(
        ConventionVersion(
            convention=c,
            number=1,
            state="recognised",
            posted_on=day - dt.timedelta(days=60),
            opinions_until=day - dt.timedelta(days=31),
            adoption_form="meeting",
            adopted_on=day - dt.timedelta(days=10),
            households_total=100,
            households_present=80,
            households_approving=70,
            filed_on=day - dt.timedelta(days=8),
            recognised_on=day,
            decision_number=f"{start + n}/QĐ-UBND",
            created_by=user,
        )
        for n, c in enumerate(conventions)
    )
    Article.objects.bulk_create(
        (
            Article(
                version=v,
                chapter="I" if a < articles // 2 else "II",
                number=a + 1,
                title=f"Điều khoản {a + 1}",
                body="Các hộ gia đình thực hiện nếp sống văn minh, giữ gìn vệ sinh chung.",
                change="same",
            )
            for v in versions
            for a in range(articles)
        ),
        batch_size=5000,
    )
    for c, v in zip(conventions, versions, strict=True):
        c.current = v
    Convention.objects.bulk_update(conventions, ["current"])
    return conventions


def measure(client: Any, url: str, rounds: int) -> tuple[int, float]:
    from django.db import connection

    seen: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        seen.append(sql)
        return execute(sql, params, many, context)

    # An execute wrapper counts across the reconnects the request cycle may make (health checks).
    with connection.execute_wrapper(count):
        assert client.get(url).status_code == 200, url
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - began) * 1000)
    return len(seen), statistics.median(times)


def main() -> None:
    args = setup(__doc__ or "")
    small, large, short, long, rounds = (5, 20, 5, 40, 3) if args.smoke else (50, 2000, 10, 200, 15)
    from django.test import Client
    from django.urls import reverse

    from danchu.accounts.models import Role, RoleAssignment, User
    from danchu.conventions import reminders, services
    from danchu.conventions.models import ConventionVersion
    from danchu.units.models import Household

    admin = User.objects.create_user(username="bench", password="bench-mat-khau-2026")
    RoleAssignment.objects.create(user=admin, role=Role.SYSTEM_ADMIN)
    commune, villages = tree(10)
    client = Client(SERVER_NAME="localhost")
    register = reverse("conventions:register", args=[commune.pk])

    first = seed(villages, small, short, admin)
    register_small, _ = measure(client, register, 1)
    public_small, _ = measure(client, reverse("conventions:public", args=[first[0].pk]), 1)
    longest = seed(villages, large - small, long, admin, start=small)
    register_large, register_ms = measure(client, register, rounds)
    public_large, public_ms = measure(client, reverse("conventions:public", args=[longest[-1].pk]), rounds)

    official = Client(SERVER_NAME="localhost")
    official.force_login(admin)
    officials_queries, _ = measure(official, reverse("conventions:unit", args=[commune.pk]), 1)

    # Adopted, not filed, past the deadline: the daily job reminds each (no one to notify here).
    ConventionVersion.objects.filter(convention__in=longest).update(
        state="adopted", file_due_on=dt.date(2026, 1, 2), recognised_on=None
    )
    began = time.perf_counter()
    counts = reminders.remind_overdue(dt.date(2026, 2, 2))
    daily_ms = (time.perf_counter() - began) * 1000

    # Recognitions through the service, each on its own freshly filed version.
    for village in villages:
        Household.objects.create(village=village, number="001")
    timings = []
    text = "".join(f"Điều {a}. Điều {a}\nNội dung {a}.\n" for a in range(1, short + 1))
    for i in range(rounds):
        convention = services.create_convention(
            actor=admin, unit=villages[i % len(villages)], kind="huong_uoc", title=f"Đo {i}", text=text
        )
        version = convention.versions.get()
        # Drafted before it was posted 40 days ago (a posting may not predate its draft).
        drafted = dt.datetime.now(dt.UTC) - dt.timedelta(days=41)
        ConventionVersion.objects.filter(pk=version.pk).update(created_at=drafted)
        version.refresh_from_db()
        services.post_draft(
            actor=admin, version=version, posted_on=dt.date.today() - dt.timedelta(days=40), place="x"
        )
        services.record_meeting(actor=admin, version=version, on=dt.date.today(), present=1, approving=1)
        services.file_with_commune(actor=admin, version=version)
        began = time.perf_counter()
        services.recognise(actor=admin, version=version, decision_number=f"{i}/QĐ")
        timings.append((time.perf_counter() - began) * 1000)

    print(f"conventions: {large}")
    print(f"articles_per_long_text: {long}")
    print(f"register_queries_small: {register_small}")
    print(f"register_queries_large: {register_large}")
    print(f"public_queries_small: {public_small}")
    print(f"public_queries_large: {public_large}")
    print(f"officials_list_queries: {officials_queries}")
    print(f"register_ms: {register_ms:.1f}")
    print(f"public_ms: {public_ms:.1f}")
    print(f"daily_job_overdue: {counts['conventions.filing_overdue']}")
    print(f"daily_job_ms: {daily_ms:.1f}")
    print(f"recognise_ms: {statistics.median(timings):.1f}")
    print(f"register_constant: {int(register_small == register_large)}")
    print(f"public_constant: {int(public_small == public_large)}")


if __name__ == "__main__":
    main()
