"""Writes to the unit tree, agencies and households: rules checked, one audit entry each."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr

from danchu.core import audit, policy
from danchu.core.errors import DomainError
from danchu.core.models import Rule
from danchu.core.policy import CorePerm
from danchu.core.text import clean_text, fold

from .models import (
    VILLAGE_KINDS,
    Agency,
    AgencyKind,
    Gender,
    Household,
    Resident,
    Tier,
    Unit,
)

UNIT_FIELDS = ("parent", "kind", "tier", "generation", "code", "name", "valid_from", "valid_to")
AGENCY_FIELDS = ("unit", "parent", "kind", "name", "short_name", "closed_on")
HOUSEHOLD_FIELDS = ("village", "number", "address", "representative", "dissolved_on", "dissolved_reason")
RESIDENT_FIELDS = ("household", "full_name", "birth_year", "gender", "relation_to_head", "phone", "left_on")


def _set_path(unit: Unit) -> None:
    parent_path = unit.parent.path if unit.parent is not None else "/"
    unit.path = f"{parent_path}{unit.pk}/"
    unit.save(update_fields=["path"])


def _unique_or_error(message: str, save: Any) -> None:
    """Run `save` in a savepoint and turn a uniqueness clash into a readable error."""
    try:
        with transaction.atomic():
            save()
    except IntegrityError as exc:
        raise DomainError(message) from exc


@transaction.atomic
def create_village(*, actor: Any, commune: Unit, name: str, kind: str = "thon", code: str = "") -> Unit:
    """Thêm thôn / tổ dân phố: villages are created by their commune (there is no national list)."""
    policy.require(actor, CorePerm.MANAGE_UNIT, commune)
    if commune.tier != Tier.COMMUNE:
        raise DomainError("Thôn, tổ dân phố chỉ được tạo trong một xã, phường, đặc khu.")
    if not commune.is_current:
        raise DomainError("Đơn vị này đã ngừng hiệu lực; không thể thêm thôn, tổ dân phố.")
    if kind not in VILLAGE_KINDS:
        raise DomainError("Loại thôn, tổ dân phố không hợp lệ.", field="kind")
    name = clean_text(name, field="Tên", max_length=200)
    code = clean_text(code, field="Mã", max_length=20, required=False)
    village = Unit(
        parent=commune,
        kind=kind,
        tier=Tier.VILLAGE,
        generation=commune.generation,
        code=code,
        name=name,
        name_key=fold(name),
        path="",
    )
    _unique_or_error(f"Đã có “{name}” (hoặc mã {code}) trong {commune.name}.", village.save)
    _set_path(village)
    audit.record(
        actor=actor,
        action="units.village.create",
        obj=village,
        after=audit.snapshot(village, UNIT_FIELDS),
        scope_unit_id=village.pk,
    )
    return village


@transaction.atomic
def rename_unit(*, actor: Any, unit: Unit, name: str, code: str | None = None) -> Unit:
    policy.require(actor, CorePerm.MANAGE_UNIT, unit)
    if unit.tier != Tier.VILLAGE:
        raise DomainError(
            "Tên và mã của tỉnh, xã do danh mục quốc gia quy định; chỉ sửa được thôn, tổ dân phố."
        )
    name = clean_text(name, field="Tên", max_length=200)
    code = unit.code if code is None else clean_text(code, field="Mã", max_length=20, required=False)
    siblings = Unit.objects.filter(
        parent_id=unit.parent_id, tier=Tier.VILLAGE, valid_to__isnull=True
    ).exclude(pk=unit.pk)
    if siblings.filter(name_key=fold(name)).exists() or (code and siblings.filter(code=code).exists()):
        raise DomainError(f"Đã có “{name}” (hoặc mã {code}) trong đơn vị cấp trên.")
    before = audit.snapshot(unit, UNIT_FIELDS)
    unit.name, unit.name_key, unit.code = name, fold(name), code
    _unique_or_error(f"Đã có “{unit.name}” trong đơn vị cấp trên.", unit.save)  # a concurrent rename
    audit.record(
        actor=actor,
        action="units.unit.update",
        obj=unit,
        before=before,
        after=audit.snapshot(unit, UNIT_FIELDS),
        scope_unit_id=unit.pk,
    )
    return unit


@transaction.atomic
def move_unit(*, actor: Any, unit: Unit, new_parent: Unit) -> Unit:
    """Chuyển đơn vị: move a unit and its whole subtree under another parent."""
    policy.require(actor, CorePerm.MANAGE_UNIT, unit)
    policy.require(actor, CorePerm.MANAGE_UNIT, new_parent)
    if new_parent.pk == unit.pk or new_parent.path.startswith(unit.path):
        raise DomainError("Không thể chuyển một đơn vị vào chính nó hoặc vào đơn vị cấp dưới của nó.")
    if new_parent.tier >= unit.tier:
        raise DomainError(f"{unit.name} không thể trực thuộc {new_parent.name}: cấp đơn vị không phù hợp.")
    if new_parent.generation != unit.generation:
        raise DomainError("Không thể chuyển đơn vị giữa cây hiện hành và cây trước sắp xếp.")
    before = audit.snapshot(unit, UNIT_FIELDS)
    old_path = unit.path
    new_path = f"{new_parent.path}{unit.pk}/"
    unit.parent = new_parent
    _unique_or_error(
        f"{new_parent.name} đã có đơn vị tên “{unit.name}”.", lambda: unit.save(update_fields=["parent"])
    )
    Unit.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr(F("path"), len(old_path) + 1))
    )
    unit.refresh_from_db()
    audit.record(
        actor=actor,
        action="units.unit.move",
        obj=unit,
        before=before,
        after=audit.snapshot(unit, UNIT_FIELDS),
        scope_unit_id=unit.pk,
    )
    return unit


@transaction.atomic
def retire_unit(*, actor: Any, unit: Unit, on: dt.date) -> Unit:
    """Ngừng hiệu lực: a village merged or dissolved keeps its record, with an end date."""
    policy.require(actor, CorePerm.MANAGE_UNIT, unit)
    if unit.tier != Tier.VILLAGE:
        raise DomainError("Chỉ thôn, tổ dân phố được cho ngừng hiệu lực tại đây.")
    if unit.households.filter(dissolved_on__isnull=True).exists():
        raise DomainError("Thôn còn hộ gia đình đang hoạt động: hãy chuyển các hộ sang thôn khác trước.")
    before = audit.snapshot(unit, UNIT_FIELDS)
    unit.valid_to = on
    unit.save(update_fields=["valid_to"])
    audit.record(
        actor=actor,
        action="units.unit.retire",
        obj=unit,
        before=before,
        after=audit.snapshot(unit, UNIT_FIELDS),
        scope_unit_id=unit.pk,
    )
    return unit


@transaction.atomic
def create_agency(
    *, actor: Any, unit: Unit, name: str, kind: str, short_name: str = "", parent: Agency | None = None
) -> Agency:
    """Thêm cơ quan, đơn vị thuộc một đơn vị hành chính."""
    policy.require(actor, CorePerm.MANAGE_UNIT, unit)
    if kind not in AgencyKind.values:
        raise DomainError("Loại cơ quan không hợp lệ.", field="kind")
    if parent is not None and parent.unit_id != unit.pk:
        raise DomainError("Cơ quan cấp trên phải thuộc cùng đơn vị.", field="parent")
    name = clean_text(name, field="Tên cơ quan", max_length=200)
    agency = Agency(
        unit=unit,
        parent=parent,
        kind=kind,
        name=name,
        name_key=fold(name),
        short_name=clean_text(short_name, field="Tên viết tắt", max_length=50, required=False),
    )
    _unique_or_error(f"{unit.name} đã có cơ quan “{name}”.", agency.save)
    audit.record(
        actor=actor,
        action="units.agency.create",
        obj=agency,
        after=audit.snapshot(agency, AGENCY_FIELDS),
        scope_unit_id=unit.pk,
    )
    return agency


@transaction.atomic
def close_agency(*, actor: Any, agency: Agency, on: dt.date) -> Agency:
    policy.require(actor, CorePerm.MANAGE_UNIT, agency)
    if agency.closed_on is not None:
        raise DomainError("Cơ quan này đã ngừng hoạt động.")
    before = audit.snapshot(agency, AGENCY_FIELDS)
    agency.closed_on = on
    agency.save(update_fields=["closed_on"])
    audit.record(
        actor=actor,
        action="units.agency.close",
        obj=agency,
        before=before,
        after=audit.snapshot(agency, AGENCY_FIELDS),
        scope_unit_id=agency.unit_id,
    )
    return agency


@transaction.atomic
def create_household(*, actor: Any, village: Unit, number: str, address: str = "") -> Household:
    """Thêm hộ gia đình vào thôn, tổ dân phố."""
    policy.require(actor, CorePerm.MANAGE_HOUSEHOLDS, village)
    if village.tier != Tier.VILLAGE or not village.is_current:
        raise DomainError("Hộ gia đình phải thuộc một thôn, tổ dân phố đang hoạt động.")
    number = clean_text(number, field="Số hộ", max_length=30)
    household = Household(
        village=village,
        number=number,
        address=clean_text(address, field="Địa chỉ", max_length=300, required=False),
    )
    _unique_or_error(f"{village.name} đã có hộ số {number}.", household.save)
    audit.record(
        actor=actor,
        action="units.household.create",
        obj=household,
        after=audit.snapshot(household, HOUSEHOLD_FIELDS),
        scope_unit_id=village.pk,
    )
    return household


@transaction.atomic
def dissolve_household(*, actor: Any, household: Household, on: dt.date, reason: str) -> Household:
    """Xoá hộ khỏi danh sách đang hoạt động (chuyển đi, nhập hộ): the record stays."""
    policy.require(actor, CorePerm.MANAGE_HOUSEHOLDS, household)
    if household.dissolved_on is not None:
        raise DomainError("Hộ này đã được xoá khỏi danh sách trước đó.")
    reason = clean_text(reason, field="Lý do", max_length=300)
    before = audit.snapshot(household, HOUSEHOLD_FIELDS)
    household.dissolved_on, household.dissolved_reason = on, reason
    household.save(update_fields=["dissolved_on", "dissolved_reason"])
    audit.record(
        actor=actor,
        action="units.household.dissolve",
        obj=household,
        before=before,
        after=audit.snapshot(household, HOUSEHOLD_FIELDS),
        scope_unit_id=household.village_id,
    )
    return household


@transaction.atomic
def add_resident(
    *,
    actor: Any,
    household: Household,
    full_name: str,
    birth_year: int | None = None,
    gender: str = "",
    relation_to_head: str = "",
    phone: str = "",
    is_representative: bool = False,
) -> Resident:
    """Thêm nhân khẩu; optionally make them the household's representative (người đại diện hộ)."""
    policy.require(actor, CorePerm.MANAGE_HOUSEHOLDS, household)
    if not household.is_active:
        raise DomainError("Hộ này đã bị xoá khỏi danh sách; không thể thêm nhân khẩu.")
    if gender not in Gender.values:
        raise DomainError("Giới tính không hợp lệ.", field="gender")
    if birth_year is not None and not 1900 <= birth_year <= dt.date.today().year:  # noqa: DTZ011
        raise DomainError("Năm sinh không hợp lệ.", field="birth_year")
    full_name = clean_text(full_name, field="Họ và tên", max_length=200)
    resident = Resident.objects.create(
        household=household,
        full_name=full_name,
        name_key=fold(full_name),
        birth_year=birth_year,
        gender=gender,
        relation_to_head=clean_text(
            relation_to_head, field="Quan hệ với chủ hộ", max_length=50, required=False
        ),
        phone=clean_text(phone, field="Điện thoại", max_length=20, required=False),
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
def set_representative(*, actor: Any, household: Household, resident: Resident) -> Household:
    """Người đại diện hộ: the one member who votes for the household."""
    policy.require(actor, CorePerm.MANAGE_HOUSEHOLDS, household)
    if resident.household_id != household.pk or resident.left_on is not None:
        raise DomainError("Người đại diện phải là nhân khẩu hiện đang ở trong hộ.")
    before = audit.snapshot(household, HOUSEHOLD_FIELDS)
    household.representative = resident
    household.save(update_fields=["representative"])
    audit.record(
        actor=actor,
        action="units.household.representative",
        obj=household,
        before=before,
        after=audit.snapshot(household, HOUSEHOLD_FIELDS),
        scope_unit_id=household.village_id,
    )
    return household


@transaction.atomic
def resident_leaves(*, actor: Any, resident: Resident, on: dt.date) -> Resident:
    policy.require(actor, CorePerm.MANAGE_HOUSEHOLDS, resident)
    if resident.left_on is not None:
        raise DomainError("Nhân khẩu này đã chuyển đi.")
    household = resident.household
    before = audit.snapshot(resident, RESIDENT_FIELDS)
    resident.left_on = on
    resident.save(update_fields=["left_on"])
    if household.representative_id == resident.pk:
        household.representative = None
        household.save(update_fields=["representative"])
    audit.record(
        actor=actor,
        action="units.resident.leave",
        obj=resident,
        before=before,
        after=audit.snapshot(resident, RESIDENT_FIELDS),
        scope_unit_id=household.village_id,
    )
    return resident


RULE_FIELDS = (
    "key",
    "value",
    "denominator",
    "unit",
    "citation",
    "effective_from",
    "effective_to",
    "scope_unit",
)


@transaction.atomic
def override_rule(
    *,
    actor: Any,
    province: Unit,
    key: str,
    value: Decimal,
    citation: str,
    effective_from: dt.date,
    note: str = "",
) -> Rule:
    """Quy định riêng của tỉnh: a province replaces a national value on its territory, citing its source."""
    policy.require(actor, CorePerm.MANAGE_RULES, province)
    if province.tier != Tier.PROVINCE or not province.is_current:
        raise DomainError("Chỉ tỉnh, thành phố (hiện hành) được đặt quy định riêng.")
    national = Rule.objects.filter(key=key, scope_unit__isnull=True).order_by("-effective_from").first()
    if national is None:
        raise DomainError(f"Không có quy định “{key}” trong sổ quy định quốc gia.", field="key")
    if value < 0:
        raise DomainError("Giá trị không được âm.", field="value")
    if national.denominator != 1 and value > national.denominator:
        raise DomainError(
            f"Tỷ lệ phải nằm trong khoảng 0 đến {national.denominator}/{national.denominator}.", field="value"
        )
    previous = (
        Rule.objects.select_for_update()
        .filter(key=key, scope_unit=province, effective_to__isnull=True)
        .order_by("-effective_from")
        .first()
    )
    if previous is not None and previous.effective_from >= effective_from:
        raise DomainError(
            "Ngày hiệu lực phải sau ngày hiệu lực của quy định riêng đang áp dụng "
            f"({previous.effective_from:%d/%m/%Y}).",
            field="effective_from",
        )
    if previous is not None:
        before = audit.snapshot(previous, RULE_FIELDS)
        previous.effective_to = effective_from - dt.timedelta(days=1)
        previous.save(update_fields=["effective_to"])
        audit.record(
            actor=actor,
            action="core.rule.supersede",
            obj=previous,
            before=before,
            after=audit.snapshot(previous, RULE_FIELDS),
            scope_unit_id=province.pk,
        )
    override = Rule.objects.create(
        key=key,
        title=national.title,
        value=value,
        denominator=national.denominator,
        unit=national.unit,
        citation=clean_text(citation, field="Căn cứ", max_length=300),
        verified=True,
        note=clean_text(note, field="Ghi chú", max_length=2000, required=False),
        effective_from=effective_from,
        scope_unit=province,
    )
    audit.record(
        actor=actor,
        action="core.rule.override",
        obj=override,
        after=audit.snapshot(override, RULE_FIELDS),
        scope_unit_id=province.pk,
    )
    return override
