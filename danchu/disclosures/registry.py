"""How disclosures plug into the house (see `danchu.core.registry`): the worked example in
docs/development.md, "Adding a domain app".

Everything the house must know of the app is declared here and nowhere else: core and accounts read this
`APP` and name no domain app. A new app copies this file and fills in its own values.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danchu.accounts.models import Role
from danchu.core.registry import DomainApp, PortalSection, Statistics, UnitTab
from danchu.units.models import Tier

from . import compliance, demo, services
from .permissions import DisclosurePerm

# Who gets what, by role (the role is held at a unit and covers its subtree; see accounts.permissions).
_OFFICIAL = frozenset({DisclosurePerm.VIEW, DisclosurePerm.MANAGE, DisclosurePerm.RECORD_PROOF})
_READ = frozenset({DisclosurePerm.VIEW})

APP = DomainApp(
    label="disclosures",
    title=_("Công khai thông tin"),
    # The permissions it declares (permissions.py), each checked through the door (selectors.access_*).
    permissions=(
        DisclosurePerm.VIEW,
        DisclosurePerm.MANAGE,
        DisclosurePerm.RECORD_PROOF,
        DisclosurePerm.MANAGE_CATALOGUE,
    ),
    grants={
        Role.UNIT_LEADER: _OFFICIAL,
        Role.FOCAL_OFFICER: _OFFICIAL,
        Role.AGENCY_OFFICER: _READ,
        # A witness of postings: records proof, and reads what was published, never drafts (selectors).
        Role.VILLAGE_HEAD: frozenset({DisclosurePerm.RECORD_PROOF}),
        Role.OVERSIGHT_MEMBER: _READ,
        Role.FRONT_OFFICER: _READ,
    },
    # Figures periodic reports may pre-fill ("disclosures.<figure>").
    statistics=Statistics(compliance.report_statistics, _("thông tin công khai trên hệ thống")),
    # Run once a day by `danchu daily`: announce to subscribers the disclosures whose window began.
    daily_jobs=(services.announce_started,),
    demo=demo.seed,
    search_kinds={services.SEARCH_KIND: _("Thông tin công khai")},
    # Listed on every commune's public page, the url name reversed with the commune's id.
    portal_sections=(PortalSection(_("Thông tin công khai"), "portal:archive"),),
    # The officials' pages under /cong-khai/, and the API router mounted under /api/v1/.
    unit_tabs=(
        UnitTab(
            _("Công khai"),
            "disclosures:unit",
            (DisclosurePerm.VIEW, DisclosurePerm.RECORD_PROOF),
            frozenset(Tier) - {Tier.VILLAGE},
            "disclosures",
        ),
    ),
    urls=("cong-khai/", "danchu.disclosures.urls"),
    api="danchu.api.disclosures",
    notification_kinds={},
)
