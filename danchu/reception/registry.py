"""How reception plugs into the house (see `danchu.core.registry`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danchu.accounts.models import Role
from danchu.core.registry import CitizenLink, DomainApp, PortalSection, Statistics, UnitTab
from danchu.units.models import Tier

from . import demo, statistics
from .permissions import ReceptionPerm
from .rules import RULES
from .services.reminders import remind_answers

_OFFICIAL = frozenset({ReceptionPerm.VIEW, ReceptionPerm.MANAGE})

APP = DomainApp(
    label="reception",
    title=_("Tiếp công dân, đối thoại trực tiếp"),
    permissions=(ReceptionPerm.VIEW, ReceptionPerm.MANAGE, ReceptionPerm.ASK),
    grants={
        # The log names the people received (a denouncer's identity is secret): only the reception's
        # officials read it, not the oversight board nor other agencies.
        Role.UNIT_LEADER: _OFFICIAL,
        Role.FOCAL_OFFICER: _OFFICIAL,
        Role.VILLAGE_HEAD: frozenset({ReceptionPerm.ASK}),
        Role.CITIZEN: frozenset({ReceptionPerm.ASK}),
    },
    statistics=Statistics(
        statistics.report_statistics, _("sổ tiếp công dân và các buổi đối thoại trên hệ thống")
    ),
    daily_jobs=(remind_answers,),
    demo=demo.seed,
    portal_sections=(
        PortalSection(_("Lịch tiếp công dân"), "reception:public_schedule"),
        PortalSection(_("Đối thoại trực tiếp với Chủ tịch UBND"), "reception:public_dialogues"),
    ),
    unit_tabs=(
        UnitTab(
            _("Tiếp công dân"),
            "reception:overview",
            (ReceptionPerm.VIEW,),
            frozenset({Tier.COMMUNE}),
            key="reception",
        ),
    ),
    citizen_links=(
        CitizenLink(_("Lịch tiếp công dân"), "reception:public_schedule", per_commune=True),
        CitizenLink(_("Đối thoại với Chủ tịch UBND"), "reception:public_dialogues", per_commune=True),
    ),
    urls=("tiep-cong-dan/", "danchu.reception.urls"),
    api="danchu.api.reception",
    notification_kinds={"reception": _("Tiếp công dân, đối thoại")},
    rules=RULES,
)
