"""Dân biết: what a commune must disclose (Law 10 Art. 11), through which channels (Art. 12–13), with proof.

A disclosure's status on a given day follows from its state and its posting window, so an expired one
leaves the "now posted" lists by itself at the end of its window and stays in the archive; no job moves it.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danchu.core.models import TimeStampedModel
from danchu.units.models import Unit


class Scope(models.TextChoices):
    COMMUNE = "commune", _("Chính quyền cấp xã (Chương II)")
    AGENCY = "agency", _("Cơ quan, đơn vị (Chương III)")


class Recurrence(models.TextChoices):
    YEARLY = "yearly", _("Hằng năm")
    QUARTERLY = "quarterly", _("Hằng quý")
    ON_EVENT = "on_event", _("Khi phát sinh")


class Channel(models.TextChoices):
    """Hình thức công khai, Law 10 Art. 12(1)."""

    NOTICE_BOARD = "notice_board", _("Niêm yết tại trụ sở")
    PORTAL = "portal", _("Cổng, trang thông tin điện tử")
    LOUDSPEAKER = "loudspeaker", _("Hệ thống truyền thanh")
    VILLAGE_HEAD = "village_head", _("Qua Trưởng thôn, Tổ trưởng tổ dân phố")
    DOCUMENT = "document", _("Gửi văn bản đến người dân")
    DIALOGUE = "dialogue", _("Hội nghị trao đổi, đối thoại")
    RECEPTION = "reception", _("Tiếp công dân, tiếp xúc cử tri, họp báo")
    ORGANISATIONS = "organisations", _("Thông báo cho tổ chức chính trị - xã hội")
    NETWORK = "network", _("Mạng viễn thông, mạng xã hội, tin nhắn")
    OTHER = "other", _("Hình thức khác theo quy chế")


# The platform itself is the proof for the portal channel: the page is public from the first day.
SELF_PROVEN = frozenset({Channel.PORTAL})


class DisclosureItem(models.Model):
    """Nội dung phải công khai: one line of the catalogue, with its citation and whether it was verified
    against the law's text. Verified lines are fixed; the rest may be corrected by the administrator."""

    code = models.CharField(_("mã"), max_length=20, unique=True)
    scope = models.CharField(_("phạm vi"), max_length=10, choices=Scope.choices, default=Scope.COMMUNE)
    article = models.CharField(_("điều, khoản"), max_length=60)
    title = models.TextField(_("nội dung"))
    citation = models.CharField(_("căn cứ"), max_length=300)
    verified = models.BooleanField(_("đã đối chiếu văn bản"), default=False)
    mandatory = models.BooleanField(_("bắt buộc"), default=True)
    recurrence = models.CharField(_("định kỳ"), max_length=10, choices=Recurrence.choices)
    channels = models.JSONField(_("hình thức mặc định"), default=list)
    broadcast = models.BooleanField(_("phát trên truyền thanh"), default=False)
    posting_days = models.PositiveSmallIntegerField(_("số ngày niêm yết"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["scope", "order"]
        verbose_name = _("nội dung phải công khai")

    def __str__(self) -> str:
        return f"{self.article}: {self.title[:80]}"

    @property
    def channel_labels(self) -> list[str]:
        return [str(Channel(c).label) for c in self.channels if c in Channel.values]

    @property
    def short_title(self) -> str:
        return self.title if len(self.title) <= 90 else self.title[:87].rsplit(" ", 1)[0] + "…"


class DisclosureState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    PUBLISHED = "published", _("Đã phát hành")
    SUPERSEDED = "superseded", _("Đã được thay thế")
    WITHDRAWN = "withdrawn", _("Đã gỡ")


class Status(models.TextChoices):
    """What a reader sees on a given day (state and window together)."""

    DRAFT = "draft", _("Dự thảo")
    SCHEDULED = "scheduled", _("Chờ đến ngày công khai")
    POSTED = "posted", _("Đang công khai")
    EXPIRED = "expired", _("Hết thời hạn công khai")
    SUPERSEDED = "superseded", _("Đã được thay thế")
    WITHDRAWN = "withdrawn", _("Đã gỡ")


PUBLIC_STATES = (DisclosureState.PUBLISHED, DisclosureState.SUPERSEDED)


class Disclosure(TimeStampedModel):
    """Thông tin công khai: one document or notice a unit makes known to its people, for a window of days,
    through chosen channels, each with proof of posting."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="disclosures")
    items = models.ManyToManyField(DisclosureItem, related_name="disclosures", verbose_name=_("nội dung"))
    title = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True)  # sanitised HTML
    document_number = models.CharField(_("số, ký hiệu văn bản"), max_length=60, blank=True)
    document_date = models.DateField(_("ngày văn bản, quyết định"), null=True, blank=True)
    starts_on = models.DateField(_("công khai từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    channels = models.JSONField(_("hình thức công khai"), default=list)
    state = models.CharField(max_length=12, choices=DisclosureState.choices, default=DisclosureState.DRAFT)
    replaces = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    ended_reason = models.TextField(_("lý do gỡ"), blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    announced_at = models.DateTimeField(null=True, blank=True)  # subscribers were emailed
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        indexes = [
            models.Index(fields=["unit", "state", "starts_on"], name="disclosure_unit_idx"),
            # "Posted now" is selective on its end (most windows are over): the portal's lists start here.
            models.Index(fields=["unit", "state", "ends_on"], name="disclosure_posted_idx"),
            models.Index(fields=["unit", "updated_at"], name="disclosure_version_idx"),
            models.Index(fields=["state", "announced_at", "starts_on"], name="disclosure_announce_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def policy_unit(self) -> Unit:
        return self.unit

    def status_on(self, day: dt.date) -> Status:
        if self.state == DisclosureState.DRAFT:
            return Status.DRAFT
        if self.state == DisclosureState.WITHDRAWN:
            return Status.WITHDRAWN
        if self.state == DisclosureState.SUPERSEDED:
            return Status.SUPERSEDED
        if day < self.starts_on:
            return Status.SCHEDULED
        return Status.POSTED if day <= self.ends_on else Status.EXPIRED

    @property
    def status(self) -> Status:
        return self.status_on(timezone.localdate())

    @property
    def channel_labels(self) -> list[str]:
        return [str(Channel(c).label) for c in self.channels]


class Attachment(models.Model):
    """Tệp đính kèm: checked by content when received, served with its true type and never as a page."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to="disclosures/%Y/")
    name = models.CharField(_("tên tệp"), max_length=255)
    kind = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    @property
    def policy_unit(self) -> Unit:
        return self.disclosure.unit


class ChannelProof(TimeStampedModel):
    """Minh chứng công khai: who posted it, where, on which day, with a photo or file; for the loudspeaker
    one row per day of broadcast (nhật ký phát thanh)."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.PROTECT, related_name="proofs")
    channel = models.CharField(_("hình thức"), max_length=20, choices=Channel.choices)
    day = models.DateField(_("ngày"))
    place = models.CharField(_("nơi, phương tiện"), max_length=200)
    note = models.TextField(_("ghi chú"), blank=True)
    file = models.FileField(upload_to="disclosures/proofs/%Y/", blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    file_kind = models.CharField(max_length=10, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["channel", "day", "id"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.day:%d/%m/%Y}"

    @property
    def policy_unit(self) -> Unit:
        return self.disclosure.unit


class Subscription(models.Model):
    """Đăng ký nhận tin: an email address following one commune (or one of its categories). Active only
    once the address confirmed it (double opt-in); every email carries a one-click unsubscribe link."""

    email = models.EmailField(_("thư điện tử"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(
        DisclosureItem, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["unit", "confirmed_at"], name="subscription_unit_idx")]

    def __str__(self) -> str:
        return self.email

    @property
    def active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None
