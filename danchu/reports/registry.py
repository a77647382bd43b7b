"""How periodic reports plug into the house (see `danchu.core.registry`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danchu.accounts.models import Role
from danchu.core.registry import DomainApp, UnitTab
from danchu.units.models import Tier

from . import demo, reminders
from .permissions import ReportPerm

_ALL = frozenset({ReportPerm.VIEW, ReportPerm.SUBMIT, ReportPerm.MANAGE})
_READ = frozenset({ReportPerm.VIEW})

APP = DomainApp(
    label="reports",
    title=_("Báo cáo định kỳ"),
    permissions=(ReportPerm.VIEW, ReportPerm.SUBMIT, ReportPerm.MANAGE),
    grants={
        Role.UNIT_LEADER: _ALL,
        Role.FOCAL_OFFICER: _ALL,
        Role.AGENCY_OFFICER: _READ,
        Role.OVERSIGHT_MEMBER: _READ,
        Role.FRONT_OFFICER: _READ,
    },
    daily_jobs=(reminders.daily_job,),
    demo=demo.seed,
    unit_tabs=(
        UnitTab(
            _("Báo cáo"), "reports:unit", (ReportPerm.VIEW,), frozenset(Tier) - {Tier.VILLAGE}, "reports"
        ),
    ),
    urls=("bao-cao/", "danchu.reports.urls"),
    api="danchu.api.reports",
    notification_kinds={"report": _("Báo cáo định kỳ")},
)
