"""Xử lý đơn and phản ánh, kiến nghị: one register of everything citizens send, and the petitions on it.

Every letter (đơn, thư) that reaches a unit, whatever the channel, is one `Letter` of that unit's register
with an un-guessable tracking code. The sender's identity is kept apart (`Sender`) so that a denouncer's
can be protected (Luật Tố cáo 2018 Art. 9(1)(b), Art. 56) without touching the register. An officer
classifies the letter and decides on it within the rulebook's time (accept, guide, transfer, refuse);
each step is a `LetterHandling` row, the generic record that later apps (complaints, denunciations) add
their own kinds to. A letter classified as a petition (phản ánh, kiến nghị) carries a `Petition`: its
category, place, photos, agency, SLA clock, public updates, answer and the citizen's rating.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danchu.core.models import TimeStampedModel
from danchu.units.models import Agency, Resident, Unit


class Channel(models.TextChoices):
    """How the letter reached the unit (hình thức tiếp nhận)."""

    PORTAL = "portal", _("Cổng thông tin (có tài khoản)")
    PORTAL_GUEST = "portal_guest", _("Cổng thông tin (không đăng nhập)")
    RECEPTION = "reception", _("Tiếp công dân")
    SUGGESTION_BOX = "box", _("Hòm thư góp ý")
    POST = "post", _("Bưu chính")
    HOTLINE = "hotline", _("Đường dây nóng")
    OPEN311 = "open311", _("Ứng dụng Open311")
    FORWARDED = "forwarded", _("Cấp khác chuyển đến")


class Classification(models.TextChoices):
    """Phân loại đơn (Biểu số 01/XLD: by type, and whether eligible)."""

    UNCLASSIFIED = "unclassified", _("Chưa phân loại")
    PETITION = "petition", _("Phản ánh, kiến nghị")
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")
    NOT_ELIGIBLE = "not_eligible", _("Đơn không đủ điều kiện xử lý")


class Outcome(models.TextChoices):
    """The decision on a letter (kết quả xử lý đơn)."""

    PENDING = "pending", _("Chờ xử lý")
    ACCEPTED = "accepted", _("Thụ lý, giải quyết")
    GUIDED = "guided", _("Hướng dẫn người gửi")
    TRANSFERRED = "transferred", _("Chuyển đơn")
    REFUSED = "refused", _("Không xử lý, có lý do")


class Letter(TimeStampedModel):
    """Đơn, thư: one item of a unit's register (sổ tiếp nhận, xử lý đơn)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="letters")
    tracking_code = models.CharField(_("mã tra cứu"), max_length=20, unique=True)
    channel = models.CharField(_("hình thức tiếp nhận"), max_length=16, choices=Channel.choices)
    classification = models.CharField(
        _("phân loại"), max_length=16, choices=Classification.choices, default=Classification.UNCLASSIFIED
    )
    subject = models.CharField(_("tiêu đề"), max_length=200)
    text = models.TextField(_("nội dung"))
    received_on = models.DateField(_("ngày nhận"))
    process_by = models.DateField(_("hạn xử lý đơn"))
    signers = models.PositiveIntegerField(_("số người ký"), default=1)
    outcome = models.CharField(
        _("kết quả xử lý"), max_length=12, choices=Outcome.choices, default=Outcome.PENDING
    )
    decided_on = models.DateField(_("ngày xử lý"), null=True, blank=True)
    reason = models.TextField(_("lý do, hướng dẫn"), blank=True)
    transferred_to = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="letters_sent_here"
    )
    forwarded_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="forwards"
    )
    # Who may rate the answer with an account; holders of the tracking code may too.
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # sha256 of (unit, sender or device, text): a second identical submission within minutes is the same.
    fingerprint = models.CharField(max_length=64, db_index=True)
    # What produced it (a reception visit: "reception.visit:42"), for the apps layered above.
    source = models.CharField(max_length=60, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["unit", "outcome", "process_by"], name="letter_register_idx"),
            models.Index(fields=["process_by"], name="letter_pending_idx", condition=Q(outcome="pending")),
            models.Index(fields=["unit", "received_on"], name="letter_received_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code}: {self.subject}"

    @property
    def policy_unit(self) -> Unit:
        return self.unit


class Sender(models.Model):
    """Người gửi: who sent the letter, kept apart from the register so it can be protected (a denouncer's
    name, address and handwriting are secret, Luật Tố cáo Art. 9(1)(b))."""

    letter = models.OneToOneField(Letter, on_delete=models.PROTECT, related_name="sender")
    full_name = models.CharField(_("họ và tên"), max_length=200, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    device = models.CharField(max_length=100, blank=True)  # an Open311 device_id or a browser's cookie

    def __str__(self) -> str:
        return self.full_name or "—"


class LetterHandling(models.Model):
    """Một bước xử lý đơn: classify, accept, guide, transfer, refuse, and the kinds later apps add
    (a complaint's acceptance decision, a denunciation's extension…). Append-only."""

    letter = models.ForeignKey(Letter, on_delete=models.PROTECT, related_name="handlings")
    kind = models.CharField(max_length=40)  # "classify", "accept", … or "<app>.<kind>"
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.kind


class Category(TimeStampedModel):
    """Lĩnh vực phản ánh of a commune, routed by rule to the agency that answers it (FixMyStreet's
    category → body), with its own time to resolve; the Open311 service."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="petition_categories")
    code = models.CharField(_("mã"), max_length=40)
    name = models.CharField(_("tên lĩnh vực"), max_length=120)
    description = models.CharField(_("mô tả"), max_length=300, blank=True)
    group = models.CharField(_("nhóm"), max_length=120, blank=True)
    keywords = models.CharField(_("từ khoá"), max_length=200, blank=True)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="petition_categories"
    )
    # Working days to resolve; empty: the rulebook's default (petition.resolve_working_days).
    resolve_days = models.PositiveSmallIntegerField(
        _("thời hạn giải quyết (ngày làm việc)"), null=True, blank=True
    )
    # Open311 service definition: [{"code", "datatype", "required", "description", "order", "values"}]
    attributes = models.JSONField(default=list, blank=True)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["unit", "code"], name="petition_category_code")]

    def __str__(self) -> str:
        return self.name

    @property
    def policy_unit(self) -> Unit:
        return self.unit


class Status(models.TextChoices):
    """Trạng thái phản ánh, shown publicly (FixMyStreet's states, plus the closings of xử lý đơn)."""

    RECEIVED = "received", _("Đã tiếp nhận")
    ACCEPTED = "accepted", _("Đã chuyển cơ quan xử lý")
    IN_PROGRESS = "in_progress", _("Đang xử lý")
    RESOLVED = "resolved", _("Đã giải quyết")
    NOT_OURS = "not_ours", _("Không thuộc thẩm quyền")
    DUPLICATE = "duplicate", _("Trùng, đã gộp")
    TRANSFERRED = "transferred", _("Đã chuyển cấp khác")


OPEN_STATUSES = (Status.RECEIVED, Status.ACCEPTED, Status.IN_PROGRESS)
CLOSED_STATUSES = (Status.RESOLVED, Status.NOT_OURS, Status.DUPLICATE, Status.TRANSFERRED)


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("Hài lòng")
    NOT_SATISFIED = "not_satisfied", _("Chưa hài lòng")


class Petition(TimeStampedModel):
    """Phản ánh, kiến nghị: a letter about something in the commune to fix or change, with its place,
    photos and the agency that answers it, on a clock (working days) from the day it was received."""

    letter = models.OneToOneField(Letter, on_delete=models.PROTECT, related_name="petition")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="petitions")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="petitions")
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="petitions"
    )
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    address = models.CharField(_("địa điểm"), max_length=300, blank=True)
    lat = models.DecimalField(_("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    long = models.DecimalField(_("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    attributes = models.JSONField(default=dict, blank=True)
    due_on = models.DateField(_("hạn giải quyết"))
    answer = models.TextField(_("trả lời"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rating = models.CharField(_("đánh giá"), max_length=16, choices=Rating.choices, blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    reopened = models.PositiveSmallIntegerField(_("số lần mở lại"), default=0)
    # Closed on time or late, fixed at closing (for the SLA figures).
    late = models.BooleanField(default=False)

    class Meta:
        indexes = [
            # The daily scan: petitions by due date, with who answers for them, their status and id, all
            # read from the index (PostgreSQL's index-only scan needs the id in it). Not partial: SQLite
            # uses a partial index only when the query spells its condition in literals, and Django binds
            # the status list as parameters.
            models.Index(fields=["due_on", "unit", "agency", "status", "id"], name="petition_due_scan_idx"),
            models.Index(fields=["unit", "status", "due_on"], name="petition_inbox_idx"),
            models.Index(fields=["unit", "created_at"], name="petition_public_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.letter.tracking_code}: {self.letter.subject}"

    @property
    def policy_unit(self) -> Unit:
        return self.unit

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def overdue_on_day(self, today: dt.date) -> bool:
        return self.is_open and self.due_on < today


class PhotoKind(models.TextChoices):
    REPORT = "report", _("Ảnh người dân gửi")
    EVIDENCE = "evidence", _("Minh chứng đã xử lý")


class Photo(models.Model):
    """Ảnh hoặc tài liệu of a petition: what the citizen saw, or the agency's evidence of the fix."""

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="photos")
    kind = models.CharField(max_length=10, choices=PhotoKind.choices)
    file = models.FileField(upload_to="petitions/%Y/%m/")
    file_kind = models.CharField(max_length=8)  # jpeg, png, webp, pdf, docx (core.files)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"

    @property
    def is_image(self) -> bool:
        return self.file_kind in {"jpeg", "png", "webp"}


class Update(models.Model):
    """Cập nhật công khai: what the public page and Open311's servicerequestupdates show, in order."""

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="updates")
    status = models.CharField(max_length=12, choices=Status.choices)
    text = models.TextField(blank=True)
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # mySociety's extended status (FIXED, IN_PROGRESS, DUPLICATE, NOT_COUNCILS_RESPONSIBILITY, REOPEN…)
    external_status = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.status


class ApiKey(models.Model):
    """Khoá Open311 of a client allowed to POST requests to a commune; only its hash is stored."""

    name = models.CharField(_("tên ứng dụng"), max_length=100)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name

    @property
    def policy_unit(self) -> Unit:
        return self.unit
