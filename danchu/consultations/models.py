"""Nhân dân tham gia ý kiến (Law 10 Arts. 25–29): a draft put to the people, their opinions by section and
by every channel, and the synthesis that answers each one (tổng hợp, tiếp thu, giải trình).

A consultation's draft is split into sections with stable anchors ("dieu-3-khoan-2"): a revised draft
gives each section a new text version, and the opinions stay on the section. Opinions are never deleted:
moderation hides one with its reason. Every visible opinion gets a `Response`, alone or as one of a
confirmed group of similar opinions.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danchu.core.models import TimeStampedModel
from danchu.units.models import Agency, Household, Unit


class MatterKind(models.Model):
    """Nội dung lấy ý kiến: one of Art. 25's nine, an agency's internal regulation, a convention or plan
    draft; data with its citation (see `matters.py`)."""

    code = models.CharField(_("mã"), max_length=20, unique=True)
    article = models.CharField(_("điều, khoản"), max_length=60)
    title = models.TextField(_("nội dung"))
    citation = models.CharField(_("căn cứ"), max_length=300)
    verified = models.BooleanField(_("đã đối chiếu văn bản"), default=False)
    scope = models.CharField(_("phạm vi"), max_length=10, default="commune")
    note = models.TextField(_("ghi chú"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("nội dung lấy ý kiến")

    def __str__(self) -> str:
        return f"{self.article}: {self.title[:80]}"


class Channel(models.TextChoices):
    """Hình thức lấy ý kiến, Law 10 Art. 26(1) a)–h)."""

    DIALOGUE = "dialogue", _("Hội nghị đối thoại giữa UBND cấp xã với Nhân dân")
    MEETING = "meeting", _("Cuộc họp của cộng đồng dân cư")
    BALLOT = "ballot", _("Phát phiếu lấy ý kiến hộ gia đình")
    BOX = "box", _("Hòm thư góp ý, đường dây nóng")
    FRONT = "front", _("Qua Ban công tác Mặt trận, tổ chức chính trị - xã hội")
    PORTAL = "portal", _("Cổng, trang thông tin điện tử của xã")
    NETWORK = "network", _("Mạng viễn thông, mạng xã hội")
    ENFORCEMENT = "enforcement", _("Đối thoại với công dân là đối tượng thi hành")


class Audience(models.TextChoices):
    COMMUNE = "commune", _("Toàn xã, phường")
    VILLAGES = "villages", _("Một số thôn, tổ dân phố")
    AGENCY = "agency", _("Cán bộ, công chức của một cơ quan")


class State(models.TextChoices):
    DRAFT = "draft", _("Đang chuẩn bị")
    OPEN = "open", _("Đã phát động")
    CLOSED = "closed", _("Đã tổng hợp, kết thúc")


class Consultation(TimeStampedModel):
    """Đợt lấy ý kiến Nhân dân: a draft of a matter put to an audience for a period, by chosen channels."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="consultations")
    matter = models.ForeignKey(MatterKind, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("tên dự thảo"), max_length=300)
    summary = models.TextField(_("tóm tắt, nội dung cần xin ý kiến"), blank=True)
    starts_on = models.DateField(_("lấy ý kiến từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    audience = models.CharField(_("đối tượng"), max_length=10, choices=Audience.choices)
    villages = models.ManyToManyField(Unit, blank=True, related_name="+", verbose_name=_("thôn, tổ dân phố"))
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("cơ quan")
    )
    channels = models.JSONField(_("hình thức lấy ý kiến"), default=list)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    conclusion = models.TextField(_("kết luận"), blank=True)
    # Moved on by every write that changes what the public page shows of the draft (a revision, opinions
    # given, entered, hidden): the page keeps its rendered draft until it moves (views.public).
    page_version = models.PositiveIntegerField(default=0, editable=False)
    # The synthesis made public: a disclosure of Art. 11's item on consultations (disclosures app).
    disclosure = models.ForeignKey(
        "disclosures.Disclosure", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        indexes = [
            models.Index(fields=["unit", "state", "ends_on"], name="consultation_unit_idx"),
            models.Index(fields=["state", "ends_on"], name="consultation_due_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def policy_unit(self) -> Unit:
        return self.unit

    def accepting_on(self, day: dt.date) -> bool:
        return self.state == State.OPEN and self.starts_on <= day <= self.ends_on

    @property
    def accepting(self) -> bool:
        return self.accepting_on(timezone.localdate())

    @property
    def channel_labels(self) -> list[str]:
        return [str(Channel(c).label) for c in self.channels if c in Channel.values]


class DraftRevision(models.Model):
    """Một lần dự thảo: the uploaded file and the text read from it; number 1 is the draft consulted on."""

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveSmallIntegerField()
    file = models.FileField(upload_to="consultations/%Y/")
    file_name = models.CharField(_("tên tệp"), max_length=255)
    sha256 = models.CharField(max_length=64)
    note = models.TextField(_("ghi chú chỉnh sửa"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "number"], name="revision_number_unique")
        ]

    def __str__(self) -> str:
        return f"Dự thảo lần {self.number}"

    @property
    def policy_unit(self) -> Unit:
        return self.consultation.unit


class SectionKind(models.TextChoices):
    PREAMBLE = "preamble", _("Phần mở đầu")
    CHAPTER = "chapter", _("Chương")
    ARTICLE = "article", _("Điều")
    CLAUSE = "clause", _("Khoản")
    POINT = "point", _("Điểm")
    PART = "part", _("Mục")


class Section(models.Model):
    """Một phần của dự thảo (chương, điều, khoản, điểm, mục), identified by its anchor across revisions."""

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="sections")
    anchor = models.CharField(max_length=80)
    kind = models.CharField(max_length=10, choices=SectionKind.choices)
    label = models.CharField(_("ký hiệu"), max_length=60)
    depth = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["consultation", "anchor"], name="section_anchor_unique")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def policy_unit(self) -> Unit:
        return self.consultation.unit


class SectionText(models.Model):
    """The text of a section in one revision (absent: the revision removed the section)."""

    revision = models.ForeignKey(DraftRevision, on_delete=models.PROTECT, related_name="texts")
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="texts")
    order = models.PositiveIntegerField()
    title = models.CharField(max_length=500, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["revision", "order"]
        constraints = [models.UniqueConstraint(fields=["revision", "section"], name="section_text_unique")]

    def __str__(self) -> str:
        return f"{self.section_id}@{self.revision_id}"


class SourceKind(models.TextChoices):
    """Where an opinion not typed online came from (hồ sơ nguồn)."""

    MINUTES = "minutes", _("Biên bản hội nghị, cuộc họp")
    BOX = "box", _("Biên bản mở hòm thư góp ý")
    HOTLINE = "hotline", _("Sổ ghi đường dây nóng")
    BALLOT = "ballot", _("Phiếu lấy ý kiến")
    LETTER = "letter", _("Văn bản góp ý của tổ chức")


class SourceRecord(TimeStampedModel):
    """Hồ sơ nguồn: the paper an official entered opinions from, with its reference and date."""

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="sources")
    kind = models.CharField(_("loại hồ sơ"), max_length=10, choices=SourceKind.choices)
    channel = models.CharField(_("hình thức"), max_length=12, choices=Channel.choices)
    held_on = models.DateField(_("ngày"))
    reference = models.CharField(_("số, ký hiệu, nơi tổ chức"), max_length=200)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%d/%m/%Y}"

    @property
    def policy_unit(self) -> Unit:
        return self.consultation.unit


