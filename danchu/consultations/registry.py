"""How consultations plug into the house (see `danchu.core.registry`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danchu.accounts.models import Role
from danchu.core.registry import CitizenLink, DomainApp, PortalSection, Statistics, UnitTab
from danchu.units.models import Tier

from . import demo, notifications, statistics
from .permissions import ConsultationPerm

_OFFICIAL = frozenset({ConsultationPerm.VIEW, ConsultationPerm.MANAGE, ConsultationPerm.RECORD})
_READ = frozenset({ConsultationPerm.VIEW})

APP = DomainApp(
    label="consultations",
    title=_("Lấy ý kiến Nhân dân"),
    permissions=(ConsultationPerm.VIEW, ConsultationPerm.MANAGE, ConsultationPerm.RECORD),
    grants={
        Role.UNIT_LEADER: _OFFICIAL,
        Role.FOCAL_OFFICER: _OFFICIAL,
        Role.AGENCY_OFFICER: _READ,
        Role.OVERSIGHT_MEMBER: _READ,
        # The Front gathers opinions through its committees and mass organisations (Art. 26(1)(đ)).
        Role.FRONT_OFFICER: frozenset({ConsultationPerm.VIEW, ConsultationPerm.RECORD}),
    },
    statistics=Statistics(statistics.provider, _("đợt lấy ý kiến và ý kiến Nhân dân trên hệ thống")),
    # Run once a day by `danchu daily`: officials reminded before the end and of unanswered opinions after.
    daily_jobs=(notifications.remind,),
    demo=demo.seed,
    portal_sections=(PortalSection(_("Lấy ý kiến Nhân dân"), "consultations:public_list"),),
    unit_tabs=(
        UnitTab(
            _("Lấy ý kiến"),
            "consultations:unit",
            (ConsultationPerm.VIEW,),
            frozenset({Tier.COMMUNE}),
            key="consultations",
        ),
    ),
    citizen_links=(
        CitizenLink(_("Góp ý dự thảo đang lấy ý kiến"), "consultations:public_list", per_commune=True),
    ),
    urls=("y-kien/", "danchu.consultations.urls"),
    api="danchu.api.consultations",
    notification_kinds={notifications.KIND: _("Lấy ý kiến Nhân dân")},
)
