"""Dân bàn, dân quyết: community decisions counted by household (Law 10 Arts. 15–24, NĐ 59/2023).

The unit that counts is the household (hộ gia đình), and a threshold is taken over all the households of
the scope, frozen when voting opens (`RegisterEntry`). One household takes part at most once per decision
whatever the channel (meeting, paper, online): `Participation` is unique on (decision, household) in the
database, so two concurrent second ballots cannot both land. For a secret vote, what was chosen
(`Choice`, keyed by a random box) is stored apart from who took part, with no link between them.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danchu.core.models import TimeStampedModel
from danchu.units.models import Household, Resident, Unit

from ..matters import BALLOT, MEETING, ONLINE


class Form(models.TextChoices):
    """Hình thức bàn và quyết định, Law 10 Art. 17(1)."""

    MEETING = MEETING, _("Họp cộng đồng dân cư")
    BALLOT = BALLOT, _("Phát phiếu lấy ý kiến hộ gia đình")
    ONLINE = ONLINE, _("Biểu quyết trực tuyến")


class Channel(models.TextChoices):
    """How one household's ballot arrived."""

    MEETING = "meeting", _("Tại cuộc họp")
    PAPER = "paper", _("Phiếu giấy")
    ONLINE = "online", _("Trực tuyến")


class State(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ANNOUNCED = "announced", _("Đã thông báo")
    OPEN = "open", _("Đang lấy ý kiến")
    CLOSED = "closed", _("Đã kết thúc biểu quyết")
    TALLIED = "tallied", _("Đã kiểm phiếu")
    PUBLISHED = "published", _("Đã công bố kết quả")
    RECOGNISED = "recognised", _("Đã được UBND cấp xã công nhận")
    IMPLEMENTED = "implemented", _("Đã tổ chức thực hiện")
    FAILED = "failed", _("Không thông qua")
    RERUN = "rerun", _("Tổ chức lại")


PUBLIC_STATES = (State.PUBLISHED, State.RECOGNISED, State.IMPLEMENTED, State.FAILED, State.RERUN)


class QuestionKind(models.TextChoices):
    APPROVE = "approve", _("Tán thành / không tán thành")
    CHOICE = "choice", _("Chọn một phương án")
    CANDIDATES = "candidates", _("Bầu người ứng cử")
    CONTRIBUTION = "contribution", _("Mức đóng góp")


class Decision(TimeStampedModel):
    """Việc Nhân dân bàn và quyết định: one matter put to the households of a village/TDP or a commune."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="decisions")
    matter = models.CharField(_("nội dung theo Điều 15"), max_length=20)
    title = models.CharField(_("tiêu đề"), max_length=300)
    description = models.TextField(_("nội dung chi tiết"), blank=True)
    form = models.CharField(_("hình thức"), max_length=10, choices=Form.choices)
    secret = models.BooleanField(_("bỏ phiếu kín"), default=False)
    state = models.CharField(max_length=12, choices=State.choices, default=State.DRAFT)
    meeting_at = models.DateTimeField(_("thời gian họp"), null=True, blank=True)
    meeting_place = models.CharField(_("địa điểm họp"), max_length=300, blank=True)
    closes_on = models.DateField(_("hạn lấy ý kiến"), null=True, blank=True)
    # NĐ 59 Art. 5: online voting only with these four recorded beforehand (dates they happened).
    online_head_front_agreed_on = models.DateField(null=True, blank=True)
    online_community_agreed_on = models.DateField(null=True, blank=True)
    online_ubnd_told_on = models.DateField(null=True, blank=True)
    online_front_told_on = models.DateField(null=True, blank=True)
    # Household ballots may also be returned through the representative's account (rulebook switch).
    electronic_returns = models.BooleanField(_("nhận phiếu điện tử"), default=False)
    switched_to_ballot_reason = models.TextField(blank=True)
    announced_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    denominator = models.PositiveIntegerField(_("tổng số hộ"), null=True, blank=True)
    tallied_at = models.DateTimeField(null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)
    digest = models.CharField(max_length=64, blank=True)
    # The batch of paper ballots, made by the background task `tasks.make_paper_batch`; current while
    # `paper_batch_key` equals `export.paper_batch_key(decision)`. It carries the ballot codes: stored
    # under MEDIA_ROOT (never served as media), downloaded only through `views.official.paper_batch`.
    paper_batch = models.FileField(upload_to="decisions/ballots/", blank=True)
    paper_batch_key = models.CharField(max_length=64, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    recognition_due_on = models.DateField(null=True, blank=True)
    recognised_on = models.DateField(null=True, blank=True)
    recognition_number = models.CharField(_("số quyết định công nhận"), max_length=60, blank=True)
    refusal_reason = models.TextField(blank=True)
    implemented_on = models.DateField(null=True, blank=True)
    rerun_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reruns"
    )
    source = models.CharField(max_length=60, blank=True)  # the app that asked for it ("conventions.…")
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-id"]
        verbose_name = _("việc bàn và quyết định")
        indexes = [models.Index(fields=["unit", "state"], name="decision_unit_state_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def policy_unit(self) -> Unit:
        return self.unit


class Question(models.Model):
    """Nội dung biểu quyết: one question of a decision, with its options."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="questions")
    order = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=14, choices=QuestionKind.choices)
    text = models.CharField(_("câu hỏi"), max_length=500)
    seats = models.PositiveSmallIntegerField(default=1)  # candidates: how many are elected

    class Meta:
        ordering = ["decision_id", "order"]
        constraints = [models.UniqueConstraint(fields=["decision", "order"], name="question_unique_order")]

    def __str__(self) -> str:
        return self.text


