"""The administrative tree (đơn vị hành chính), its agencies, and the households of its villages."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import models
from django.utils.translation import gettext_lazy as _

from danchu.core.models import TimeStampedModel


class Tier(models.IntegerChoices):
    PROVINCE = 1, _("Cấp tỉnh")
    DISTRICT = 2, _("Cấp huyện (trước 01/7/2025)")
    COMMUNE = 3, _("Cấp xã")
    VILLAGE = 4, _("Thôn, tổ dân phố")


class UnitKind(models.TextChoices):
    PROVINCE = "tinh", _("Tỉnh")
    CENTRAL_CITY = "thanh_pho_tw", _("Thành phố trực thuộc trung ương")
    DISTRICT = "huyen", _("Huyện")
    URBAN_DISTRICT = "quan", _("Quận")
    TOWN = "thi_xa", _("Thị xã")
    PROVINCIAL_CITY = "thanh_pho", _("Thành phố thuộc tỉnh")
    COMMUNE = "xa", _("Xã")
    WARD = "phuong", _("Phường")
    TOWNSHIP = "thi_tran", _("Thị trấn")
    SPECIAL_ZONE = "dac_khu", _("Đặc khu")
    VILLAGE = "thon", _("Thôn")
    RESIDENTIAL_GROUP = "to_dan_pho", _("Tổ dân phố")
    HAMLET = "ap", _("Ấp")
    MOUNTAIN_VILLAGE = "ban", _("Bản")
    HIGHLAND_VILLAGE = "buon", _("Buôn")
    VILLAGE_OTHER = "lang", _("Làng, xóm, khóm, sóc, plây")


TIER_OF_KIND: dict[str, int] = {
    UnitKind.PROVINCE: Tier.PROVINCE,
    UnitKind.CENTRAL_CITY: Tier.PROVINCE,
    UnitKind.DISTRICT: Tier.DISTRICT,
    UnitKind.URBAN_DISTRICT: Tier.DISTRICT,
    UnitKind.TOWN: Tier.DISTRICT,
    UnitKind.PROVINCIAL_CITY: Tier.DISTRICT,
    UnitKind.COMMUNE: Tier.COMMUNE,
    UnitKind.WARD: Tier.COMMUNE,
    UnitKind.TOWNSHIP: Tier.COMMUNE,
    UnitKind.SPECIAL_ZONE: Tier.COMMUNE,
    UnitKind.VILLAGE: Tier.VILLAGE,
    UnitKind.RESIDENTIAL_GROUP: Tier.VILLAGE,
    UnitKind.HAMLET: Tier.VILLAGE,
    UnitKind.MOUNTAIN_VILLAGE: Tier.VILLAGE,
    UnitKind.HIGHLAND_VILLAGE: Tier.VILLAGE,
    UnitKind.VILLAGE_OTHER: Tier.VILLAGE,
}
VILLAGE_KINDS = [kind for kind, tier in TIER_OF_KIND.items() if tier == Tier.VILLAGE]


class Generation(models.TextChoices):
    CURRENT = "current", _("Hiện hành (từ 01/7/2025)")
    LEGACY = "legacy", _("Trước sắp xếp (đến 30/6/2025)")


class Unit(TimeStampedModel):
    """Đơn vị: a province, legacy district, commune/ward or village/residential group.

    `path` lists the ids from the root down ("/1/20/345/"), so a subtree is one prefix query.
    """

    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    kind = models.CharField(_("loại"), max_length=20, choices=UnitKind.choices)
    tier = models.PositiveSmallIntegerField(_("cấp"), choices=Tier.choices)
    generation = models.CharField(
        _("thế hệ"), max_length=10, choices=Generation.choices, default=Generation.CURRENT
    )
    code = models.CharField(_("mã đơn vị"), max_length=20, blank=True)
    name = models.CharField(_("tên"), max_length=200)
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    path = models.CharField(max_length=255, db_index=True, editable=False)
    successors = models.ManyToManyField(
        "self", through="UnitSuccession", symmetrical=False, related_name="predecessors", blank=True
    )

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["generation", "tier", "code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["generation", "tier", "code"], condition=~models.Q(code=""), name="unit_unique_code"
            ),
            # The national list is authoritative for its own names; villages are ours to keep distinct.
            models.UniqueConstraint(
                fields=["parent", "name_key"],
                condition=models.Q(valid_to__isnull=True, tier=4),
                name="village_unique_name_in_commune",
            ),
        ]
        indexes = [models.Index(fields=["parent", "tier", "name_key"], name="unit_children_idx")]

    def __str__(self) -> str:
        return self.name

    def lineage_ids(self) -> Sequence[int]:
        """Own id then ancestors' ids, nearest first (for rulebook overrides)."""
        return [int(part) for part in reversed(self.path.strip("/").split("/")) if part]

    @property
    def is_village(self) -> bool:
        return self.tier == Tier.VILLAGE

    @property
    def is_commune(self) -> bool:
        return self.tier == Tier.COMMUNE

    @property
    def is_current(self) -> bool:
        return self.valid_to is None