class AuthorKind(models.TextChoices):
    CITIZEN = "citizen", _("Công dân, hộ gia đình")
    ORGANISATION = "organisation", _("Tổ chức")


class ResponseKind(models.TextChoices):
    TAKEN = "taken", _("Tiếp thu")
    EXPLAINED = "explained", _("Giải trình")
    OUT_OF_SCOPE = "out_of_scope", _("Không thuộc phạm vi dự thảo")
    SAME_AS = "same_as", _("Trùng với ý kiến khác")


class OpinionGroup(models.Model):
    """Nhóm ý kiến tương tự, confirmed by the officer so that one answer covers them all."""

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="groups")
    label = models.CharField(_("tên nhóm"), max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.label

    @property
    def policy_unit(self) -> Unit:
        return self.consultation.unit


class Response(TimeStampedModel):
    """Tiếp thu, giải trình: one answer, to one opinion or to a confirmed group."""

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="responses")
    kind = models.CharField(_("hình thức trả lời"), max_length=12, choices=ResponseKind.choices)
    text = models.TextField(_("nội dung tiếp thu, giải trình"))
    same_as = models.ForeignKey("Opinion", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    @property
    def policy_unit(self) -> Unit:
        return self.consultation.unit


class Opinion(TimeStampedModel):
    """Ý kiến góp ý: on the whole draft (no section) or on one section; online by a citizen of a household,
    or by an organisation, or entered by an official from a source record."""

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="opinions")
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, null=True, blank=True, related_name="opinions"
    )
    revision = models.ForeignKey(DraftRevision, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("hình thức"), max_length=12, choices=Channel.choices)
    author_kind = models.CharField(max_length=12, choices=AuthorKind.choices, default=AuthorKind.CITIZEN)
    author_name = models.CharField(_("người, tổ chức góp ý"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source = models.ForeignKey(
        SourceRecord, on_delete=models.PROTECT, null=True, blank=True, related_name="opinions"
    )
    text = models.TextField(_("nội dung ý kiến"))
    text_key = models.TextField(editable=False)  # folded (no diacritics) for grouping and search
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(_("lý do ẩn"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    group = models.ForeignKey(
        OpinionGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="opinions"
    )
    response = models.ForeignKey(
        Response, on_delete=models.PROTECT, null=True, blank=True, related_name="opinions"
    )
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["consultation", "section"], name="opinion_section_idx"),
            models.Index(fields=["consultation", "response"], name="opinion_answer_idx"),
        ]

    def __str__(self) -> str:
        return f"Ý kiến #{self.pk}"

    @property
    def policy_unit(self) -> Unit:
        return self.consultation.unit

    @property
    def hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def public_author(self) -> str:
        """What the public page shows of the author: an organisation's name, never a person's."""
        if self.author_kind == AuthorKind.ORGANISATION:
            return self.author_name
        return str(_("Công dân"))
