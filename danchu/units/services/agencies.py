"""Agencies (cơ quan, đơn vị) of an administrative unit."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.core import audit
from danchu.core.actors import Actor
from danchu.core.bounds import bounded_date
from danchu.core.errors import DomainError
from danchu.core.policy import CorePerm
from danchu.core.text import clean_text, fold

from ..models import Agency, AgencyKind, Unit
from ..selectors import access_agency, access_unit
from ._common import unique_or_error

AGENCY_FIELDS = ("unit", "parent", "kind", "name", "short_name", "closed_on")


@transaction.atomic
def create_agency(
    *, actor: Actor, unit: Unit, name: str, kind: str, short_name: str = "", parent: Agency | None = None
) -> Agency:
    """Thêm cơ quan, đơn vị thuộc một đơn vị hành chính."""
    unit = access_unit(actor=actor, unit_id=unit.pk, perm=CorePerm.MANAGE_UNIT)
    if kind not in AgencyKind.values:
        raise DomainError(_("Loại cơ quan không hợp lệ."), field="kind")
    if parent is not None and parent.unit_id != unit.pk:
        raise DomainError(_("Cơ quan cấp trên phải thuộc cùng đơn vị."), field="parent")
    name = clean_text(name, field="name", label=gettext_noop("Tên cơ quan"), max_length=200)
    agency = Agency(
        unit=unit,
        parent=parent,
        kind=kind,
        name=name,
        name_key=fold(name),
        short_name=clean_text(
            short_name, field="short_name", label=gettext_noop("Tên viết tắt"), max_length=50, required=False
        ),
    )
    unique_or_error(
        _("%(unit_name)s đã có cơ quan “%(name)s”.") % {"unit_name": unit.name, "name": name}, agency.save
    )
    audit.record(
        actor=actor,
        action="units.agency.create",
        obj=agency,
        after=audit.snapshot(agency, AGENCY_FIELDS),
        scope_unit_id=unit.pk,
    )
    return agency


@transaction.atomic
def close_agency(*, actor: Actor, agency: Agency, on: dt.date) -> Agency:
    agency = access_agency(actor=actor, agency_id=agency.pk, perm=CorePerm.MANAGE_UNIT, for_write=True)
    if agency.closed_on is not None:
        raise DomainError(_("Cơ quan này đã ngừng hoạt động."))
    on = bounded_date(on, field="on", label=_("Ngày ngừng hoạt động"))
    with audit.audited(
        actor=actor,
        action="units.agency.close",
        obj=agency,
        fields=AGENCY_FIELDS,
        scope_unit_id=agency.unit_id,
    ):
        agency.closed_on = on
        agency.save(update_fields=["closed_on"])
    return agency
