from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404
from django.utils import translation

from danchu.core.errors import DomainError, PermissionDeniedError
from danchu.core.models import AuditEntry
from danchu.plans import selectors, services
from danchu.plans.models import AssignmentRole, Plan, PlanStatus
from danchu.plans.permissions import PlanPerm
from danchu.units.models import Agency, AgencyKind

from .samples import as_docx, text_of

pytestmark = pytest.mark.django_db


def _import(actor, unit, name="ward-chanh-lo-2023"):
    return services.import_plan(actor=actor, unit=unit, file_name=f"{name}.txt", data=text_of(name).encode())


def test_import_keeps_a_draft_with_every_part(tree, personas):
    Agency.objects.create(
        unit=tree.commune,
        name="Văn phòng HĐND và UBND phường",
        short_name="VP",
        name_key="van phong hdnd va ubnd phuong",
        kind=AgencyKind.SECTION,
    )
    Agency.objects.create(unit=tree.commune, name="Tư pháp", name_key="tu phap", kind=AgencyKind.SECTION)
    plan = _import(personas["commune_official"], tree.commune)
    assert plan.status == PlanStatus.DRAFT and plan.symbol == "KH-UBND" and plan.number == ""
    assert (plan.year, plan.date_partial, plan.issued_on) == (2023, "2023-03", None)
    assert [s.label for s in plan.sections.all()] == ["I", "II", "III"]
    assert plan.items.count() == 15 and plan.directives.count() == 3 and plan.legal_bases.count() == 8
    item = plan.items.get(path="II.1")
    assert item.due_on == dt.date(2023, 12, 31)  # "Trong năm 2023": due at the end of the year
    lead = item.assignments.get(role=AssignmentRole.LEAD)
    assert lead.name == "Bộ phận Tư pháp phường" and lead.agency is not None and lead.agency.name == "Tư pháp"
    assert "Bộ phận Văn hóa - Thông tin phường" in selectors.unmatched_agency_names(plan)
    assert plan.source_file.name.endswith(".txt") and "KẾ HOẠCH" in plan.source_text
    assert AuditEntry.objects.get(action="plans.plan.import").object_id == str(plan.pk)


def test_a_bad_file_saves_nothing(tree, personas):
    with pytest.raises(DomainError, match="không phải một kế hoạch"):
        services.import_plan(
            actor=personas["commune_official"],
            unit=tree.commune,
            file_name="a.txt",
            data="Thông báo lịch họp.".encode(),
        )
    with pytest.raises(DomainError, match="Không hỗ trợ"):
        services.import_plan(
            actor=personas["commune_official"], unit=tree.commune, file_name="a.xlsx", data=b"x"
        )
    assert not Plan.objects.exists() and not AuditEntry.objects.exists()


def test_only_managers_of_the_unit_import(tree, personas):
    for persona in ("sibling_official", "village_head", "oversight_member", "citizen"):
        with pytest.raises(PermissionDeniedError):
            _import(personas[persona], tree.commune)
    assert not Plan.objects.exists()


def test_docx_import(tree, personas):
    plan = services.import_plan(
        actor=personas["province_official"],
        unit=tree.province,
        file_name="kh.docx",
        data=as_docx("province-quang-ngai-2023"),
    )
    assert (plan.number, plan.issued_on) == ("30", dt.date(2023, 2, 17))
    assert plan.number_display == "30/KH-UBND"
    assert [d.kind for d in plan.directives.all()] == [
        "plan",
        "report_6m",
        "report_annual",
        "model_registration",
        "other",
    ]


def test_correct_and_issue(tree, personas):
    actor = personas["commune_official"]
    plan = _import(actor, tree.commune)
    with pytest.raises(DomainError, match="ngày ban hành"):
        services.issue_plan(actor=actor, plan=plan)
    with pytest.raises(DomainError, match="Năm của kế hoạch"):
        services.correct_plan(
            actor=actor,
            plan=plan,
            number="15",
            symbol="KH-UBND",
            title=plan.title,
            place="Chánh Lộ",
            issued_on=dt.date(2024, 3, 20),
            year=2023,
            signer_title="CHỦ TỊCH",
            signer_name="Lê Việt Dũng",
        )
    services.correct_plan(
        actor=actor,
        plan=plan,
        number="15",
        symbol="KH-UBND",
        title=plan.title,
        place="Chánh Lộ",
        issued_on=dt.date(2023, 3, 16),
        year=2023,
        signer_title="CHỦ TỊCH",
        signer_name="Lê Việt Dũng",
    )
    item = plan.items.get(path="II.8")
    services.correct_item(
        actor=actor,
        item=item,
        heading="Hương ước, quy ước",
        timeframe_text="Quý II/2023",
        due_on=None,
        lead=["Văn hóa - Thông tin phường"],
        implementing=[],
        coordinating=["Mặt trận phường"],
    )
    item.refresh_from_db()
    assert item.due_on == dt.date(2023, 6, 30)
    assert [a.role for a in item.assignments.all()] == ["coordinating", "lead"]
    services.issue_plan(actor=actor, plan=plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ISSUED and plan.issued_by == actor
    with pytest.raises(DomainError, match="đã ban hành"):
        services.correct_item(
            actor=actor,
            item=item,
            heading="",
            timeframe_text="",
            due_on=None,
            lead=[],
            implementing=[],
            coordinating=[],
        )
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["plans.plan.import", "plans.plan.correct", "plans.item.correct", "plans.plan.issue"]


def test_proposed_agencies_are_created_and_linked(tree, personas):
    actor = personas["commune_official"]
    plan = _import(actor, tree.commune)
    name = "Bộ phận Văn hóa - Thông tin phường"
    assert name in selectors.unmatched_agency_names(plan)
    created = services.create_proposed_agencies(actor=actor, plan=plan, names=[name, "Không có ở đây"])
    assert [agency.name for agency in created] == [name]
    assert Agency.objects.filter(unit=tree.commune, name=name).exists()
    assert name not in selectors.unmatched_agency_names(plan)
    # A second request for the same names (a double click) finds them matched and creates nothing.
    assert services.create_proposed_agencies(actor=actor, plan=plan, names=[name]) == []


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Trong năm 2023", dt.date(2023, 12, 31)),
        ("Quý I", dt.date(2023, 3, 31)),
        ("Tháng 6/2023", dt.date(2023, 6, 30)),
        ("trước ngày 15/3/2023", dt.date(2023, 3, 15)),
        ("Thường xuyên", dt.date(2023, 12, 31)),
        ("trước ngày 31/02", dt.date(2023, 12, 31)),
    ],
)
def test_due_from_timeframe(text, due):
    assert services.due_from_timeframe(text, 2023) == due


