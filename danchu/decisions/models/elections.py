"""Elections (bầu cử) of the village head and of board members (NĐ 59 Arts. 6–8), held as a decision.

The timeline is four dated steps checked against the rulebook's deadlines before voting opens; the winner
takes office only when the commune recognises the result (`Mandate.starts_on`), which the oversight app
reads for board memberships and which becomes the village head's role."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danchu.units.models import Resident

from .core import Decision, Option


class Office(models.TextChoices):
    VILLAGE_HEAD = "village_head", _("Trưởng thôn, Tổ trưởng tổ dân phố")
    INSPECTION = "inspection", _("Thành viên Ban Thanh tra nhân dân")
    INVESTMENT = "investment", _("Thành viên Ban Giám sát đầu tư của cộng đồng")


class Election(models.Model):
    """Cuộc bầu cử: the office, the day, and the dates of the four preparatory steps."""

    decision = models.OneToOneField(Decision, on_delete=models.PROTECT, related_name="election")
    office = models.CharField(_("chức danh"), max_length=14, choices=Office.choices)
    election_day = models.DateField(_("ngày bầu cử"))
    plan_issued_on = models.DateField(_("ngày ban hành kế hoạch"), null=True, blank=True)
    team_set_on = models.DateField(_("ngày thành lập tổ bầu cử"), null=True, blank=True)
    notice_posted_on = models.DateField(_("ngày thông báo công khai"), null=True, blank=True)
    candidates_sent_on = models.DateField(_("ngày gửi danh sách người ứng cử"), null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.get_office_display()} ({self.election_day:%d/%m/%Y})"


class Candidate(models.Model):
    """Người ứng cử: a resident of the scope, one option of the election's question."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="candidates")
    option = models.OneToOneField(Option, on_delete=models.PROTECT, related_name="candidate")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return self.option.label


class Mandate(models.Model):
    """Nhiệm vụ được giao sau bầu cử: who holds the office from the recognition day."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="mandates")
    office = models.CharField(max_length=14, choices=Office.choices)
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField(_("từ ngày"))
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-starts_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_office_display()}: {self.resident}"
