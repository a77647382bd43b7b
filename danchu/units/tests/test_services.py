from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404
from django.utils import translation

from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.core.models import AuditEntry
from danchu.core.policy import CorePerm
from danchu.units import selectors, services
from danchu.units.models import Household, Resident, Unit, UnitKind

pytestmark = pytest.mark.django_db


def test_commune_official_creates_a_village_with_an_audit_entry(tree, personas):
    actor = personas["commune_official"]
    village = services.create_village(
        actor=actor, commune=tree.commune, name="  Tổ dân phố 2 ", kind=UnitKind.RESIDENTIAL_GROUP
    )
    assert village.name == "Tổ dân phố 2" and village.tier == 4
    assert village.path == f"{tree.commune.path}{village.pk}/"
    entry = AuditEntry.objects.get(action="units.village.create")
    assert (
        entry.actor == actor and entry.after["name"] == "Tổ dân phố 2" and entry.object_id == str(village.pk)
    )


@pytest.mark.parametrize(
    "persona", ["sibling_official", "village_head", "citizen", "oversight_member", "anonymous"]
)
def test_others_cannot_create_a_village(tree, personas, persona):
    with pytest.raises(PermissionDeniedError):
        services.create_village(actor=personas[persona], commune=tree.commune, name="Tổ 9")
    assert not Unit.objects.filter(name="Tổ 9").exists()
    assert not AuditEntry.objects.exists()


def test_province_official_acts_in_the_whole_subtree(tree, personas):
    village = services.create_village(
        actor=personas["province_official"], commune=tree.sibling, name="Thôn Tây"
    )
    assert village.parent == tree.sibling


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "Tổ dân phố 1"}, "Đã có"),
        ({"name": "tổ dân phố 1"}, "Đã có"),
        ({"name": ""}, "không được để trống"),
        ({"name": "Tổ\x00"}, "không hợp lệ"),
        ({"name": "Tổ 5", "kind": "tinh"}, "Loại thôn"),
    ],
)
def test_bad_village_input_changes_nothing(tree, personas, kwargs, message):
    before = Unit.objects.count()
    with pytest.raises(DomainError, match=message):
        services.create_village(actor=personas["commune_official"], commune=tree.commune, **kwargs)
    assert Unit.objects.count() == before
    assert not AuditEntry.objects.exists()


def test_village_only_inside_a_commune(tree, personas):
    with pytest.raises(DomainError, match="chỉ được tạo trong"):
        services.create_village(actor=personas["admin"], commune=tree.province, name="Thôn X")


def test_a_unit_cannot_move_under_its_own_descendant(tree, personas):
    before = {u.pk: (u.parent_id, u.path) for u in Unit.objects.all()}
    with pytest.raises(DomainError, match="chính nó hoặc vào đơn vị cấp dưới"):
        services.move_unit(actor=personas["admin"], unit=tree.commune, new_parent=tree.village)
    with pytest.raises(DomainError, match="chính nó"):
        services.move_unit(actor=personas["admin"], unit=tree.commune, new_parent=tree.commune)
    assert {u.pk: (u.parent_id, u.path) for u in Unit.objects.all()} == before


def test_moving_a_village_carries_its_households(tree, personas):
    moved = services.move_unit(
        actor=personas["province_official"], unit=tree.village, new_parent=tree.sibling
    )
    assert moved.path == f"{tree.sibling.path}{moved.pk}/"
    assert selectors.active_household_count(tree.sibling) == 3
    assert selectors.active_household_count(tree.commune) == 0
    assert AuditEntry.objects.get(action="units.unit.move").before["parent"] == tree.commune.pk


def test_moving_needs_authority_over_both_ends(tree, personas):
    with pytest.raises(PermissionDeniedError):
        services.move_unit(actor=personas["commune_official"], unit=tree.village, new_parent=tree.sibling)
    tree.village.refresh_from_db()
    assert tree.village.parent == tree.commune


