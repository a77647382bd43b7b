"""Periodic reporting (báo cáo định kỳ): regimes, indicators, submissions with approval, values.

The shape follows Decree 09/2019 (what a regime must define) and DHIS2 (period types, expected and
actual reports, approval that locks, lock exceptions). A period is identified by a DHIS2-style code
("202606", "2026Q2", "2026S1", "2026NM" for nine months, "2026", "20260315" for an ad hoc report).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danchu.core.models import TimeStampedModel
from danchu.plans.models import Directive, Obligation
from danchu.units.models import Agency, Unit


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    SIX_MONTHLY = "six_monthly", _("06 tháng")
    NINE_MONTHLY = "nine_monthly", _("09 tháng")
    ANNUAL = "annual", _("Hằng năm")
    AD_HOC = "ad_hoc", _("Đột xuất, chuyên đề")


class RegimeStatus(models.TextChoices):
    ACTIVE = "active", _("Đang áp dụng")
    ENDED = "ended", _("Đã kết thúc")


class ReportRegime(TimeStampedModel):
    """Chế độ báo cáo: who reports what to whom, how often, by when (Decree 09/2019 Art. 5)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="report_regimes")
    receiver_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("qua")
    )
    directive = models.ForeignKey(
        Directive, on_delete=models.PROTECT, null=True, blank=True, related_name="report_regimes"
    )
    code = models.CharField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên báo cáo"), max_length=300)
    content = models.TextField(_("nội dung yêu cầu báo cáo"), blank=True)
    method = models.CharField(_("phương thức gửi, nhận"), max_length=200, blank=True)
    frequency = models.CharField(_("tần suất"), max_length=15, choices=Frequency.choices)
    reporter_tiers = models.JSONField(_("cấp đơn vị báo cáo"), default=list)
    cutoff_day = models.PositiveSmallIntegerField(_("ngày bắt đầu kỳ số liệu"))
    due_working_days = models.PositiveSmallIntegerField(_("hạn gửi sau ngày chốt số liệu (ngày làm việc)"))
    expiry_days = models.PositiveSmallIntegerField(_("khóa nhập liệu sau hạn gửi (ngày)"))
    starts_on = models.DateField(_("áp dụng từ ngày"))
    ends_on = models.DateField(_("áp dụng đến ngày"), null=True, blank=True)
    outline = models.JSONField(_("đề cương báo cáo"), default=list, blank=True)
    status = models.CharField(max_length=10, choices=RegimeStatus.choices, default=RegimeStatus.ACTIVE)
    indicators = models.ManyToManyField["Indicator", "RegimeIndicator"](
        "Indicator", through="RegimeIndicator", related_name="regimes"
    )

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("chế độ báo cáo")
        verbose_name_plural = _("chế độ báo cáo")

    def __str__(self) -> str:
        return self.name

    @property
    def policy_unit(self) -> Unit:
        return self.unit

    @property
    def readable_below(self) -> bool:
        """A regime is addressed to the units below its issuer: they read what it asks of them."""
        return True


class RegimePeriod(models.Model):
    """A period whose dates the issuer set itself (the sample plans do: "6-month report before 10/5")."""

    regime = models.ForeignKey(ReportRegime, on_delete=models.CASCADE, related_name="period_dates")
    period = models.CharField(_("kỳ"), max_length=12)
    window_end = models.DateField(_("ngày chốt số liệu"))
    due_on = models.DateField(_("hạn gửi"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["regime", "period"], name="one_date_per_period")]

    def __str__(self) -> str:
        return f"{self.period}: {self.window_end:%d/%m/%Y} → {self.due_on:%d/%m/%Y}"


class IndicatorKind(models.TextChoices):
    INTEGER = "integer", _("Số nguyên")
    DECIMAL = "decimal", _("Số thập phân")
    PERCENT = "percent", _("Tỷ lệ (%)")
    BOOLEAN = "boolean", _("Có/không")
    TEXT = "text", _("Văn bản")


class Aggregation(models.TextChoices):
    """How values combine up the tree and over periods; never an average of percentages."""

    SUM = "sum", _("Cộng")
    MAX = "max", _("Lớn nhất")
    LATEST = "latest", _("Số cuối kỳ (cộng theo đơn vị, lấy kỳ sau cùng)")
    RATIO = "ratio", _("Tỷ lệ của các tổng (tử số / mẫu số)")
    COUNT_YES = "count_yes", _("Số đơn vị trả lời “có”")
    NONE = "none", _("Không tổng hợp (liệt kê)")