class Option(models.Model):
    """Phương án: approve/disapprove, a choice, a candidate or a contribution level."""

    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="options")
    order = models.PositiveSmallIntegerField()
    label = models.CharField(_("phương án"), max_length=300)
    amount = models.PositiveBigIntegerField(null=True, blank=True)  # contribution level, in đồng
    approves = models.BooleanField(default=False)  # the "Tán thành" option of an approve question

    class Meta:
        ordering = ["question_id", "order"]

    def __str__(self) -> str:
        return self.label


class RegisterEntry(models.Model):
    """Danh sách hộ khi bắt đầu biểu quyết: the frozen denominator, one row per household of the scope."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="register")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["decision", "household"], name="register_unique_household")
        ]

    def __str__(self) -> str:
        return f"Hộ {self.household_id} trong danh sách việc {self.decision_id}"


class Attendance(models.Model):
    """Đại diện hộ dự họp: who represented a household at the meeting (a member or someone authorised)."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="attendance")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    attendee = models.CharField(_("người dự họp"), max_length=200)
    authorised = models.BooleanField(_("người được hộ ủy quyền"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["decision", "household"], name="attendance_unique_household")
        ]

    def __str__(self) -> str:
        return f"{self.attendee} (hộ {self.household_id})"


class Participation(models.Model):
    """Hộ đã biểu quyết: that a household took part, by which channel. THE one-per-household row.

    For an open vote `box` names its choices and `receipt` is kept; for a secret vote both stay empty.
    """

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="participations")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=8, choices=Channel.choices)
    cast_by = models.ForeignKey(Resident, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    box = models.UUIDField(null=True, blank=True)
    receipt = models.CharField(max_length=20, blank=True)
    # Secret online vote, until closing: keyed hash of (decision, household, receipt); blank otherwise.
    receipt_check = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["decision", "household"], name="participation_one_per_household")
        ]
        indexes = [models.Index(fields=["decision", "channel"], name="participation_channel_idx")]

    def __str__(self) -> str:
        return f"Hộ {self.household_id} đã biểu quyết ({self.channel})"


class Choice(models.Model):
    """Lựa chọn: one option chosen in one ballot box. No household, no time: the box is random.

    The primary key is random too, so the table's order says nothing about who voted when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="+")
    box = models.UUIDField(db_index=True)
    option = models.ForeignKey(Option, on_delete=models.PROTECT, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["decision", "option"], name="choice_decision_option_idx")]

    def __str__(self) -> str:
        return "Lựa chọn"


class Receipt(models.Model):
    """Mã xác nhận: the published list of codes, one per counted ballot, without household or choice."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="receipts")
    code = models.CharField(max_length=20)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["decision", "code"], name="receipt_unique_code")]

    def __str__(self) -> str:
        return self.code


class MeetingCount(models.Model):
    """Kết quả biểu quyết tại cuộc họp: a show of hands counted per option (households present)."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="meeting_counts")
    option = models.ForeignKey(Option, on_delete=models.PROTECT, related_name="+")
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["decision", "option"], name="meeting_count_unique_option")
        ]

    def __str__(self) -> str:
        return f"{self.option_id}: {self.count}"


class PaperBallot(models.Model):
    """Phiếu lấy ý kiến hộ gia đình: one numbered paper ballot per household, with an unguessable code."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="paper_ballots")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField()
    code = models.CharField(max_length=20, unique=True)
    returned = models.BooleanField(default=False)

    class Meta:
        ordering = ["decision_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "household"], name="paper_ballot_one_per_household")
        ]

    def __str__(self) -> str:
        return f"Phiếu số {self.number}"


class Conflict(models.Model):
    """Phiếu trùng: a second ballot a household tried, kept for the vote team, never counted."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="conflicts")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=8, choices=Channel.choices)
    counted_channel = models.CharField(max_length=8, choices=Channel.choices)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"Phiếu trùng của hộ {self.household_id} ({self.channel})"


class Authorisation(models.Model):
    """Ủy quyền: a household member (not the representative) the household authorised to vote for it."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="authorisations")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["decision", "household"], name="authorisation_one_per_household")
        ]

    def __str__(self) -> str:
        return f"Ủy quyền của hộ {self.household_id}"


class ProceduralVote(models.Model):
    """Biểu quyết thủ tục tại cuộc họp (thư ký, hình thức biểu quyết): over the households present."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="procedural_votes")
    subject = models.CharField(_("nội dung"), max_length=300)
    present = models.PositiveIntegerField()
    in_favour = models.PositiveIntegerField()
    passed = models.BooleanField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.subject
