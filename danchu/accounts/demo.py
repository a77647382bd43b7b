"""Demo data in a real province and ward of the loaded tree: Quảng Ninh, Phường Bãi Cháy.

Every write goes through the services, as the demo administrator, so the audit log is real too.
Running it again finds what exists and adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from danchu.core import registry
from danchu.core.errors import DomainError
from danchu.units import services as unit_services
from danchu.units.models import Agency, AgencyKind, Generation, Household, Tier, Unit, UnitKind

from . import services
from .models import Role, RoleAssignment, User

DEMO_PASSWORD = "danchu-demo-2026"  # noqa: S105 - printed on purpose for the demo logins
PROVINCE_CODE = "22"  # Tỉnh/Thành phố Quảng Ninh (current tree)
COMMUNE_CODE = "6673"  # Phường Bãi Cháy
SIBLING_CODE = "6652"  # another ward of Quảng Ninh, for the "sibling commune" persona

PROVINCE_AGENCIES = [
    ("Ủy ban nhân dân tỉnh", AgencyKind.PEOPLES_COMMITTEE, "UBND"),
    ("Sở Nội vụ", AgencyKind.DEPARTMENT, "SNV"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", AgencyKind.FRONT, "MTTQ"),
]
COMMUNE_AGENCIES = [
    ("Hội đồng nhân dân phường", AgencyKind.PEOPLES_COUNCIL, "HĐND"),
    ("Ủy ban nhân dân phường", AgencyKind.PEOPLES_COMMITTEE, "UBND"),
    ("Văn phòng HĐND và UBND phường", AgencyKind.SECTION, "VP"),
    ("Phòng Văn hóa – Xã hội", AgencyKind.SECTION, "VHXH"),
    ("Phòng Kinh tế, Hạ tầng và Đô thị", AgencyKind.SECTION, "KTHTĐT"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam phường", AgencyKind.FRONT, "MTTQ"),
    ("Hội Liên hiệp Phụ nữ phường", AgencyKind.MASS_ORGANISATION, "HLHPN"),
    ("Đoàn Thanh niên Cộng sản Hồ Chí Minh phường", AgencyKind.MASS_ORGANISATION, "ĐTN"),
    ("Hội Cựu chiến binh phường", AgencyKind.MASS_ORGANISATION, "HCCB"),
    ("Ban Thanh tra nhân dân phường", AgencyKind.OVERSIGHT_BOARD, "BTTND"),
]
VILLAGES = [f"Tổ dân phố {n}" for n in range(1, 7)]
FAMILY_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
GIVEN_NAMES = ["Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "Đức Em", "Thị Giang", "Văn Hải", "Thị Hoa"]
HOUSEHOLDS_PER_VILLAGE = 12


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    where: str


def _unit(code: str, tier: int) -> Unit:
    unit = Unit.objects.filter(generation=Generation.CURRENT, tier=tier, code=code).first()
    if unit is None:
        raise DomainError(
            _("Chưa có đơn vị mã %(code)s: hãy chạy `danchu load_units` trước.") % {"code": code}
        )
    return unit


def _agency(admin: User, unit: Unit, name: str, kind: str, short: str) -> Agency:
    existing = unit.agencies.filter(name=name).first()
    return existing or unit_services.create_agency(
        actor=admin, unit=unit, name=name, kind=kind, short_name=short
    )


def _village(admin: User, commune: Unit, name: str) -> Unit:
    existing = commune.children.filter(name=name).first()
    return existing or unit_services.create_village(
        actor=admin, commune=commune, name=name, kind=UnitKind.RESIDENTIAL_GROUP
    )


def _households(admin: User, village: Unit, seed: int) -> list[Household]:
    result = []
    for n in range(1, HOUSEHOLDS_PER_VILLAGE + 1):
        number = f"{n:03d}"
        household = village.households.filter(number=number).first()
        if household is None:
            household = unit_services.create_household(
                actor=admin, village=village, number=number, address=f"Số {n * 7}, {village.name}"
            )
            family = FAMILY_NAMES[(seed + n) % len(FAMILY_NAMES)]
            for i, relation in enumerate(["Chủ hộ", "Vợ/chồng", "Con"][: 1 + (n % 3)]):
                given = GIVEN_NAMES[(seed + n + i) % len(GIVEN_NAMES)]
                unit_services.add_resident(
                    actor=admin,
                    household=household,
                    full_name=f"{family} {given}",
                    birth_year=[1962, 1965, 1990][i] + n % 7,
                    gender="nu" if given.startswith("Thị") else "nam",
                    relation_to_head=relation,
                    is_representative=(i == 0),
                )
            household.refresh_from_db()  # the services change the row they re-read under lock, not this copy
        result.append(household)
    return result


def _person(admin: User, unit: Unit, username: str, full_name: str) -> User:
    user = User.objects.filter(username=username).first()
    return user or services.create_user(
        actor=admin,
        unit=unit,
        username=username,
        full_name=full_name,
        password=DEMO_PASSWORD,
        email=f"{username}@demo.danchu.local",
    )


def _role(
    admin: User,
    user: User,
    role: str,
    unit: Unit,
    title: str = "",
    agency: Agency | None = None,
    **extra: object,
) -> None:
    if not RoleAssignment.objects.filter(user=user, role=role, unit=unit, revoked_at__isnull=True).exists():
        services.grant_role(actor=admin, user=user, role=role, unit=unit, agency=agency, title=title, **extra)  # type: ignore[arg-type]


@transaction.atomic
def seed_demo() -> list[DemoLogin]:
    province = _unit(PROVINCE_CODE, Tier.PROVINCE)
    commune = _unit(COMMUNE_CODE, Tier.COMMUNE)
    sibling = _unit(SIBLING_CODE, Tier.COMMUNE)

    admin = User.objects.filter(username="admin").first()
    if admin is None:
        admin = services.bootstrap_system_admin(
            username="admin", password=DEMO_PASSWORD, full_name="Quản trị hệ thống"
        )

    p_agencies = {short: _agency(admin, province, n, k, short) for n, k, short in PROVINCE_AGENCIES}
    c_agencies = {short: _agency(admin, commune, n, k, short) for n, k, short in COMMUNE_AGENCIES}
    _agency(admin, sibling, "Ủy ban nhân dân phường", AgencyKind.PEOPLES_COMMITTEE, "UBND")
    villages = [_village(admin, commune, name) for name in VILLAGES]
    sibling_villages = [_village(admin, sibling, name) for name in VILLAGES[:2]]
    households = []
    for i, village in enumerate(villages):
        households += _households(admin, village, seed=i)
    for i, village in enumerate(sibling_villages):
        _households(admin, village, seed=i + 5)

    people = [
        (
            "tinh.chutich",
            "Trần Quốc Hưng",
            Role.UNIT_LEADER,
            province,
            "Chủ tịch UBND tỉnh",
            p_agencies["UBND"],
        ),
        (
            "tinh.noivu",
            "Phạm Thị Lan",
            Role.FOCAL_OFFICER,
            province,
            "Chuyên viên Sở Nội vụ",
            p_agencies["SNV"],
        ),
        (
            "baichay.chutich",
            "Nguyễn Văn Thành",
            Role.UNIT_LEADER,
            commune,
            "Chủ tịch UBND phường",
            c_agencies["UBND"],
        ),
        ("baichay.vanphong", "Lê Thị Mai", Role.FOCAL_OFFICER, commune, "Chánh Văn phòng", c_agencies["VP"]),
        (
            "baichay.vhxh",
            "Đỗ Minh Tuấn",
            Role.AGENCY_OFFICER,
            commune,
            "Công chức Văn hóa – Xã hội",
            c_agencies["VHXH"],
        ),
        (
            "baichay.mttq",
            "Vũ Thị Hạnh",
            Role.FRONT_OFFICER,
            commune,
            "Chủ tịch UBMTTQ phường",
            c_agencies["MTTQ"],
        ),
        (
            "baichay.bttnd",
            "Bùi Văn Khoa",
            Role.OVERSIGHT_MEMBER,
            commune,
            "Trưởng Ban TTND",
            c_agencies["BTTND"],
        ),
        ("baichay.to1", "Ngô Văn Lợi", Role.VILLAGE_HEAD, villages[0], "Tổ trưởng tổ dân phố", None),
        ("hatu.vanphong", "Hoàng Thị Nga", Role.FOCAL_OFFICER, sibling, "Chánh Văn phòng", None),
    ]
    logins = [DemoLogin("admin", str(Role.SYSTEM_ADMIN.label), "toàn quốc")]
    for username, full_name, role, unit, title, agency in people:
        user = _person(admin, unit, username, full_name)
        _role(admin, user, role, unit, title, agency)
        logins.append(DemoLogin(username, f"{Role(role).label} – {title}", unit.name))

    resident = households[0].representative
    if resident is not None:
        citizen = _person(admin, villages[0], "dan.hogiadinh", resident.full_name)
        _role(admin, citizen, Role.CITIZEN, villages[0], "Đại diện hộ", None, resident=resident)
        logins.append(
            DemoLogin("dan.hogiadinh", str(Role.CITIZEN.label), f"{households[0]}, {villages[0].name}")
        )
    for seeder in registry.demo_seeders():  # each domain app adds its records (core.registry)
        logins.extend(DemoLogin(*line) for line in seeder(admin) or ())
    return logins
