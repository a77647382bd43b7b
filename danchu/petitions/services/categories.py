"""Lĩnh vực phản ánh of a commune, each routed to the agency that answers it, with its own clock."""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.core import audit, policy
from danchu.core.actors import Actor
from danchu.core.errors import DomainError
from danchu.core.text import clean_text
from danchu.units.models import Agency, Unit

from .. import selectors
from ..models import Category
from ..permissions import PetitionPerm

FIELDS = ("name", "description", "agency_id", "resolve_days", "active")
_CODE = re.compile(r"^[a-z0-9_-]{1,40}$")
DATATYPES = frozenset({"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"})
# Product choice: the longest clock a category may set (a quarter of working days).
MAX_DAYS = 60
# The usual categories of a ward (FixMyStreet's, in Vietnamese), each with the agency short name that
# answers it in the demo's commune and a street light's pole number as an Open311 attribute.
DEFAULTS: tuple[tuple[str, str, str, int | None, str, list[dict[str, object]]], ...] = (
    (
        "street_light",
        "Đèn chiếu sáng công cộng hỏng",
        "KTHTĐT",
        5,
        "Hạ tầng",
        [
            {
                "code": "pole",
                "datatype": "string",
                "required": False,
                "description": "Số cột đèn (nếu có)",
                "order": 1,
            }
        ],
    ),
    ("road", "Đường, vỉa hè hư hỏng", "KTHTĐT", 10, "Hạ tầng", []),
    ("waste", "Rác thải, vệ sinh môi trường", "KTHTĐT", 3, "Môi trường", []),
    ("order", "Trật tự đô thị, lấn chiếm lòng đường", "KTHTĐT", 5, "Trật tự", []),
    ("social", "Chính sách xã hội, văn hoá", "VHXH", 10, "Xã hội", []),
    ("other", "Phản ánh, kiến nghị khác", "VP", None, "Khác", []),
)


def _attributes(value: object) -> list[dict[str, object]]:
    if not isinstance(value, list):
        raise DomainError(_("Thuộc tính của lĩnh vực phải là danh sách."), field="attributes")
    out = []
    for order, item in enumerate(value, start=1):
        if not isinstance(item, dict) or not _CODE.match(str(item.get("code", ""))):
            raise DomainError(_("Mỗi thuộc tính cần mã chữ thường không dấu."), field="attributes")
        if item.get("datatype", "string") not in DATATYPES:
            raise DomainError(_("Kiểu dữ liệu của thuộc tính không hợp lệ."), field="attributes")
        out.append(
            {
                "code": item["code"],
                "datatype": item.get("datatype", "string"),
                "required": bool(item.get("required", False)),
                "description": clean_text(
                    str(item.get("description", "")),
                    field="attributes",
                    label=gettext_noop("Mô tả thuộc tính"),
                    max_length=200,
                ),
                "order": int(item.get("order", order)),
                "values": [
                    {"key": str(v["key"])[:40], "name": str(v["name"])[:100]} for v in item.get("values", [])
                ],
            }
        )
    return out


@transaction.atomic
def create_category(
    *,
    actor: Actor | None,
    unit: Unit,
    code: str,
    name: str,
    agency: Agency | None,
    resolve_days: int | None = None,
    description: str = "",
    group: str = "",
    attributes: Sequence[object] = (),
) -> Category:
    policy.require(actor, PetitionPerm.MANAGE_CATEGORIES, unit)
    code = clean_text(code, field="code", label=gettext_noop("Mã lĩnh vực"), max_length=40).lower()
    if not _CODE.match(code):
        raise DomainError(_("Mã lĩnh vực chỉ gồm chữ thường không dấu, số, gạch nối."), field="code")
    name = clean_text(name, field="name", label=gettext_noop("Tên lĩnh vực"), max_length=120)
    if agency is not None and agency.unit_id != unit.pk:
        raise DomainError(_("Cơ quan phụ trách phải thuộc xã, phường này."), field="agency")
    if resolve_days is not None and not 1 <= resolve_days <= MAX_DAYS:
        raise DomainError(
            _("Thời hạn giải quyết phải từ 1 đến %(max_days)s ngày làm việc.") % {"max_days": MAX_DAYS},
            field="resolve_days",
        )
    if Category.objects.filter(unit=unit, code=code).exists():
        raise DomainError(_("Mã lĩnh vực đã có."), field="code")
    category = Category.objects.create(
        unit=unit,
        code=code,
        name=name,
        agency=agency,
        resolve_days=resolve_days,
        description=clean_text(
            description, field="description", label=gettext_noop("Mô tả"), max_length=300, required=False
        ),
        group=clean_text(group, field="group", label=gettext_noop("Nhóm"), max_length=120, required=False),
        attributes=_attributes(list(attributes)),
    )
    audit.record(
        actor=actor,
        action="petitions.category.create",
        obj=category,
        after={
            "code": code,
            "name": name,
            "agency": agency.pk if agency else None,
            "resolve_days": resolve_days,
        },
        scope_unit_id=unit.pk,
    )
    return category


@transaction.atomic
def update_category(
    *, actor: Actor | None, category: Category, agency: Agency | None, resolve_days: int | None, active: bool
) -> Category:
    category = selectors.access_category(
        actor=actor, category_id=category.pk, perm=PetitionPerm.MANAGE_CATEGORIES, for_write=True
    )
    if agency is not None and agency.unit_id != category.unit_id:
        raise DomainError(_("Cơ quan phụ trách phải thuộc xã, phường này."), field="agency")
    if resolve_days is not None and not 1 <= resolve_days <= MAX_DAYS:
        raise DomainError(
            _("Thời hạn giải quyết phải từ 1 đến %(max_days)s ngày làm việc.") % {"max_days": MAX_DAYS},
            field="resolve_days",
        )
    with audit.audited(
        actor=actor,
        action="petitions.category.update",
        obj=category,
        fields=FIELDS,
        scope_unit_id=category.unit_id,
    ):
        category.agency = agency
        category.resolve_days = resolve_days
        category.active = active
        category.save(update_fields=["agency", "resolve_days", "active", "updated_at"])
    return category


def install_defaults(*, actor: Actor | None, unit: Unit) -> list[Category]:
    """The usual categories for `unit`, each routed to its agency of that short name when it has one."""
    agencies = {a.short_name: a for a in Agency.objects.filter(unit=unit, closed_on__isnull=True)}
    made = []
    for code, name, short, days, group, attributes in DEFAULTS:
        if not Category.objects.filter(unit=unit, code=code).exists():
            made.append(
                create_category(
                    actor=actor,
                    unit=unit,
                    code=code,
                    name=name,
                    agency=agencies.get(short),
                    resolve_days=days,
                    group=group,
                    attributes=attributes,
                )
            )
    return made
