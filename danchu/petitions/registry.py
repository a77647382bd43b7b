"""How letters and petitions plug into the house (see `danchu.core.registry`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danchu.accounts.models import Role
from danchu.core.registry import CitizenLink, DomainApp, PortalSection, Statistics, UnitTab
from danchu.units.models import Tier

from . import demo, stats
from .permissions import PetitionPerm
from .rules import RULES
from .services import sla

_MANAGER = frozenset(
    {
        PetitionPerm.VIEW,
        PetitionPerm.VIEW_SENDER,
        PetitionPerm.REGISTER,
        PetitionPerm.HANDLE,
        PetitionPerm.RESOLVE,
        PetitionPerm.MANAGE_CATEGORIES,
    }
)

APP = DomainApp(
    label="petitions",
    title=_("Phản ánh, kiến nghị"),
    permissions=(
        PetitionPerm.VIEW,
        PetitionPerm.VIEW_SENDER,
        PetitionPerm.REGISTER,
        PetitionPerm.HANDLE,
        PetitionPerm.RESOLVE,
        PetitionPerm.MANAGE_CATEGORIES,
    ),
    grants={
        Role.UNIT_LEADER: _MANAGER,
        Role.FOCAL_OFFICER: _MANAGER,
        # An agency answers what it is given (selectors.agency_ids), and may call the sender back.
        Role.AGENCY_OFFICER: frozenset({PetitionPerm.VIEW, PetitionPerm.VIEW_SENDER, PetitionPerm.RESOLVE}),
        # Overseers read the register and the clocks, never who sent what.
        Role.OVERSIGHT_MEMBER: frozenset({PetitionPerm.VIEW}),
        Role.FRONT_OFFICER: frozenset({PetitionPerm.VIEW}),
    },
    statistics=Statistics(stats.report_statistics, _("đơn thư và phản ánh trên hệ thống")),
    daily_jobs=(sla.daily_job,),
    demo=demo.seed,
    portal_sections=(PortalSection(_("Phản ánh, kiến nghị"), "petitions:public_list"),),
    # Mounted at the root: the pages under /phan-anh/ and the Open311 server under /open311/v2/.
    unit_tabs=(
        UnitTab(
            _("Phản ánh, kiến nghị"),
            "petitions:inbox",
            (PetitionPerm.VIEW,),
            frozenset(Tier) - {Tier.VILLAGE},
            key="petitions",
        ),
    ),
    citizen_links=(
        CitizenLink(_("Gửi phản ánh, kiến nghị"), "petitions:submit", per_commune=True),
        CitizenLink(_("Tra cứu phản ánh theo mã"), "petitions:lookup"),
    ),
    urls=("", "danchu.petitions.urls"),
    api="danchu.api.petitions",
    notification_kinds={"petition": _("Phản ánh, kiến nghị")},
    rules=RULES,
)