def test_household_lifecycle(tree, personas):
    actor = personas["village_head"]
    household = services.create_household(actor=actor, village=tree.village, number="003", address="Ngõ 3")
    with pytest.raises(DomainError, match="đã có hộ số 003"):
        services.create_household(actor=actor, village=tree.village, number="003")
    head = services.add_resident(
        actor=actor,
        household=household,
        full_name="Đỗ Văn Em",
        birth_year=1970,
        gender="nam",
        relation_to_head="Chủ hộ",
        is_representative=True,
    )
    household.refresh_from_db()
    assert household.representative == head
    with pytest.raises(DomainError, match="Năm sinh"):
        services.add_resident(actor=actor, household=household, full_name="X", birth_year=1800)
    services.resident_leaves(actor=actor, resident=head, on=dt.date(2026, 1, 1))
    household.refresh_from_db()
    assert household.representative is None
    services.dissolve_household(actor=actor, household=household, on=dt.date(2026, 2, 1), reason="Chuyển đi")
    assert selectors.active_household_count(tree.village) == 2
    with pytest.raises(DomainError, match="đã bị xoá"):
        services.add_resident(actor=actor, household=household, full_name="Y")
    assert Household.objects.filter(pk=household.pk).exists()  # never hard-deleted


def test_representative_must_belong_to_the_household(tree, personas):
    stranger = tree.h2.members.get()
    with pytest.raises(DomainError, match="nhân khẩu hiện đang ở trong hộ"):
        services.set_representative(actor=personas["commune_official"], household=tree.h1, resident=stranger)


def test_sibling_cannot_touch_households(tree, personas):
    with pytest.raises(PermissionDeniedError):
        services.add_resident(actor=personas["sibling_official"], household=tree.h1, full_name="Z")
    assert not Resident.objects.filter(full_name="Z").exists()


def test_agencies(tree, personas):
    actor = personas["commune_official"]
    agency = services.create_agency(
        actor=actor, unit=tree.commune, name="Ban Thanh tra nhân dân", kind="giam_sat"
    )
    with pytest.raises(DomainError, match="đã có cơ quan"):
        services.create_agency(actor=actor, unit=tree.commune, name="ban thanh tra nhân dân", kind="giam_sat")
    with pytest.raises(DomainError, match="Loại cơ quan"):
        services.create_agency(actor=actor, unit=tree.commune, name="X", kind="???")
    services.close_agency(actor=actor, agency=agency, on=dt.date(2026, 1, 1))
    with pytest.raises(DomainError, match="đã ngừng"):
        services.close_agency(actor=actor, agency=agency, on=dt.date(2026, 1, 2))
    # A closed agency's name can be used again by a new body.
    services.create_agency(actor=actor, unit=tree.commune, name="Ban Thanh tra nhân dân", kind="giam_sat")


def test_retire_village_requires_no_active_households(tree, personas):
    with pytest.raises(DomainError, match="còn hộ"):
        services.retire_unit(actor=personas["commune_official"], unit=tree.village, on=dt.date(2026, 1, 1))


def test_rename_only_villages(tree, personas):
    with pytest.raises(DomainError, match="danh mục quốc gia"):
        services.rename_unit(actor=personas["admin"], unit=tree.commune, name="Khác")
    services.rename_unit(actor=personas["commune_official"], unit=tree.village, name="Tổ dân phố Một")
    tree.village.refresh_from_db()
    assert tree.village.name_key == "to dan pho mot"


def test_a_refused_rename_leaves_the_unit_as_it_was(tree, personas):
    other = services.create_village(actor=personas["commune_official"], commune=tree.commune, name="Tổ 2")
    with pytest.raises(DomainError, match="Đã có"):
        services.rename_unit(actor=personas["commune_official"], unit=other, name="tổ dân phố 1")
    assert other.name == "Tổ 2"  # the caller's object too, not only the database
    other.refresh_from_db()
    assert other.name == "Tổ 2"


def test_refusals_name_the_field_in_english(tree, personas):
    """An English reader gets the field's English name; the error is attached to the form's field."""
    actor = personas["commune_official"]
    with translation.override("en"):
        cases = [
            (
                lambda: services.create_household(actor=actor, village=tree.village, number="0\x003"),
                "The field “Household no.” contains invalid characters.",
                "number",
            ),
            (
                lambda: services.add_resident(actor=actor, household=tree.h1, full_name="A", phone="0" * 21),
                "The field “Phone” is longer than 20 characters.",
                "phone",
            ),
            (
                lambda: services.create_agency(
                    actor=actor, unit=tree.commune, name="\u200b", kind="chuyen_mon"
                ),
                "The field “Agency name” is required.",
                "name",
            ),
        ]
        for call, message, field in cases:
            with pytest.raises(DomainError) as refused:
                call()
            assert (refused.value.message, refused.value.field) == (message, field)
        with pytest.raises(Http404, match=r"^The requested household was not found\.$"):
            selectors.access_household(
                actor=actor, household_id="not-a-number", perm=CorePerm.VIEW_HOUSEHOLDS
            )
    assert not AuditEntry.objects.exists()
