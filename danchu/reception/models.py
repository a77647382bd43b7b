"""Tiếp công dân and đối thoại trực tiếp (Law on Citizen Reception 2013; the sample plans).

The chairman's reception schedule is a rule (which weekdays, which hours, where, who stands in), and
the sessions of any week are read from it and the working-day calendar, never stored: a holiday added
to the calendar moves the session by itself. The reception log (sổ tiếp công dân, TT 04/2021/TT-TTCP
Mẫu số 03) keeps one row per visit with the Art. 28 answer clock; dialogues keep their questions,
answers and commitments, each commitment followed as a plans task.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danchu.core.models import TimeStampedModel
from danchu.units.models import Agency, Unit

WEEKDAYS = (
    (0, _("Thứ Hai")),
    (1, _("Thứ Ba")),
    (2, _("Thứ Tư")),
    (3, _("Thứ Năm")),
    (4, _("Thứ Sáu")),
)


class ReceptionSchedule(TimeStampedModel):
    """Lịch tiếp công dân định kỳ của Chủ tịch UBND cấp xã (Art. 15(2): at least one day a week, at the
    commune's head office, announced in advance: Art. 2(3))."""

    unit = models.OneToOneField(Unit, on_delete=models.PROTECT, related_name="reception_schedule")
    weekdays = models.JSONField(_("ngày tiếp trong tuần"), default=list)  # 0 = Monday … 4 = Friday
    morning = models.CharField(_("buổi sáng"), max_length=40, blank=True)
    afternoon = models.CharField(_("buổi chiều"), max_length=40, blank=True)
    place = models.CharField(_("địa điểm"), max_length=200)
    chairman = models.CharField(_("Chủ tịch UBND"), max_length=120)
    stand_in = models.CharField(_("người tiếp thay khi Chủ tịch vắng"), max_length=120)
    rules_note = models.TextField(_("nội quy, ghi chú"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("lịch tiếp công dân")

    def __str__(self) -> str:
        return f"{self.unit}: {self.weekday_labels}"

    @property
    def policy_unit(self) -> Unit:
        return self.unit

    @property
    def weekday_labels(self) -> str:
        names = dict(WEEKDAYS)
        return ", ".join(str(names[d]) for d in sorted(self.weekdays) if d in names)

    @property
    def hours(self) -> str:
        return " · ".join(h for h in (self.morning, self.afternoon) if h)


class ChairmanAbsence(TimeStampedModel):
    """Chủ tịch vắng: for these days the named deputy (Phó Chủ tịch) receives citizens instead."""

    schedule = models.ForeignKey(ReceptionSchedule, on_delete=models.PROTECT, related_name="absences")
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    stand_in = models.CharField(_("người tiếp thay"), max_length=120)
    reason = models.CharField(_("lý do"), max_length=300)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["starts_on", "id"]

    def __str__(self) -> str:
        return f"{self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y}: {self.stand_in}"

    @property
    def policy_unit(self) -> Unit:
        return self.schedule.unit


class VisitKind(models.TextChoices):
    """Phân loại (column 6 of the log)."""

    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")
    PETITION = "petition", _("Kiến nghị, phản ánh")
    OTHER = "other", _("Khác (hỏi, trình bày, không có đơn)")


class Outcome(models.TextChoices):
    """The answer due within the Art. 28 time (Law on Citizen Reception 2013, Art. 28, points a–d)."""

    ACCEPTED = "accepted", _("Đã được thụ lý giải quyết")
    EXTENDED = "extended", _("Cần thêm thời gian xác minh để xem xét thụ lý")
    REFUSED = "refused", _("Không thụ lý: không thuộc thẩm quyền hoặc không đủ điều kiện, đã hướng dẫn")
    TRANSFERRED = "transferred", _("Đã chuyển đến cơ quan có thẩm quyền")


# An answer that closes the clock for good; "extended" is an answer on time that another one follows.
FINAL_OUTCOMES = (Outcome.ACCEPTED, Outcome.REFUSED, Outcome.TRANSFERRED)


# What a reader who may not know a denouncer's identity reads in its place.
MASKED_DENOUNCER = _("Người tố cáo (bảo mật)")


class Visit(TimeStampedModel):
    """Lượt tiếp công dân: one row of the sổ tiếp công dân (TT 04/2021/TT-TTCP, Mẫu số 03, columns 1–12).

    A group (đoàn đông người) is one visit with its number of people and its representatives. A
    denouncer's identity is kept secret (Art. 4 of the Law): lists show it only to the reception's
    officials, never on a public page or in statistics."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="reception_visits")
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số thứ tự"))  # STT, per unit and year (column 1)
    received_on = models.DateField(_("ngày tiếp"))  # column 2
    host = models.CharField(_("người tiếp"), max_length=120)
    by_chairman = models.BooleanField(_("Chủ tịch (hoặc người tiếp thay) trực tiếp tiếp"), default=False)
    visitor_name = models.CharField(_("họ tên"), max_length=200)  # column 3
    visitor_address = models.CharField(_("địa chỉ"), max_length=300)
    id_number = models.CharField(_("số CCCD/hộ chiếu"), max_length=20, blank=True)  # column 4
    people_count = models.PositiveIntegerField(_("số người"), default=1)  # column 6
    representatives = models.TextField(_("người đại diện (đoàn đông người)"), blank=True)
    subject = models.TextField(_("nội dung vụ việc"))  # column 5
    kind = models.CharField(_("phân loại"), max_length=15, choices=VisitKind.choices)  # column 6
    documents = models.TextField(_("giấy tờ, tài liệu nhận"), blank=True)
    handled_before_by = models.CharField(_("cơ quan đã giải quyết"), max_length=300, blank=True)  # 7
    note = models.TextField(_("ghi chú"), blank=True)  # column 12
    answer_due_on = models.DateField(_("hạn trả lời"), null=True, blank=True)
    outcome = models.CharField(_("kết quả trả lời"), max_length=12, choices=Outcome.choices, blank=True)
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)  # first answer (the clock)
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    transferred_to = models.CharField(_("chuyển đến"), max_length=300, blank=True)
    reminded_before_at = models.DateTimeField(null=True, blank=True)
    reminded_overdue_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-received_on", "-number"]
        constraints = [models.UniqueConstraint(fields=["unit", "year", "number"], name="visit_number_uniq")]
        indexes = [
            models.Index(fields=["unit", "received_on"], name="visit_unit_idx"),
            # The log's page: one year of one commune, newest first.
            models.Index(fields=["unit", "year", "-received_on", "-number"], name="visit_log_idx"),
            models.Index(fields=["answer_due_on", "answered_on"], name="visit_clock_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.number}/{self.received_on.year} {self.received_on:%d/%m/%Y}"

    @property
    def policy_unit(self) -> Unit:
        return self.unit

    @property
    def confidential(self) -> bool:
        return self.kind == VisitKind.DENUNCIATION

    @property
    def identity_hidden(self) -> bool:
        """Mask the visitor's identity for this reader: `selectors.mark_identity` decides; a visit it has
        not seen is masked if confidential (the safe default)."""
        return not getattr(self, "shows_identity", not self.confidential)

    @property
    def needs_answer(self) -> bool:
        """The clock runs until a final answer (an "extended" one keeps the case open, answered on time)."""
        return self.answer_due_on is not None and self.outcome not in FINAL_OUTCOMES

    def overdue_on(self, day: dt.date) -> bool:
        return self.answer_due_on is not None and self.answered_on is None and day > self.answer_due_on

    @property
    def is_overdue(self) -> bool:
        return self.overdue_on(timezone.localdate())

    @property
    def answered_on_time(self) -> bool | None:
        if self.answer_due_on is None or self.answered_on is None:
            return None
        return self.answered_on <= self.answer_due_on


class Audience(models.TextChoices):
    CITIZENS = "citizens", _("Nhân dân")
    ORGANISATIONS = "organisations", _("Cơ quan, tổ chức")
    BUSINESSES = "businesses", _("Doanh nghiệp")


class DialogueState(models.TextChoices):
    PLANNED = "planned", _("Sắp diễn ra, đang nhận câu hỏi")
    HELD = "held", _("Đã tổ chức")
    CANCELLED = "cancelled", _("Đã hủy")


class Dialogue(TimeStampedModel):
    """Đối thoại trực tiếp của Chủ tịch UBND với Nhân dân, tổ chức, doanh nghiệp: announced on the portal,
    questions registered beforehand and raised on the day, minutes, every question answered."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="dialogues")
    topic = models.CharField(_("chủ đề"), max_length=300)
    held_on = models.DateField(_("ngày đối thoại"))
    starts_at = models.TimeField(_("giờ bắt đầu"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=200)
    audience = models.CharField(_("đối tượng"), max_length=15, choices=Audience.choices)
    audience_note = models.CharField(_("thành phần mời"), max_length=300, blank=True)
    chair = models.CharField(_("chủ trì"), max_length=120)
    questions_until = models.DateField(_("nhận câu hỏi đến ngày"))
    state = models.CharField(max_length=10, choices=DialogueState.choices, default=DialogueState.PLANNED)
    cancelled_reason = models.CharField(_("lý do hủy"), max_length=300, blank=True)
    # Biên bản (filled when it was held)
    secretary = models.CharField(_("thư ký"), max_length=120, blank=True)
    attendance = models.PositiveIntegerField(_("số người dự"), null=True, blank=True)
    opened_at = models.TimeField(_("bắt đầu lúc"), null=True, blank=True)
    closed_at = models.TimeField(_("kết thúc lúc"), null=True, blank=True)
    summary = models.TextField(_("diễn biến"), blank=True)
    conclusion = models.TextField(_("kết luận của chủ trì"), blank=True)
    minutes_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["unit", "held_on"], name="dialogue_unit_idx")]

    def __str__(self) -> str:
        return self.topic

    @property
    def policy_unit(self) -> Unit:
        return self.unit

    def accepts_questions_on(self, day: dt.date) -> bool:
        return self.state == DialogueState.PLANNED and day <= self.questions_until


class QuestionChannel(models.TextChoices):
    ONLINE = "online", _("Đăng ký trực tuyến")
    VILLAGE_HEAD = "village_head", _("Qua Trưởng thôn, Tổ trưởng tổ dân phố")
    ON_THE_DAY = "on_the_day", _("Nêu tại buổi đối thoại")


class DialogueQuestion(TimeStampedModel):
    """Câu hỏi, ý kiến: registered beforehand (online or through a village head) or raised on the day.
    The asker's name is public only if they agreed; otherwise the portal names their village."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.PROTECT, related_name="questions")
    channel = models.CharField(_("hình thức"), max_length=15, choices=QuestionChannel.choices)
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    asker_name = models.CharField(_("người hỏi"), max_length=200)
    village = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    show_name = models.BooleanField(_("công khai tên người hỏi"), default=False)
    text = models.TextField(_("nội dung"))
    answer = models.TextField(_("trả lời"), blank=True)
    answered_by = models.CharField(_("người trả lời"), max_length=120, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def policy_unit(self) -> Unit:
        return self.dialogue.unit

    @property
    def public_asker(self) -> str:
        if self.show_name:
            return self.asker_name
        return self.village.name if self.village_id and self.village else str(_("Người dân"))


class Commitment(TimeStampedModel):
    """Cam kết của Chủ tịch tại buổi đối thoại: followed as a plans task (nhiệm vụ) whose progress the
    portal shows until it is done."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.PROTECT, related_name="commitments")
    question = models.ForeignKey(
        DialogueQuestion, on_delete=models.PROTECT, null=True, blank=True, related_name="commitments"
    )
    text = models.CharField(_("nội dung cam kết"), max_length=300)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    due_on = models.DateField(_("hạn hoàn thành"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def policy_unit(self) -> Unit:
        return self.dialogue.unit


class VisitLetter(models.Model):
    """A letter (đơn) the visit produced in the one register of letters (sổ xử lý đơn, petitions): the log
    follows its handling there (column 11, "Theo dõi kết quả giải quyết")."""

    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="letters")
    letter = models.OneToOneField("petitions.Letter", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.visit} → {self.letter_id}"

    @property
    def policy_unit(self) -> Unit:
        return self.visit.unit
