"""Citizen initiatives (sáng kiến của công dân, Law 10 Art. 16): a citizen proposes a matter, households
support it (online, or on paper recorded by the village head), each support valid for the rulebook's months;
when the valid supports reach the rulebook's share of the village's households, the head puts it to a
decision."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danchu.core.models import TimeStampedModel
from danchu.units.models import Household, Resident, Unit

from .core import Decision


class InitiativeState(models.TextChoices):
    COLLECTING = "collecting", _("Đang nhận ủng hộ")
    REACHED = "reached", _("Đủ số hộ ủng hộ, chờ đưa ra bàn và quyết định")
    DECIDED = "decided", _("Đã đưa ra bàn và quyết định")


class Initiative(TimeStampedModel):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="initiatives")
    proposer = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("tiêu đề"), max_length=300)
    text = models.TextField(_("nội dung"))
    matter = models.CharField(max_length=20, default="other")
    state = models.CharField(
        max_length=12, choices=InitiativeState.choices, default=InitiativeState.COLLECTING
    )
    reached_on = models.DateField(null=True, blank=True)
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def policy_unit(self) -> Unit:
        return self.unit


class Support(models.Model):
    """Ý kiến ủng hộ: one per household, dated (it lapses after the rulebook's months)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="supports")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    given_on = models.DateField()
    paper = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["initiative", "household"], name="support_one_per_household")
        ]

    def __str__(self) -> str:
        return f"Hộ {self.household_id} ủng hộ {self.initiative_id}"
