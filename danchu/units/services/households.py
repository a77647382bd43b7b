"""Households (hộ gia đình) of a village and their members (nhân khẩu)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.core import audit
from danchu.core.actors import Actor
from danchu.core.bounds import EARLIEST_DATE, bounded_date
from danchu.core.errors import DomainError
from danchu.core.policy import CorePerm
from danchu.core.text import clean_text, fold

from ..models import Gender, Household, Resident, Tier, Unit
from ..selectors import access_household, access_resident, access_unit
from ._common import unique_or_error

HOUSEHOLD_FIELDS = ("village", "number", "address", "representative", "dissolved_on", "dissolved_reason")
RESIDENT_FIELDS = ("household", "full_name", "birth_year", "gender", "relation_to_head", "phone", "left_on")


@transaction.atomic
def create_household(*, actor: Actor, village: Unit, number: str, address: str = "") -> Household:
    """Thêm hộ gia đình vào thôn, tổ dân phố."""
    # The village is locked: it cannot be retired while a household is being added to it.
    village = access_unit(actor=actor, unit_id=village.pk, perm=CorePerm.MANAGE_HOUSEHOLDS, for_write=True)
    if village.tier != Tier.VILLAGE or not village.is_current:
        raise DomainError(_("Hộ gia đình phải thuộc một thôn, tổ dân phố đang hoạt động."))
    number = clean_text(number, field="number", label=gettext_noop("Số hộ"), max_length=30)
    household = Household(
        village=village,
        number=number,
        address=clean_text(
            address, field="address", label=gettext_noop("Địa chỉ"), max_length=300, required=False
        ),
    )
    unique_or_error(
        _("%(village_name)s đã có hộ số %(number)s.") % {"village_name": village.name, "number": number},
        household.save,
    )
    audit.record(
        actor=actor,
        action="units.household.create",
        obj=household,
        after=audit.snapshot(household, HOUSEHOLD_FIELDS),
        scope_unit_id=village.pk,
    )
    return household


@transaction.atomic
def dissolve_household(*, actor: Actor, household: Household, on: dt.date, reason: str) -> Household:
    """Xoá hộ khỏi danh sách đang hoạt động (chuyển đi, nhập hộ): the record stays."""
    household = access_household(
        actor=actor, household_id=household.pk, perm=CorePerm.MANAGE_HOUSEHOLDS, for_write=True
    )
    if household.dissolved_on is not None:
        raise DomainError(_("Hộ này đã được xoá khỏi danh sách trước đó."))
    on = bounded_date(on, field="on")
    reason = clean_text(reason, field="reason", label=gettext_noop("Lý do"), max_length=300)
    with audit.audited(
        actor=actor,
        action="units.household.dissolve",
        obj=household,
        fields=HOUSEHOLD_FIELDS,
        scope_unit_id=household.village_id,
    ):
        household.dissolved_on, household.dissolved_reason = on, reason
        household.save(update_fields=["dissolved_on", "dissolved_reason"])
    return household


@transaction.atomic
def add_resident(
    *,
    actor: Actor,
    household: Household,
    full_name: str,
    birth_year: int | None = None,
    gender: str = "",
    relation_to_head: str = "",
    phone: str = "",
    is_representative: bool = False,
) -> Resident:
    """Thêm nhân khẩu; optionally make them the household's representative (người đại diện hộ)."""
    household = access_household(
        actor=actor, household_id=household.pk, perm=CorePerm.MANAGE_HOUSEHOLDS, for_write=True
    )
    if not household.is_active:
        raise DomainError(_("Hộ này đã bị xoá khỏi danh sách; không thể thêm nhân khẩu."))
    if gender not in Gender.values:
        raise DomainError(_("Giới tính không hợp lệ."), field="gender")
    if birth_year is not None and not EARLIEST_DATE.year <= birth_year <= timezone.localdate().year:
        raise DomainError(_("Năm sinh không hợp lệ."), field="birth_year")
    full_name = clean_text(full_name, field="full_name", label=gettext_noop("Họ và tên"), max_length=200)
    resident = Resident.objects.create(
        household=household,
        full_name=full_name,
        name_key=fold(full_name),
        birth_year=birth_year,
        gender=gender,
        relation_to_head=clean_text(
            relation_to_head,
            field="relation_to_head",
            label=gettext_noop("Quan hệ với chủ hộ"),
            max_length=50,
            required=False,
        ),
        phone=clean_text(
            phone, field="phone", label=gettext_noop("Điện thoại"), max_length=20, required=False
        ),
    )
    audit.record(
        actor=actor,
        action="units.resident.create",
        obj=resident,
        after=audit.snapshot(resident, RESIDENT_FIELDS),
        scope_unit_id=household.village_id,
    )
    if is_representative:
        set_representative(actor=actor, household=household, resident=resident)
    return resident


@transaction.atomic
def set_representative(*, actor: Actor, household: Household, resident: Resident) -> Household:
    """Người đại diện hộ: the one member who votes for the household."""
    household = access_household(
        actor=actor, household_id=household.pk, perm=CorePerm.MANAGE_HOUSEHOLDS, for_write=True
    )
    resident = access_resident(
        actor=actor, resident_id=resident.pk, perm=CorePerm.VIEW_HOUSEHOLDS, for_write=True
    )
    if resident.household_id != household.pk or resident.left_on is not None:
        raise DomainError(_("Người đại diện phải là nhân khẩu hiện đang ở trong hộ."))
    with audit.audited(
        actor=actor,
        action="units.household.representative",
        obj=household,
        fields=HOUSEHOLD_FIELDS,
        scope_unit_id=household.village_id,
    ):
        household.representative = resident
        household.save(update_fields=["representative"])
    return household


@transaction.atomic
def resident_leaves(*, actor: Actor, resident: Resident, on: dt.date) -> Resident:
    # The household first, then its member: the order set_representative locks them in.
    household = access_household(
        actor=actor, household_id=resident.household_id, perm=CorePerm.MANAGE_HOUSEHOLDS, for_write=True
    )
    resident = access_resident(
        actor=actor, resident_id=resident.pk, perm=CorePerm.MANAGE_HOUSEHOLDS, for_write=True
    )
    if resident.household_id != household.pk:
        raise DomainError(_("Nhân khẩu đã chuyển sang hộ khác; hãy tải lại trang."))
    if resident.left_on is not None:
        raise DomainError(_("Nhân khẩu này đã chuyển đi."))
    on = bounded_date(on, field="on")
    with audit.audited(
        actor=actor,
        action="units.resident.leave",
        obj=resident,
        fields=RESIDENT_FIELDS,
        scope_unit_id=household.village_id,
    ):
        resident.left_on = on
        resident.save(update_fields=["left_on"])
        if household.representative_id == resident.pk:
            household.representative = None
            household.save(update_fields=["representative"])
    return resident