class Indicator(TimeStampedModel):
    """Chỉ tiêu báo cáo, with where it comes from and how it rolls up."""

    code = models.CharField(_("mã"), max_length=40, unique=True)
    group = models.CharField(_("nhóm"), max_length=100)
    name = models.CharField(_("tên chỉ tiêu"), max_length=300)
    kind = models.CharField(_("kiểu"), max_length=10, choices=IndicatorKind.choices)
    aggregation = models.CharField(_("cách tổng hợp"), max_length=10, choices=Aggregation.choices)
    measure = models.CharField(_("đơn vị tính"), max_length=50, blank=True)
    citation = models.CharField(_("căn cứ"), max_length=300)
    source = models.CharField(_("lấy sẵn từ"), max_length=60, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["group", "order", "code"]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ValidationRule(models.Model):
    """A check between indicators of one report, e.g. "resolved on time ≤ received"."""

    OPERATORS = (("<=", "≤"), ("<", "<"), (">=", "≥"), ("=", "="))
    left = models.JSONField(_("vế trái (tổng các mã)"))
    operator = models.CharField(max_length=2, choices=OPERATORS)
    right = models.JSONField(_("vế phải (tổng các mã)"))
    message = models.CharField(_("thông báo"), max_length=300)

    class Meta:
        verbose_name = _("quy tắc kiểm tra")

    def __str__(self) -> str:
        return f"{' + '.join(self.left)} {self.operator} {' + '.join(self.right)}"


class RegimeIndicator(models.Model):
    regime = models.ForeignKey(ReportRegime, on_delete=models.CASCADE, related_name="regime_indicators")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField()
    required = models.BooleanField(_("bắt buộc"), default=False)

    class Meta:
        ordering = ["regime_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["regime", "indicator"], name="indicator_once_per_regime")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.indicator_id}"


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Chưa gửi")
    SUBMITTED = "submitted", _("Đã gửi, chờ duyệt")
    RETURNED = "returned", _("Bị trả lại")
    APPROVED = "approved", _("Đã duyệt")


REPORTED = (SubmissionStatus.SUBMITTED, SubmissionStatus.APPROVED)


class Submission(TimeStampedModel):
    """Báo cáo của một đơn vị cho một kỳ: expected from the moment the period opens."""

    regime = models.ForeignKey(ReportRegime, on_delete=models.PROTECT, related_name="submissions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="report_submissions")
    period = models.CharField(_("kỳ"), max_length=12)
    period_start = models.DateField(_("số liệu từ ngày"))
    period_end = models.DateField(_("số liệu đến ngày"))
    due_on = models.DateField(_("hạn gửi"))
    obligation = models.ForeignKey(
        Obligation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT)
    number = models.CharField(_("số"), max_length=20, blank=True)
    narrative = models.JSONField(_("nội dung theo đề cương"), default=dict, blank=True)
    first_submitted_at = models.DateTimeField(_("gửi lần đầu lúc"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("xem xét lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    review_comment = models.TextField(_("ý kiến của nơi nhận"), blank=True)
    reminded_before_at = models.DateTimeField(null=True, blank=True)
    reminded_overdue_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["regime_id", "period", "unit_id"]
        constraints = [
            models.UniqueConstraint(fields=["regime", "unit", "period"], name="one_report_per_unit_period")
        ]
        indexes = [
            models.Index(fields=["regime", "period", "status"]),
            models.Index(fields=["status", "due_on"]),
        ]
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")

    def __str__(self) -> str:
        return f"{self.regime.name} {self.period} — {self.unit.name}"

    @property
    def policy_unit(self) -> Unit:
        return self.unit

    @property
    def period_label(self) -> str:
        """The period's name in the reader's language (the API's `period_label`)."""
        from .periods import title  # periods imports this module

        return title(self.period)

    @property
    def on_time(self) -> bool | None:
        if self.first_submitted_at is None:
            return None
        return timezone.localdate(self.first_submitted_at) <= self.due_on


class DataValue(models.Model):
    """Giá trị một chỉ tiêu trong một báo cáo. A percent keeps numerator and denominator; yes/no is 1/0."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    number = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    text = models.TextField(blank=True)
    prefilled = models.BooleanField(_("lấy sẵn từ hệ thống"), default=False)
    comment = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "indicator"], name="one_value_per_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.number if self.text == '' else self.text}"


class LockException(models.Model):
    """Cho phép nhập sau thời hạn: granted by the receiver for one report, until a date."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="lock_exceptions")
    until = models.DateField(_("đến hết ngày"))
    reason = models.CharField(_("lý do"), max_length=300)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-until"]

    def __str__(self) -> str:
        return f"đến {self.until:%d/%m/%Y}: {self.reason}"
