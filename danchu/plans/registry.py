"""How plans plug into the house (see `danchu.core.registry`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danchu.accounts.models import Role
from danchu.core.registry import DomainApp, Statistics, UnitTab
from danchu.units.models import Tier

from . import reminders, selectors
from .permissions import PlanPerm

_ALL = frozenset({PlanPerm.VIEW, PlanPerm.MONITOR, PlanPerm.MANAGE})
_READ = frozenset({PlanPerm.VIEW, PlanPerm.MONITOR})

APP = DomainApp(
    label="plans",
    title=_("Kế hoạch"),
    permissions=(PlanPerm.VIEW, PlanPerm.MONITOR, PlanPerm.MANAGE),
    grants={
        Role.UNIT_LEADER: _ALL,
        Role.FOCAL_OFFICER: _ALL,
        Role.AGENCY_OFFICER: _READ,
        Role.VILLAGE_HEAD: _READ,
        Role.OVERSIGHT_MEMBER: _READ,
        Role.FRONT_OFFICER: _READ,
    },
    statistics=Statistics(selectors.report_statistics, _("kế hoạch và nhiệm vụ trên hệ thống")),
    daily_jobs=(reminders.daily_job,),
    unit_tabs=(UnitTab(_("Kế hoạch"), "plans:list", (PlanPerm.VIEW,), frozenset(Tier), "plans"),),
    urls=("ke-hoach/", "danchu.plans.urls"),
    api="danchu.api.plans",
    notification_kinds={"task": _("Nhiệm vụ"), "obligation": _("Yêu cầu gửi kế hoạch, báo cáo")},
)
