"""How hương ước, quy ước plug into the house (see `danchu.core.registry`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danchu.accounts.models import Role
from danchu.core.registry import CitizenLink, DomainApp, PortalSection, Statistics, UnitTab
from danchu.units.models import Tier

from . import demo, reminders, stats
from .permissions import ConventionPerm
from .rules import RULES

_COMMUNE = frozenset({ConventionPerm.VIEW, ConventionPerm.RECOGNISE, ConventionPerm.REVIEW})
_READ = frozenset({ConventionPerm.VIEW})

APP = DomainApp(
    label="conventions",
    title=_("Hương ước, quy ước"),
    permissions=ConventionPerm.all(),
    grants={
        # The commune UBND receives, recognises or refuses, suspends or abolishes, and records reviews.
        Role.UNIT_LEADER: _COMMUNE,
        Role.FOCAL_OFFICER: _COMMUNE,
        # The village or TDP head drafts, posts, collects opinions, records adoption and files.
        Role.VILLAGE_HEAD: frozenset({ConventionPerm.VIEW, ConventionPerm.DRAFT, ConventionPerm.REVIEW}),
        # The Front's working committee co-signs the text and chairs reviews with the head: it reads.
        Role.FRONT_OFFICER: _READ,
        Role.OVERSIGHT_MEMBER: _READ,
        # A household gives its opinion on a draft posted in its own village.
        Role.CITIZEN: frozenset({ConventionPerm.OPINE}),
    },
    statistics=Statistics(stats.report_statistics, _("hương ước, quy ước trên hệ thống")),
    daily_jobs=(reminders.remind_overdue,),
    demo=demo.seed,
    portal_sections=(PortalSection(_("Hương ước, quy ước"), "conventions:register"),),
    unit_tabs=(
        UnitTab(
            _("Hương ước, quy ước"),
            "conventions:unit",
            (ConventionPerm.VIEW,),
            frozenset({Tier.COMMUNE, Tier.VILLAGE}),
            key="conventions",
        ),
    ),
    citizen_links=(CitizenLink(_("Góp ý hương ước, quy ước"), "conventions:posted"),),
    urls=("huong-uoc/", "danchu.conventions.urls"),
    api="danchu.api.conventions",
    notification_kinds={"convention": _("Hương ước, quy ước")},
    rules=RULES,
)