class UnitSuccession(models.Model):
    """Sắp xếp đơn vị: a legacy unit whose territory went (wholly or partly) into a new one."""

    predecessor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="succession_out")
    successor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="succession_in")
    partial = models.BooleanField(_("sáp nhập một phần"), default=False)
    effective_on = models.DateField(_("ngày hiệu lực"))

    class Meta:
        verbose_name = _("quan hệ kế thừa")
        verbose_name_plural = _("quan hệ kế thừa đơn vị")
        constraints = [models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique")]

    def __str__(self) -> str:
        return f"{self.predecessor_id} → {self.successor_id}"


class UnitDataVersion(models.Model):
    """Which release of the national unit list was loaded, and what it changed."""

    source = models.CharField(max_length=100)
    package_version = models.CharField(max_length=30)
    data_version = models.CharField(max_length=30)
    loaded_at = models.DateTimeField(auto_now_add=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    links = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("phiên bản dữ liệu đơn vị")
        verbose_name_plural = _("phiên bản dữ liệu đơn vị")
        ordering = ["-loaded_at"]

    def __str__(self) -> str:
        return f"{self.source} {self.package_version} ({self.data_version})"


class AgencyKind(models.TextChoices):
    PEOPLES_COUNCIL = "hdnd", _("Hội đồng nhân dân")
    PEOPLES_COMMITTEE = "ubnd", _("Ủy ban nhân dân")
    SECTION = "chuyen_mon", _("Cơ quan chuyên môn, bộ phận thuộc UBND")
    DEPARTMENT = "so_nganh", _("Sở, ban, ngành")
    PARTY = "dang", _("Cấp ủy, cơ quan Đảng")
    FRONT = "mttq", _("Ủy ban Mặt trận Tổ quốc")
    MASS_ORGANISATION = "doan_the", _("Tổ chức chính trị – xã hội, đoàn thể")
    OVERSIGHT_BOARD = "giam_sat", _("Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng")
    STEERING = "ban_chi_dao", _("Ban Chỉ đạo")
    PUBLIC_SERVICE = "su_nghiep", _("Đơn vị sự nghiệp công lập")
    OTHER = "khac", _("Khác")


class Agency(TimeStampedModel):
    """Cơ quan, đơn vị: a body acting within a unit (UBND, Văn phòng, Sở Nội vụ, MTTQ, Hội Nông dân...)."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="agencies"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sections",
    )
    kind = models.CharField(_("loại"), max_length=20, choices=AgencyKind.choices)
    name = models.CharField(_("tên"), max_length=200)
    short_name = models.CharField(_("tên viết tắt"), max_length=50, blank=True)
    name_key = models.CharField(max_length=200, editable=False)
    closed_on = models.DateField(_("ngừng hoạt động từ"), null=True, blank=True)

    class Meta:
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        ordering = ["unit_id", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "name_key"],
                condition=models.Q(closed_on__isnull=True),
                name="agency_unique_name_in_unit",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Household(TimeStampedModel):
    """Hộ gia đình: the unit over which community decisions are counted (one representative, one vote)."""

    village = models.ForeignKey(
        Unit, verbose_name=_("thôn, tổ dân phố"), on_delete=models.PROTECT, related_name="households"
    )
    number = models.CharField(_("số hộ"), max_length=30)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    representative = models.ForeignKey(
        "Resident",
        verbose_name=_("người đại diện hộ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    dissolved_on = models.DateField(_("ngày xoá hộ"), null=True, blank=True)
    dissolved_reason = models.CharField(_("lý do"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("hộ gia đình")
        verbose_name_plural = _("hộ gia đình")
        ordering = ["village_id", "number"]
        constraints = [models.UniqueConstraint(fields=["village", "number"], name="household_unique_number")]
        indexes = [models.Index(fields=["village", "dissolved_on"], name="household_active_idx")]

    def __str__(self) -> str:
        return f"Hộ số {self.number}"

    @property
    def is_active(self) -> bool:
        return self.dissolved_on is None


class Gender(models.TextChoices):
    MALE = "nam", _("Nam")
    FEMALE = "nu", _("Nữ")
    UNSPECIFIED = "", _("Không ghi")


class Resident(TimeStampedModel):
    """Nhân khẩu: a member of a household."""

    household = models.ForeignKey(
        Household, verbose_name=_("hộ"), on_delete=models.PROTECT, related_name="members"
    )
    full_name = models.CharField(_("họ và tên"), max_length=200)
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    gender = models.CharField(_("giới tính"), max_length=3, choices=Gender.choices, blank=True)
    relation_to_head = models.CharField(_("quan hệ với chủ hộ"), max_length=50, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    left_on = models.DateField(_("ngày chuyển đi"), null=True, blank=True)

    class Meta:
        verbose_name = _("nhân khẩu")
        verbose_name_plural = _("nhân khẩu")
        ordering = ["household_id", "id"]

    def __str__(self) -> str:
        return self.full_name