def test_legal_bases_keep_date_and_issuer_and_purposes_are_kept(tree, personas):
    plan = _import(personas["commune_official"], tree.commune)
    first = plan.legal_bases.get(order=0)
    assert (first.doc_type, first.number, first.issued_on, first.issuer) == (
        "Kế hoạch",
        "52/KH-UBND",
        dt.date(2023, 3, 14),
        "UBND thành phố Quảng Ngãi",
    )
    assert plan.purposes.startswith("1. Nhằm nâng cao nhận thức")


def test_close_a_plan(tree, personas):
    actor = personas["commune_official"]
    plan = _import(actor, tree.commune)
    with pytest.raises(DomainError, match="đang thực hiện"):
        services.close_plan(actor=actor, plan=plan, note="x")
    plan.issued_on = dt.date(2023, 3, 16)
    plan.save()
    services.issue_plan(actor=actor, plan=plan)
    with pytest.raises(DomainError, match="không được để trống"):
        services.close_plan(actor=actor, plan=plan, note="  ")
    services.close_plan(actor=actor, plan=plan, note="Hoàn thành 14/15 nội dung.")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CLOSED and plan.closing_note.startswith("Hoàn thành")
    with pytest.raises(PermissionDeniedError):
        services.close_plan(actor=personas["sibling_official"], plan=plan, note="x")


@pytest.mark.parametrize("year", [1, 2021, 2101, 99999999])
def test_a_plan_year_outside_the_law_s_years_is_refused(tree, personas, year):
    actor = personas["commune_official"]
    plan = _import(actor, tree.commune)
    with pytest.raises(DomainError, match="Năm của kế hoạch phải từ 2022 đến 2100"):
        services.correct_plan(
            actor=actor,
            plan=plan,
            number="",
            symbol="KH-UBND",
            title="Kế hoạch",
            place="",
            issued_on=None,
            year=year,
            signer_title="",
            signer_name="",
        )
    text = text_of("ward-chanh-lo-2023").replace("năm 2023", f"năm {year}")
    with pytest.raises(DomainError, match=r"(?i)năm của kế hoạch"):
        services.import_plan(actor=actor, unit=tree.commune, file_name="kh.txt", data=text.encode())
    assert Plan.objects.count() == 1


def test_refusals_name_the_field_in_english(tree, personas):
    """An English reader gets the field's English name, and the error is attached to the form's field."""
    actor = personas["commune_official"]
    plan = _import(actor, tree.commune)
    fields = dict(number="15", symbol="KH-UBND", place="", issued_on=None, year=2023, signer_title="")
    item = plan.items.get(path="II.8")
    with translation.override("en"):
        with pytest.raises(DomainError) as refused:
            services.correct_plan(actor=actor, plan=plan, title="\u200b ", signer_name="", **fields)
        assert (refused.value.message, refused.value.field) == ("The field “Summary” is required.", "title")
        with pytest.raises(DomainError) as refused:
            services.correct_item(
                actor=actor, item=item, heading="", timeframe_text="", due_on=None,
                lead=["x" * 301], implementing=[], coordinating=[],
            )  # fmt: skip
        assert (refused.value.message, refused.value.field) == (
            "The field “Agency” is longer than 300 characters.",
            "lead",
        )
        with pytest.raises(Http404, match=r"^The requested plan was not found\.$"):
            selectors.access_plan(actor=actor, plan_id=plan.pk + 10**9, perm=PlanPerm.VIEW)
    assert AuditEntry.objects.filter(action__in=["plans.plan.correct", "plans.item.correct"]).count() == 0
