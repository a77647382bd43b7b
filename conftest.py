"""Test personas along the hierarchy (design.md §5), on a small tree built per test.

province ── commune ── village (households h1, h2)
         └─ sibling ── sibling_village (household hs)

Every table's ids start in the millions (`django_db_setup` below), as in a real database, so a page that
prints an id through number formatting (1.000.001) fails its tests instead of passing with id 3.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from danchu.accounts.models import Role, RoleAssignment, User
from danchu.core.text import fold
from danchu.units.models import TIER_OF_KIND, Agency, AgencyKind, Household, Resident, Unit, UnitKind

PASSWORD = "mat-khau-thu-nghiem-2026"
# Table n (by name) hands out ids from FIRST_ID + n * ID_STRIDE: every id is ≥ 1,000,000, and an id taken
# from the wrong table (a unit's for a household's) points at nothing instead of at a row that happens to
# share the same small number.
FIRST_ID = 1_000_000
ID_STRIDE = 100_000


def start_ids_high() -> None:
    """Move every id sequence of the test database to FIRST_ID and above (SQLite and PostgreSQL)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%AUTOINCREMENT%'"
            )
            tables = sorted(name for (name,) in cursor.fetchall())
            for n, table in enumerate(tables):
                # A table gets its sqlite_sequence row at its first insert: add the missing ones.
                cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
                cursor.execute(
                    "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)",
                    [table, FIRST_ID + n * ID_STRIDE - 1],
                )
        elif connection.vendor == "postgresql":
            cursor.execute("SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema()")
            sequences = sorted(name for (name,) in cursor.fetchall())
            for n, sequence in enumerate(sequences):
                quoted = connection.ops.quote_name(sequence)
                cursor.execute(f"ALTER SEQUENCE {quoted} RESTART WITH {FIRST_ID + n * ID_STRIDE}")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """The test database, with high ids. Django's flush between transactional tests keeps sequences
    (reset_sequences=False), so they stay high for the whole run (tests/test_ids.py checks it)."""
    with django_db_blocker.unblock():
        start_ids_high()


def make_unit(name: str, kind: str, parent: Unit | None = None, code: str = "") -> Unit:
    unit = Unit.objects.create(
        name=name, name_key=fold(name), kind=kind, tier=TIER_OF_KIND[kind], code=code, parent=parent, path=""
    )
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.save(update_fields=["path"])
    return unit


def make_household(village: Unit, number: str, names: list[str]) -> Household:
    household = Household.objects.create(village=village, number=number, address=f"Số {number}")
    members = [Resident.objects.create(household=household, full_name=n, name_key=fold(n)) for n in names]
    household.representative = members[0]
    household.save()
    return household


def make_user(username: str, role: str | None, unit: Unit | None, **extra: Any) -> User:
    user = User.objects.create_user(
        username=username, password=PASSWORD, full_name=username.title(), email=f"{username}@example.test"
    )
    if role is not None:
        RoleAssignment.objects.create(user=user, role=role, unit=unit, **extra)
    return user


@dataclass
class Tree:
    province: Unit
    other_province: Unit
    commune: Unit
    sibling: Unit
    village: Unit
    sibling_village: Unit
    h1: Household
    h2: Household
    hs: Household
    agency: Agency
    sibling_agency: Agency


@pytest.fixture
def tree(db: Any) -> Tree:
    province = make_unit("Tỉnh Quảng Ngãi", UnitKind.PROVINCE, code="51")
    other = make_unit("Thành phố Hải Phòng", UnitKind.CENTRAL_CITY, code="31")
    commune = make_unit("Phường Chánh Lộ", UnitKind.WARD, province, code="21100")
    sibling = make_unit("Xã Nam Chính", UnitKind.COMMUNE, province, code="21101")
    village = make_unit("Tổ dân phố 1", UnitKind.RESIDENTIAL_GROUP, commune)
    sibling_village = make_unit("Thôn Đông", UnitKind.VILLAGE, sibling)
    return Tree(
        province=province,
        other_province=other,
        commune=commune,
        sibling=sibling,
        village=village,
        sibling_village=sibling_village,
        h1=make_household(village, "001", ["Nguyễn Văn An", "Trần Thị Bình"]),
        h2=make_household(village, "002", ["Lê Văn Cường"]),
        hs=make_household(sibling_village, "001", ["Phạm Thị Dung"]),
        agency=Agency.objects.create(
            unit=commune, name="Văn phòng", name_key="van phong", kind=AgencyKind.SECTION
        ),
        sibling_agency=Agency.objects.create(
            unit=sibling, name="Văn phòng", name_key="van phong", kind=AgencyKind.SECTION
        ),
    )


