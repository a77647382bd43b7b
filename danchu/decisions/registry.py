"""How community decisions (dân bàn, dân quyết) plug into the house (see `danchu.core.registry`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danchu.accounts.models import Role
from danchu.core.registry import CitizenLink, DomainApp, PortalSection, Statistics, UnitTab
from danchu.units.models import Tier

from . import demo, services, statistics
from .permissions import DecisionPerm
from .rules import RULES

_HEAD = frozenset({DecisionPerm.VIEW, DecisionPerm.MANAGE, DecisionPerm.RECORD})
_COMMUNE = _HEAD | {DecisionPerm.RECOGNISE}
_READ = frozenset({DecisionPerm.VIEW})

APP = DomainApp(
    label="decisions",
    title=_("Dân bàn, dân quyết"),
    permissions=(DecisionPerm.VIEW, DecisionPerm.MANAGE, DecisionPerm.RECORD, DecisionPerm.RECOGNISE),
    grants={
        Role.UNIT_LEADER: _COMMUNE,
        Role.FOCAL_OFFICER: _COMMUNE,
        # The village head convenes and chairs; the vote team records (NĐ 59 Arts. 3–5).
        Role.VILLAGE_HEAD: _HEAD,
        Role.OVERSIGHT_MEMBER: _READ,
        Role.FRONT_OFFICER: _READ,
    },
    statistics=Statistics(statistics.report_statistics, _("việc bàn và quyết định trên hệ thống")),
    daily_jobs=(services.close_due,),
    demo=demo.seed,
    portal_sections=(PortalSection(_("Kết quả bàn và quyết định"), "decisions:public_list"),),
    unit_tabs=(
        UnitTab(
            _("Bàn và quyết định"),
            "decisions:unit",
            (DecisionPerm.VIEW,),
            frozenset({Tier.COMMUNE, Tier.VILLAGE}),
            key="decisions",
        ),
    ),
    citizen_links=(
        CitizenLink(_("Phiếu biểu quyết của hộ"), "decisions:my_ballots"),
        CitizenLink(_("Sáng kiến của công dân"), "decisions:initiatives"),
    ),
    urls=("ban-quyet/", "danchu.decisions.urls"),
    api="danchu.api.decisions",
    notification_kinds={
        services.results.NOTIFY_KIND: _("Kết quả biểu quyết"),
        "initiative": _("Sáng kiến của công dân"),
    },
    rules=RULES,
)
