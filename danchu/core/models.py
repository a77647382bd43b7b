"""Core records: the audit chain, the rulebook of legal parameters, and the working-day calendar."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RecordDeletionError(Exception):
    """Official records are ended (withdrawn, dissolved, revoked) with a date, never deleted."""


class KeptQuerySet[M: models.Model](models.QuerySet[M]):
    def delete(self) -> tuple[int, dict[str, int]]:
        raise RecordDeletionError(f"{self.model._meta.verbose_name}: hồ sơ chính thức không được xoá.")


class TimeStampedModel(models.Model):
    """Base for official records: when created and last changed; deleting one is refused."""

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = KeptQuerySet.as_manager()

    class Meta:
        abstract = True

    def delete(self, using: str | None = None, keep_parents: bool = False) -> tuple[int, dict[str, int]]:
        raise RecordDeletionError(f"{self._meta.verbose_name}: hồ sơ chính thức không được xoá.")


class AuditEntry(models.Model):
    """Nhật ký thao tác: one write done through a service, chained to the previous entry by hash."""

    at = models.DateTimeField(_("thời điểm"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(_("người thực hiện"), max_length=200)
    action = models.CharField(_("thao tác"), max_length=100)
    object_type = models.CharField(_("loại đối tượng"), max_length=100)
    object_id = models.CharField(_("mã đối tượng"), max_length=64)
    object_repr = models.CharField(_("đối tượng"), max_length=300)
    scope_unit_id = models.BigIntegerField(_("đơn vị"), null=True, blank=True, db_index=True)
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField(_("sau"), null=True, blank=True)
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    channel = models.CharField(_("kênh"), max_length=20)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = KeptQuerySet.as_manager()

    class Meta:
        verbose_name = _("mục nhật ký")
        verbose_name_plural = _("nhật ký thao tác")
        ordering = ["-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.object_repr}"

    def delete(self, using: str | None = None, keep_parents: bool = False) -> tuple[int, dict[str, int]]:
        raise RecordDeletionError("Nhật ký thao tác không được xoá.")


class AuditChainHead(models.Model):
    """The single row holding the chain's last hash; locking it serialises appends across workers."""

    last_hash = models.CharField(max_length=64)
    last_entry_id = models.BigIntegerField(null=True)

    def __str__(self) -> str:
        return f"chain head at #{self.last_entry_id}"


class RuleUnit(models.TextChoices):
    DAYS = "days", _("ngày")
    WORKING_DAYS = "working_days", _("ngày làm việc")
    CONSECUTIVE_DAYS = "consecutive_days", _("ngày liên tục")
    MONTHS = "months", _("tháng")
    YEARS = "years", _("năm")
    PERCENT = "percent", _("phần trăm")
    COUNT = "count", _("số lượng")
    SHARE = "share", _("tỷ lệ (phân số)")
    DAY_OF_MONTH = "day_of_month", _("ngày trong tháng")


class Rule(models.Model):
    """Quy định pháp lý: one legal parameter with its source; a province row overrides the national one."""

    key = models.SlugField(_("mã quy định"), max_length=100)
    title = models.CharField(_("nội dung"), max_length=300)
    value = models.DecimalField(_("giá trị"), max_digits=12, decimal_places=4)
    # A share such as 2/3 is stored exactly as value/denominator: 66.67 % would miscount 2 of 3 households.
    denominator = models.PositiveIntegerField(_("mẫu số"), default=1)
    unit = models.CharField(_("đơn vị tính"), max_length=20, choices=RuleUnit.choices)
    citation = models.CharField(_("căn cứ"), max_length=300)
    note = models.TextField(_("ghi chú"), blank=True)
    verified = models.BooleanField(_("đã kiểm chứng"), default=False)
    effective_from = models.DateField(_("hiệu lực từ"))
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    scope_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("áp dụng riêng cho"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rule_overrides",
    )

    class Meta:
        verbose_name = _("quy định")
        verbose_name_plural = _("sổ quy định")
        ordering = ["key", "scope_unit_id", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "scope_unit", "effective_from"], name="rule_unique_version"
            ),
            models.UniqueConstraint(
                fields=["key", "effective_from"],
                condition=models.Q(scope_unit__isnull=True),
                name="rule_unique_national_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} = {self.display_value} {self.get_unit_display()}"

    @property
    def display_value(self) -> str:
        if self.denominator != 1:
            return f"{self.value.normalize()}/{self.denominator}"
        return f"{self.value.normalize():f}"


class HolidayKind(models.TextChoices):
    HOLIDAY = "holiday", _("ngày nghỉ lễ, Tết")
    MAKEUP_WORKDAY = "makeup", _("ngày làm bù")


class Holiday(models.Model):
    """Ngày nghỉ lễ / làm bù: a day that breaks the Monday–Friday working-week rule."""

    date = models.DateField(_("ngày"), unique=True)
    name = models.CharField(_("tên"), max_length=200)
    kind = models.CharField(
        _("loại"), max_length=10, choices=HolidayKind.choices, default=HolidayKind.HOLIDAY
    )
    citation = models.CharField(_("căn cứ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("ngày nghỉ, làm bù")
        verbose_name_plural = _("lịch ngày làm việc")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class SearchEntry(models.Model):
    """Mục tìm kiếm: one piece of public content (a disclosure today; consultations, conventions later) as
    the search index sees it. Keys are folded once in Python (`core.text.fold`), so both databases match
    "dat dai" and "đất đai" alike; each database adds its own full-text index on the keys (migration 0005).
    Not an official record: an entry is rewritten or removed whenever its source changes."""

    kind = models.CharField(max_length=30)
    object_id = models.BigIntegerField()
    unit_id = models.IntegerField()
    unit_path = models.CharField(max_length=255)
    unit_name = models.CharField(max_length=200)
    categories = models.CharField(max_length=300, blank=True)  # "|11.1|11.2|": filtered with LIKE
    day = models.DateField()  # the content's own date: filters and ties in ranking
    visible_from = models.DateField()  # scheduled content becomes searchable by itself on this day
    title = models.CharField(max_length=500)
    summary = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=300)
    title_key = models.TextField()
    body_key = models.TextField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")]
        indexes = [models.Index(fields=["unit_path"], name="search_entry_path_idx")]

    def __str__(self) -> str:
        return self.title


class DailyRun(models.Model):
    """Lần chạy việc hằng ngày: the day a daily job last ran for, and when that run began.

    A job that tells people when a date passes (a reminder, an overdue mark) asks what came due since
    its last run instead of marking every row it has told about: the run is one row, not thousands."""

    job = models.SlugField(max_length=100, unique=True)
    ran_for = models.DateField()
    started_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.job}: {self.ran_for:%d/%m/%Y}"