PERSONAS = (
    "admin",
    "province_official",
    "commune_official",
    "sibling_official",
    "village_head",
    "oversight_member",
    "citizen",
    "anonymous",
)


@pytest.fixture
def personas(tree: Tree) -> dict[str, Any]:
    return {
        "admin": make_user("quantri", Role.SYSTEM_ADMIN, None),
        "province_official": make_user("tinh", Role.FOCAL_OFFICER, tree.province),
        "commune_official": make_user("xa", Role.FOCAL_OFFICER, tree.commune),
        "sibling_official": make_user("xabengcanh", Role.FOCAL_OFFICER, tree.sibling),
        "village_head": make_user("truongthon", Role.VILLAGE_HEAD, tree.village),
        "oversight_member": make_user("bttnd", Role.OVERSIGHT_MEMBER, tree.commune),
        "citizen": make_user("dan", Role.CITIZEN, tree.village, resident=tree.h1.representative),
        "anonymous": AnonymousUser(),
    }


@pytest.fixture
def login(client: Any) -> Any:
    """login(user) logs the test client in as that persona (anonymous: stays logged out)."""

    def _login(user: Any) -> Any:
        client.logout()
        if user.is_authenticated:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--shift-clock-days",
        type=int,
        default=0,
        metavar="N",
        help="run the whole session with the clock N days ahead (negative: behind), still ticking: a test "
        "that depends on today's date instead of pinning its own clock fails",
    )


@pytest.hookimpl(tryfirst=True)  # before the header is printed and the test database is made
def pytest_sessionstart(session: pytest.Session) -> None:
    """With --shift-clock-days, the clock moves before the test database is made, so migrations, fixtures
    and tests all live on the shifted date; a test that pins its own clock (time_machine.travel) still gets
    exactly the time it asked for, and returns to the shifted one afterwards."""
    days = session.config.getoption("shift_clock_days")
    if days:
        traveller = time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=days), tick=True)
        traveller.start()
        session.config.add_cleanup(traveller.stop)


def pytest_report_header(config: pytest.Config) -> str | None:
    days = config.getoption("shift_clock_days")
    return f"clock shifted {days} days: now is {dt.datetime.now(dt.UTC):%d/%m/%Y %H:%M} UTC" if days else None


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    # Playwright's sync API runs an event loop; Django refuses sync DB calls beside one unless told.
    if any("browser" in item.keywords for item in items):
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    # A transactional test ends with a flush, which also empties what the data migrations seeded (the
    # rulebook, holidays, every app's catalogues and rules). Each such test starts from the database as
    # the migrations left it instead: Django's serialized rollback, asked for here once for all.
    for item in items:
        marker = item.get_closest_marker("django_db")
        fixtures = getattr(item, "fixturenames", [])
        flushes = bool({"transactional_db", "live_server"} & set(fixtures))
        if marker is not None and (marker.kwargs.get("transaction") or flushes):
            serialized = pytest.mark.django_db(**{**marker.kwargs, "serialized_rollback": True})
            item.add_marker(serialized, append=False)
        elif marker is None and flushes and "django_db_serialized_rollback" not in fixtures:
            fixtures.append("django_db_serialized_rollback")


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """The portal's page cache lives in the process: no test may read a page another test rendered."""
    from django.core.cache import cache

    cache.clear()
