"""The unit tree: villages created, renamed, moved and retired by their commune."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.core import audit
from danchu.core.actors import Actor
from danchu.core.bounds import bounded_date
from danchu.core.errors import DomainError
from danchu.core.policy import CorePerm
from danchu.core.text import clean_text, fold

from ..models import VILLAGE_KINDS, Tier, Unit
from ..selectors import access_unit
from ._common import unique_or_error

UNIT_FIELDS = ("parent", "kind", "tier", "generation", "code", "name", "valid_from", "valid_to")


def _set_path(unit: Unit) -> None:
    parent_path = unit.parent.path if unit.parent is not None else "/"
    unit.path = f"{parent_path}{unit.pk}/"
    unit.save(update_fields=["path"])


@transaction.atomic
def create_village(*, actor: Actor, commune: Unit, name: str, kind: str = "thon", code: str = "") -> Unit:
    """Thêm thôn / tổ dân phố: villages are created by their commune (there is no national list)."""
    commune = access_unit(actor=actor, unit_id=commune.pk, perm=CorePerm.MANAGE_UNIT, for_write=True)
    if commune.tier != Tier.COMMUNE:
        raise DomainError(_("Thôn, tổ dân phố chỉ được tạo trong một xã, phường, đặc khu."))
    if not commune.is_current:
        raise DomainError(_("Đơn vị này đã ngừng hiệu lực; không thể thêm thôn, tổ dân phố."))
    if kind not in VILLAGE_KINDS:
        raise DomainError(_("Loại thôn, tổ dân phố không hợp lệ."), field="kind")
    name = clean_text(name, field="name", label=gettext_noop("Tên"), max_length=200)
    code = clean_text(code, field="code", label=gettext_noop("Mã"), max_length=20, required=False)
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
    unique_or_error(
        _("Đã có “%(name)s” (hoặc mã %(code)s) trong %(commune_name)s.")
        % {"name": name, "code": code, "commune_name": commune.name},
        village.save,
    )
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
def rename_unit(*, actor: Actor, unit: Unit, name: str, code: str | None = None) -> Unit:
    unit = access_unit(actor=actor, unit_id=unit.pk, perm=CorePerm.MANAGE_UNIT, for_write=True)
    if unit.tier != Tier.VILLAGE:
        raise DomainError(
            _("Tên và mã của tỉnh, xã do danh mục quốc gia quy định; chỉ sửa được thôn, tổ dân phố.")
        )
    name = clean_text(name, field="name", label=gettext_noop("Tên"), max_length=200)
    code = (
        unit.code
        if code is None
        else clean_text(code, field="code", label=gettext_noop("Mã"), max_length=20, required=False)
    )
    siblings = Unit.objects.filter(
        parent_id=unit.parent_id, tier=Tier.VILLAGE, valid_to__isnull=True
    ).exclude(pk=unit.pk)
    if siblings.filter(name_key=fold(name)).exists() or (code and siblings.filter(code=code).exists()):
        raise DomainError(
            _("Đã có “%(name)s” (hoặc mã %(code)s) trong đơn vị cấp trên.") % {"name": name, "code": code}
        )
    with audit.audited(
        actor=actor, action="units.unit.update", obj=unit, fields=UNIT_FIELDS, scope_unit_id=unit.pk
    ):
        unit.name, unit.name_key, unit.code = name, fold(name), code
        # A sibling renamed to the same name at the same moment is caught by the uniqueness rule.
        unique_or_error(
            _("Đã có “%(unit_name)s” trong đơn vị cấp trên.") % {"unit_name": unit.name}, unit.save
        )
    return unit


@transaction.atomic
def move_unit(*, actor: Actor, unit: Unit, new_parent: Unit) -> Unit:
    """Chuyển đơn vị: move a unit and its whole subtree under another parent."""
    unit = access_unit(actor=actor, unit_id=unit.pk, perm=CorePerm.MANAGE_UNIT, for_write=True)
    new_parent = access_unit(actor=actor, unit_id=new_parent.pk, perm=CorePerm.MANAGE_UNIT, for_write=True)
    if new_parent.pk == unit.pk or new_parent.path.startswith(unit.path):
        raise DomainError(_("Không thể chuyển một đơn vị vào chính nó hoặc vào đơn vị cấp dưới của nó."))
    if new_parent.tier >= unit.tier:
        raise DomainError(
            _("%(unit_name)s không thể trực thuộc %(new_parent_name)s: cấp đơn vị không phù hợp.")
            % {"unit_name": unit.name, "new_parent_name": new_parent.name}
        )
    if new_parent.generation != unit.generation:
        raise DomainError(_("Không thể chuyển đơn vị giữa cây hiện hành và cây trước sắp xếp."))
    if unit.parent_id == new_parent.pk:
        raise DomainError(
            _("%(unit_name)s đã trực thuộc %(new_parent_name)s.")
            % {"unit_name": unit.name, "new_parent_name": new_parent.name}
        )
    with audit.audited(
        actor=actor, action="units.unit.move", obj=unit, fields=UNIT_FIELDS, scope_unit_id=unit.pk
    ):
        old_path = unit.path
        new_path = f"{new_parent.path}{unit.pk}/"
        unit.parent = new_parent
        unique_or_error(
            _("%(new_parent_name)s đã có đơn vị tên “%(unit_name)s”.")
            % {"new_parent_name": new_parent.name, "unit_name": unit.name},
            lambda: unit.save(update_fields=["parent"]),
        )
        Unit.objects.filter(path__startswith=old_path).update(
            path=Concat(Value(new_path), Substr(F("path"), len(old_path) + 1))
        )
        unit.refresh_from_db()
    return unit


@transaction.atomic
def retire_unit(*, actor: Actor, unit: Unit, on: dt.date) -> Unit:
    """Ngừng hiệu lực: a village merged or dissolved keeps its record, with an end date."""
    unit = access_unit(actor=actor, unit_id=unit.pk, perm=CorePerm.MANAGE_UNIT, for_write=True)
    if unit.tier != Tier.VILLAGE:
        raise DomainError(_("Chỉ thôn, tổ dân phố được cho ngừng hiệu lực tại đây."))
    if not unit.is_current:
        raise DomainError(
            _("%(unit_name)s đã ngừng hiệu lực từ %(unit_valid_to)s.")
            % {"unit_name": unit.name, "unit_valid_to": f"{unit.valid_to:%d/%m/%Y}"}
        )
    on = bounded_date(on, field="on", label=_("Ngày ngừng hiệu lực"))
    if unit.households.filter(dissolved_on__isnull=True).exists():
        raise DomainError(_("Thôn còn hộ gia đình đang hoạt động: hãy chuyển các hộ sang thôn khác trước."))
    with audit.audited(
        actor=actor, action="units.unit.retire", obj=unit, fields=UNIT_FIELDS, scope_unit_id=unit.pk
    ):
        unit.valid_to = on
        unit.save(update_fields=["valid_to"])
    return unit
