"""Hương ước, quy ước (village conventions) under Nghị định 61/2023/NĐ-CP.

A `Convention` is the community's standing rulebook; its text lives in `ConventionVersion`s, each a
list of `Article`s with a stable number ("Điều 5" stays Điều 5 across amendments, so an amendment, a
suspension or an abolition can name the articles it touches). A version goes through the Decree's
procedure: drafted → posted for opinions (≥ 30 days, Art. 9) → adopted by the households (Art. 10) →
filed with the commune (≤ 5 working days) → recognised (≤ 5 working days), when it takes effect and
the version before it is superseded. Nothing is deleted: refusals, suspensions and abolitions are
recorded with their reason as `ConventionEvent`s, which make the public history.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danchu.core.models import TimeStampedModel
from danchu.units.models import Household, Unit


class Kind(models.TextChoices):
    """The community chooses the name (NĐ 61 Art. 6)."""

    HUONG_UOC = "huong_uoc", _("Hương ước")
    QUY_UOC = "quy_uoc", _("Quy ước")


class ConventionStatus(models.TextChoices):
    DRAFTING = "drafting", _("Đang xây dựng")
    IN_FORCE = "in_force", _("Đang có hiệu lực")
    SUSPENDED = "suspended", _("Tạm ngưng thực hiện")
    ABOLISHED = "abolished", _("Đã bãi bỏ")


class Convention(TimeStampedModel):
    """Hương ước, quy ước của thôn, tổ dân phố."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="conventions")
    kind = models.CharField(_("tên gọi"), max_length=10, choices=Kind.choices, default=Kind.HUONG_UOC)
    title = models.CharField(_("tên"), max_length=300)
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=ConventionStatus.choices, default=ConventionStatus.DRAFTING
    )
    # The version in force (None until the first recognition); kept here so the register reads one row.
    current = models.ForeignKey(
        "ConventionVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    effective_on = models.DateField(_("có hiệu lực từ"), null=True, blank=True)
    last_reviewed_on = models.DateField(_("rà soát gần nhất"), null=True, blank=True)
    status_reason = models.TextField(_("lý do"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["unit", "status"], name="convention_unit_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def policy_unit(self) -> Unit:
        return self.unit


class VersionState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    POSTED = "posted", _("Đang niêm yết lấy ý kiến")
    ADOPTED = "adopted", _("Đã được thông qua")
    NOT_ADOPTED = "not_adopted", _("Không được thông qua")
    FILED = "filed", _("Đã gửi UBND cấp xã")
    RECOGNISED = "recognised", _("Đã được công nhận")
    REFUSED = "refused", _("UBND cấp xã không công nhận")
    SUPERSEDED = "superseded", _("Đã được thay thế")


class AdoptionForm(models.TextChoices):
    """NĐ 61 Art. 10: a community meeting, or a household ballot after a meeting failed its quorum."""

    MEETING = "meeting", _("Họp cộng đồng dân cư")
    BALLOT = "ballot", _("Phát phiếu lấy ý kiến hộ gia đình")


class ConventionVersion(TimeStampedModel):
    """One text of the convention (bản hương ước): the first text, or an amendment of the one in force."""

    convention = models.ForeignKey(Convention, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField(_("lần"))  # 1 = first text, 2… = amendments
    based_on = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="amendments"
    )
    summary = models.TextField(_("nội dung sửa đổi, bổ sung"), blank=True)
    state = models.CharField(max_length=12, choices=VersionState.choices, default=VersionState.DRAFT)
    posted_on = models.DateField(_("niêm yết từ ngày"), null=True, blank=True)
    posted_place = models.CharField(_("nơi niêm yết"), max_length=200, blank=True)
    opinions_until = models.DateField(_("lấy ý kiến đến hết ngày"), null=True, blank=True)
    # Adoption (NĐ 61 Art. 10): counts over the households of the village frozen on the day.
    adoption_form = models.CharField(
        _("hình thức thông qua"), max_length=10, choices=AdoptionForm.choices, blank=True
    )
    adopted_on = models.DateField(_("ngày họp hoặc kết thúc lấy phiếu"), null=True, blank=True)
    households_total = models.PositiveIntegerField(_("tổng số hộ"), null=True, blank=True)
    households_present = models.PositiveIntegerField(_("số hộ dự họp"), null=True, blank=True)
    households_approving = models.PositiveIntegerField(_("số hộ tán thành"), null=True, blank=True)
    failed_meeting_on = models.DateField(_("ngày cuộc họp không đủ số hộ"), null=True, blank=True)
    failed_meeting_present = models.PositiveIntegerField(null=True, blank=True)
    decision_id = models.PositiveBigIntegerField(null=True, blank=True)  # a `decisions` Decision, if used
    # Filing and recognition (NĐ 61 Art. 11).
    file_due_on = models.DateField(_("hạn gửi hồ sơ"), null=True, blank=True)
    filed_on = models.DateField(_("ngày gửi hồ sơ"), null=True, blank=True)
    recognition_due_on = models.DateField(_("hạn công nhận"), null=True, blank=True)
    recognised_on = models.DateField(_("ngày công nhận"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=60, blank=True)
    refusal_reason = models.TextField(_("lý do không công nhận"), blank=True)
    reminded_on = models.DateField(null=True, blank=True)  # the daily job's last overdue reminder
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["convention_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["convention", "number"], name="convention_version_unique")
        ]
        indexes = [models.Index(fields=["state", "file_due_on"], name="convention_version_due_idx")]

    def __str__(self) -> str:
        return f"{self.convention.title} ({self.number})"

    @property
    def policy_unit(self) -> Unit:
        return self.convention.unit

    def overdue(self, today: dt.date) -> str:
        """'filing' or 'recognition' when that deadline has passed, else ''."""
        if self.state == VersionState.ADOPTED and self.file_due_on and today > self.file_due_on:
            return "filing"
        if self.state == VersionState.FILED and self.recognition_due_on and today > self.recognition_due_on:
            return "recognition"
        return ""


class ArticleChange(models.TextChoices):
    """What an amendment did to an article, compared with the version it amends."""

    SAME = "same", _("Giữ nguyên")
    NEW = "new", _("Bổ sung")
    AMENDED = "amended", _("Sửa đổi")
    REPEALED = "repealed", _("Bãi bỏ")


class ArticleStatus(models.TextChoices):
    IN_FORCE = "in_force", _("Đang thực hiện")
    SUSPENDED = "suspended", _("Tạm ngưng thực hiện")
    ABOLISHED = "abolished", _("Đã bãi bỏ")


class Article(models.Model):
    """Điều: one article of a version, under its chapter (chương); `number` is stable across versions."""

    version = models.ForeignKey(ConventionVersion, on_delete=models.PROTECT, related_name="articles")
    chapter = models.CharField(_("chương"), max_length=20, blank=True)  # "I", "II"…
    chapter_title = models.CharField(_("tên chương"), max_length=300, blank=True)
    number = models.PositiveSmallIntegerField(_("điều"))
    title = models.CharField(_("tên điều"), max_length=300, blank=True)
    body = models.TextField(_("nội dung"), blank=True)
    change = models.CharField(max_length=10, choices=ArticleChange.choices, default=ArticleChange.NEW)
    status = models.CharField(max_length=10, choices=ArticleStatus.choices, default=ArticleStatus.IN_FORCE)
    status_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["version_id", "number"]
        constraints = [models.UniqueConstraint(fields=["version", "number"], name="article_number_unique")]

    def __str__(self) -> str:
        return f"Điều {self.number}. {self.title}"

    @property
    def policy_unit(self) -> Unit:
        return self.version.convention.unit


class Channel(models.TextChoices):
    ONLINE = "online", _("Trực tuyến")
    PAPER = "paper", _("Trên giấy, do trưởng thôn ghi nhận")


class Opinion(models.Model):
    """Ý kiến góp ý của hộ gia đình về dự thảo: one per household per version (NĐ 61 Art. 9(2))."""

    version = models.ForeignKey(ConventionVersion, on_delete=models.PROTECT, related_name="opinions")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    article_number = models.PositiveSmallIntegerField(_("về điều"), null=True, blank=True)
    text = models.TextField(_("ý kiến"))
    channel = models.CharField(max_length=10, choices=Channel.choices)
    given_on = models.DateField(_("ngày góp ý"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["version_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "household"], name="opinion_one_per_household")
        ]

    def __str__(self) -> str:
        return f"{self.household} – {self.text[:40]}"

    @property
    def policy_unit(self) -> Unit:
        return self.version.convention.unit


class EventKind(models.TextChoices):
    CREATED = "created", _("Soạn dự thảo")
    POSTED = "posted", _("Niêm yết dự thảo")
    ADOPTED = "adopted", _("Thông qua")
    NOT_ADOPTED = "not_adopted", _("Không được thông qua")
    QUORUM_FAILED = "quorum_failed", _("Cuộc họp không đủ số hộ tham dự")
    FILED = "filed", _("Gửi hồ sơ đề nghị công nhận")
    RECOGNISED = "recognised", _("Công nhận")
    REFUSED = "refused", _("Không công nhận")
    REVIEWED = "reviewed", _("Rà soát hằng năm")
    AMENDMENT = "amendment", _("Soạn sửa đổi, bổ sung")
    SUSPENDED = "suspended", _("Tạm ngưng thực hiện")
    ABOLISHED = "abolished", _("Bãi bỏ")
    RESUMED = "resumed", _("Cho thực hiện lại")


class ConventionEvent(models.Model):
    """Lịch sử: each step of the convention, public once it is in force (the reason included)."""

    convention = models.ForeignKey(Convention, on_delete=models.PROTECT, related_name="events")
    version = models.ForeignKey(
        ConventionVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    kind = models.CharField(max_length=15, choices=EventKind.choices)
    on = models.DateField(_("ngày"))
    articles = models.JSONField(default=list)  # the article numbers a partial step names
    reason = models.TextField(_("lý do, ghi chú"), blank=True)
    document_number = models.CharField(_("số văn bản"), max_length=60, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["convention_id", "on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on:%d/%m/%Y}"

    @property
    def policy_unit(self) -> Unit:
        return self.convention.unit
