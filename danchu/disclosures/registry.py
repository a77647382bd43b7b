"""How disclosures plug into the house (see `danchu.core.registry`): the worked example in
docs/development.md, "Adding a domain app"."""

from __future__ import annotations

from danchu.accounts.models import Role
from danchu.core.registry import DomainApp, PortalSection, Statistics

from . import compliance, demo, services
from .permissions import DisclosurePerm

_OFFICIAL = frozenset({DisclosurePerm.VIEW, DisclosurePerm.MANAGE, DisclosurePerm.RECORD_PROOF})
_READ = frozenset({DisclosurePerm.VIEW})

APP = DomainApp(
    label="disclosures",
    title="Công khai thông tin",
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
        Role.VILLAGE_HEAD: frozenset({DisclosurePerm.RECORD_PROOF}),
        Role.OVERSIGHT_MEMBER: _READ,
        Role.FRONT_OFFICER: _READ,
    },
    statistics=Statistics(compliance.report_statistics, "thông tin công khai trên hệ thống"),
    daily_jobs=(services.announce_started,),
    demo=demo.seed,
    search_kinds={services.SEARCH_KIND: "Thông tin công khai"},
    portal_sections=(PortalSection("Thông tin công khai", "portal:archive"),),
    urls=("cong-khai/", "danchu.disclosures.urls"),
    api="danchu.api.disclosures",
    notification_kinds={},
)
