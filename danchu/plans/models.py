"""Plans (kế hoạch): the document, its sections and numbered items with their agencies and time frames,
its legal bases, and the directives it gives to subordinate units."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danchu.core.models import TimeStampedModel
from danchu.units.models import Agency, Unit


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")
    CLOSED = "closed", _("Đã tổng kết")


class ProgressMode(models.TextChoices):
    PLAIN = "plain", _("Trung bình cộng các nội dung")
    WEIGHTED = "weighted", _("Trung bình có trọng số")


class Plan(TimeStampedModel):
    """Kế hoạch: a plan issued by a unit (and its agency), possibly implementing an upper-level plan."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị ban hành"), on_delete=models.PROTECT, related_name="plans"
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("thực hiện kế hoạch"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    number = models.CharField(_("số"), max_length=20, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=50, blank=True)
    issuer_text = models.CharField(_("tên cơ quan ban hành (như văn bản)"), max_length=300, blank=True)
    place = models.CharField(_("địa danh"), max_length=100, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    date_partial = models.CharField(_("ngày ghi thiếu"), max_length=10, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("trích yếu"), max_length=500)
    purposes = models.TextField(_("mục đích, yêu cầu"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    progress_mode = models.CharField(
        _("cách tính tiến độ"), max_length=10, choices=ProgressMode.choices, default=ProgressMode.PLAIN
    )
    signer_authority = models.CharField(_("thẩm quyền ký"), max_length=200, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=100, blank=True)
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    source_name = models.CharField(_("tệp gốc"), max_length=255, blank=True)
    source_file = models.FileField(_("tệp gốc"), upload_to="plans/%Y/", blank=True)
    source_text = models.TextField(_("nội dung văn bản"), blank=True)
    issued_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cascade_tiers = models.JSONField(_("cấp đơn vị phải thực hiện"), default=list, blank=True)
    closed_at = models.DateTimeField(_("sơ kết, tổng kết lúc"), null=True, blank=True)
    closing_note = models.TextField(_("kết quả sơ kết, tổng kết"), blank=True)

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-year", "-issued_on", "-id"]
        indexes = [models.Index(fields=["unit", "year", "status"], name="plan_unit_year_idx")]

    def __str__(self) -> str:
        return f"Kế hoạch {self.number_display}: {self.title}"

    @property
    def policy_unit(self) -> Unit:
        return self.unit

    @property
    def readable_below(self) -> bool:
        """An issued plan is addressed to the units below its issuer; a draft is not."""
        return self.status != PlanStatus.DRAFT

    @property
    def number_display(self) -> str:
        """'30/KH-UBND', or '   /KH-UBND' while the number is still blank."""
        return f"{self.number or '   '}/{self.symbol}" if self.symbol else (self.number or "")

    @property
    def is_draft(self) -> bool:
        return self.status == PlanStatus.DRAFT


class LegalBasis(models.Model):
    """Căn cứ: a document the plan cites, as written and parsed."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="legal_bases")
    order = models.PositiveSmallIntegerField()
    text = models.CharField(_("trích dẫn"), max_length=300)
    doc_type = models.CharField(_("loại văn bản"), max_length=50, blank=True)
    number = models.CharField(_("số, ký hiệu"), max_length=100, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)

    class Meta:
        ordering = ["plan_id", "order"]
        verbose_name = _("căn cứ")
        verbose_name_plural = _("căn cứ")

    def __str__(self) -> str:
        return self.text


class PlanSection(models.Model):
    """Phần I, II, III… of a plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField()
    label = models.CharField(_("số La Mã"), max_length=8)
    title = models.CharField(_("tên phần"), max_length=300)

    class Meta:
        ordering = ["plan_id", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "label"], name="plan_section_unique")]

    def __str__(self) -> str:
        return f"{self.label}. {self.title}"


class PlanItem(models.Model):
    """Nội dung: a numbered item (II.1, II.3.a) with its time frame; its agencies are assignments."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    section = models.ForeignKey(PlanSection, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    order = models.PositiveSmallIntegerField()
    path = models.CharField(_("số thứ tự"), max_length=20)
    heading = models.CharField(_("tiêu đề"), max_length=500, blank=True)
    text = models.TextField(_("nội dung"), blank=True)
    timeframe_text = models.CharField(_("thời gian thực hiện"), max_length=300, blank=True)
    due_on = models.DateField(_("hạn hoàn thành"), null=True, blank=True)
    weight = models.DecimalField(_("trọng số"), max_digits=6, decimal_places=2, default=1)

    class Meta:
        ordering = ["plan_id", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "path"], name="plan_item_unique_path")]

    def __str__(self) -> str:
        return f"{self.path} {self.heading or self.text[:80]}"

    @property
    def policy_unit(self) -> Unit:
        return self.plan.unit


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Chủ trì")
    IMPLEMENTING = "implementing", _("Thực hiện")
    COORDINATING = "coordinating", _("Phối hợp")


class ItemAssignment(models.Model):
    """Who leads, implements or coordinates an item: the name as written, and the matched agency."""

    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="assignments")
    role = models.CharField(_("vai trò"), max_length=15, choices=AssignmentRole.choices)
    name = models.CharField(_("tên như văn bản"), max_length=300)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="assignments"
    )

    class Meta:
        ordering = ["item_id", "role", "id"]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name}"


class DirectiveKind(models.TextChoices):
    PLAN = "plan", _("Gửi kế hoạch")
    REPORT_6M = "report_6m", _("Báo cáo 6 tháng")
    REPORT_ANNUAL = "report_annual", _("Báo cáo năm")
    MODEL_REGISTRATION = "model_registration", _("Đăng ký mô hình “Dân vận khéo”")
    OTHER = "other", _("Khác")


class Directive(models.Model):
    """Yêu cầu đối với cấp dưới: send a plan, a report, a registration... by a date or in a window."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="directives")
    order = models.PositiveSmallIntegerField()
    kind = models.CharField(_("loại"), max_length=20, choices=DirectiveKind.choices)
    due_on = models.DateField(_("hạn"), null=True, blank=True)
    window_start = models.DateField(_("gửi từ ngày"), null=True, blank=True)
    due_text = models.CharField(_("thời hạn như văn bản"), max_length=200, blank=True)
    receiver_text = models.CharField(_("nơi nhận"), max_length=300, blank=True)
    subject = models.CharField(_("nội dung"), max_length=500, blank=True)

    class Meta:
        ordering = ["plan_id", "order"]
        verbose_name = _("yêu cầu đối với cấp dưới")
        verbose_name_plural = _("yêu cầu đối với cấp dưới")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_text}"


class Obligation(models.Model):
    """Nghĩa vụ của đơn vị cấp dưới: one subordinate unit must answer one directive by its date."""

    directive = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="obligations")
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="obligations"
    )
    due_on = models.DateField(_("hạn"))
    fulfilled_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    fulfilled_by_plan = models.ForeignKey(
        Plan,
        verbose_name=_("bằng kế hoạch"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # When each reminder event was handled, so a daily scan only looks at what is still due a message.
    reminded_before_at = models.DateTimeField(null=True, blank=True)
    reminded_overdue_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("nghĩa vụ của đơn vị cấp dưới")
        verbose_name_plural = _("nghĩa vụ của đơn vị cấp dưới")
        ordering = ["due_on", "unit_id"]
        constraints = [models.UniqueConstraint(fields=["directive", "unit"], name="obligation_unique")]
        indexes = [
            models.Index(fields=["unit", "fulfilled_at", "due_on"], name="obligation_unit_idx"),
            models.Index(fields=["fulfilled_at", "due_on"], name="obligation_open_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.directive}"

    @property
    def policy_unit(self) -> Unit:
        return self.unit

    @property
    def on_time(self) -> bool | None:
        if self.fulfilled_at is None:
            return None
        return timezone.localtime(self.fulfilled_at).date() <= self.due_on


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")


class Task(TimeStampedModel):
    """Nhiệm vụ: what one agency must do, with a due date; overdue is read from the date.

    Most tasks are an item of an issued plan given to an agency (`plan`, `item`, `assignment`). Other
    apps open tasks of their own with `services.open_task` — a decision's implementation, a commitment
    made at a dialogue — named by `title` and by the record they come from (`source`, `source_id`),
    so they share the plans' progress reports, "my tasks" and the daily reminders.
    """

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="tasks")  # who gave the task
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks")
    item = models.ForeignKey(PlanItem, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks")
    assignment = models.OneToOneField(
        ItemAssignment, on_delete=models.PROTECT, null=True, blank=True, related_name="task"
    )
    title = models.CharField(_("nội dung"), max_length=500, blank=True)
    source = models.CharField(max_length=60, blank=True)  # "<app>.<model>" of a task opened by another app
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks")
    role = models.CharField(_("vai trò"), max_length=15, choices=AssignmentRole.choices)
    due_on = models.DateField(_("hạn"))
    status = models.CharField(
        _("trạng thái"), max_length=15, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    done_on = models.DateField(_("hoàn thành ngày"), null=True, blank=True)
    # When each reminder event was handled, so a daily scan only looks at what is still due a message.
    reminded_before_at = models.DateTimeField(null=True, blank=True)
    reminded_overdue_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["agency", "status", "due_on"], name="task_agency_idx"),
            models.Index(fields=["status", "due_on"], name="task_open_idx"),
            models.Index(fields=["source", "source_id"], name="task_source_idx"),
            models.Index(fields=["unit", "status", "due_on"], name="task_unit_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(plan__isnull=False, item__isnull=False, assignment__isnull=False, source="")
                    | (
                        Q(
                            plan__isnull=True,
                            item__isnull=True,
                            assignment__isnull=True,
                            source_id__isnull=False,
                        )
                        & ~Q(source="")
                        & ~Q(title="")
                    )
                ),
                name="task_of_plan_or_source",
            )
        ]

    def __str__(self) -> str:
        return self.heading

    @property
    def policy_unit(self) -> Unit:
        return self.unit

    @property
    def heading(self) -> str:
        """What the task is, in one line: its plan item, or the title its app gave it."""
        if self.item is None:
            return self.title
        return f"{self.item.path} {self.item.heading or self.item.text}".strip()

    @property
    def source_title(self) -> str:
        """The name of the app that opened this task ("" for a plan's task)."""
        from danchu.core.registry import domain_apps

        label = self.source.partition(".")[0]
        return next((str(app.title) for app in domain_apps() if app.label == label), label)

    @property
    def is_overdue(self) -> bool:
        return self.status != TaskStatus.DONE and self.due_on < timezone.localdate()


class TaskUpdate(models.Model):
    """Cập nhật tiến độ: who reported what progress, when, with which evidence."""

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("lúc"), auto_now_add=True)
    status = models.CharField(_("trạng thái"), max_length=15, choices=TaskStatus.choices)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"))
    note = models.TextField(_("nội dung cập nhật"), blank=True)
    evidence = models.FileField(_("tài liệu kèm theo"), upload_to="plans/evidence/%Y/", blank=True)
    evidence_name = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["task_id", "-at"]

    def __str__(self) -> str:
        return f"{self.task} {self.progress}%"
