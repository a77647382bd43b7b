"""The edges of reports hold: the door before any validation, bounded input, text cells that stay text,
refused writes that leave nothing behind, and pages whose query count does not grow with the data."""

from __future__ import annotations

import datetime as dt
import json
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from conftest import make_unit
from danchu.core.models import AuditEntry
from danchu.core.spreadsheet import append_row, safe_cell, unsafe_cell
from danchu.plans.models import Directive, DirectiveKind, Plan, PlanStatus
from danchu.reports import services
from danchu.reports.models import DataValue, RegimePeriod, ReportRegime, Submission
from danchu.units.models import Tier, UnitKind

from .conftest import at

FORMULA = '=HYPERLINK("http://x","y")'


@pytest.fixture
def directive(tree):
    plan = Plan.objects.create(
        unit=tree.province, year=2026, title="KH", status=PlanStatus.ISSUED, cascade_tiers=[Tier.COMMUNE]
    )
    return Directive.objects.create(
        plan=plan, order=1, kind=DirectiveKind.REPORT_6M, due_on=dt.date(2026, 5, 11), due_text="trước 11/5"
    )


def _audit_count() -> int:
    return AuditEntry.objects.count()


# --- The door before validation --------------------------------------------------------------------------


def test_a_sibling_commune_is_refused_a_regime_from_a_directive_without_learning_its_state(
    personas, directive, login
):
    Directive.objects.filter(pk=directive.pk).update(due_on=None)  # would be a 400 "no deadline"
    before = _audit_count()
    response = login(personas["sibling_official"]).post(f"/api/v1/directives/{directive.pk}/report-regime")
    assert response.status_code == 403
    assert "hạn" not in response.json()["detail"]
    assert not ReportRegime.objects.exists() and _audit_count() == before


def test_an_unknown_directive_or_receiving_agency_is_a_404(tree, personas, login):
    client = login(personas["province_official"])
    assert client.post("/api/v1/directives/999999/report-regime").status_code == 404
    payload = {
        "name": "Báo cáo",
        "frequency": "monthly",
        "reporter_tiers": [Tier.COMMUNE],
        "indicators": ["MC_RECEIVED"],
        "starts_on": "2026-01-01",
        "receiver_agency_id": 999999,
    }
    response = client.post(
        f"/api/v1/units/{tree.province.pk}/report-regimes",
        data=json.dumps(payload),
        content_type="application/json",
    )
    assert response.status_code == 404 and not ReportRegime.objects.exists()


def test_an_agency_out_of_scope_is_a_403_not_a_hint(tree, personas, login):
    payload = {
        "name": "Báo cáo",
        "frequency": "monthly",
        "reporter_tiers": [Tier.VILLAGE],
        "indicators": ["MC_RECEIVED"],
        "starts_on": "2026-01-01",
        "receiver_agency_id": tree.sibling_agency.pk,
    }
    response = login(personas["commune_official"]).post(
        f"/api/v1/units/{tree.commune.pk}/report-regimes",
        data=json.dumps(payload),
        content_type="application/json",
    )
    assert response.status_code == 403 and not ReportRegime.objects.exists()


# --- Refused writes leave nothing behind -----------------------------------------------------------------


def test_open_period_is_refused_to_the_commune_and_changes_nothing(tree, personas, login):
    with at(2026, 1, 10):
        regime = services.create_regime(
            actor=personas["province_official"],
            unit=tree.province,
            name="Báo cáo chuyên đề",
            frequency="ad_hoc",
            reporter_tiers=[Tier.COMMUNE],
            indicator_codes=["MC_RECEIVED"],
            starts_on=dt.date(2026, 1, 1),
        )
    before = _audit_count()
    for persona in ("commune_official", "sibling_official", "village_head", "citizen"):
        response = login(personas[persona]).post(
            f"/bao-cao/{regime.pk}/mo-ky/", {"window_end": "30/06/2026", "due_on": "10/07/2026"}
        )
        assert response.status_code == 403, persona
    assert not RegimePeriod.objects.filter(regime=regime).exists()
    assert not Submission.objects.filter(regime=regime).exists() and _audit_count() == before


def test_from_directive_is_refused_outside_the_issuer_and_changes_nothing(personas, directive, login):
    before = _audit_count()
    for persona in ("commune_official", "sibling_official", "oversight_member", "citizen"):
        response = login(personas[persona]).post(f"/bao-cao/tu-ke-hoach/{directive.plan_id}/{directive.pk}/")
        assert response.status_code == 403, persona
    assert not ReportRegime.objects.exists() and _audit_count() == before


def test_from_directive_of_another_plan_is_a_404(personas, directive, login):
    response = login(personas["province_official"]).post(f"/bao-cao/tu-ke-hoach/999999/{directive.pk}/")
    assert response.status_code == 404 and not ReportRegime.objects.exists()


@pytest.mark.parametrize("action", ["return", "approve", "unlock"])
def test_review_is_refused_to_the_reporting_unit_itself(tree, personas, regime, login, action):
    report = Submission.objects.get(regime=regime, unit=tree.commune)
    before = _audit_count()
    response = login(personas["commune_official"]).post(
        f"/bao-cao/nop/{report.pk}/{action}/", {"comment": "x", "until": "30/06/2026", "reason": "x"}
    )
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == "draft" and not report.lock_exceptions.exists() and _audit_count() == before


def test_filling_in_is_refused_to_the_sibling_and_changes_nothing(tree, personas, regime, login):
    report = Submission.objects.get(regime=regime, unit=tree.commune)
    before = _audit_count()
    response = login(personas["sibling_official"]).post(
        f"/bao-cao/nop/{report.pk}/", {"v_MC_RECEIVED": "5", "action": "submit"}
    )
    assert response.status_code == 403
    assert not DataValue.objects.filter(submission=report).exists() and _audit_count() == before


def test_import_is_refused_for_units_out_of_scope(tree, personas, regime, login):
    book = Workbook()
    sheet = book.active
    sheet.append(["Mã đơn vị", "Tên đơn vị", "MC_RECEIVED"])
    sheet.append([tree.sibling.code, tree.sibling.name, 5])
    out = BytesIO()
    book.save(out)
    before = _audit_count()
    with at(2026, 6, 16):
        response = login(personas["commune_official"]).post(
            f"/bao-cao/{regime.pk}/nhap-so-lieu/",
            {"period": "2026S1", "file": SimpleUploadedFile("a.xlsx", out.getvalue())},
            follow=True,
        )
    assert "ngoài phạm vi" in response.text
    assert not DataValue.objects.exists() and _audit_count() == before


# --- Bounded input --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "period", ["x", "2026Q5", "202613", "99999S1", "1900", "20260231", "2026S1;DROP", "2026W1"]
)
def test_a_malformed_period_is_a_400_with_a_message(personas, regime, login, period):
    client = login(personas["province_official"])
    for tail in ("completeness", "rollup", "dataValueSets"):
        response = client.get(f"/api/v1/report-regimes/{regime.pk}/periods/{period}/{tail}")
        assert response.status_code == 400, (tail, response.content)
        assert "Kỳ báo cáo" in response.json()["detail"]
    response = client.post(
        f"/api/v1/report-regimes/{regime.pk}/periods/{period}/dataValueSets",
        data="{}",
        content_type="application/json",
    )
    assert response.status_code == 400


@pytest.mark.parametrize("period", ["202606", "2026Q2", "2026S1", "2026NM", "2026", "20260615"])
def test_the_period_ids_the_app_uses_are_accepted(personas, regime, login, period):
    client = login(personas["province_official"])
    assert client.get(f"/api/v1/report-regimes/{regime.pk}/periods/{period}/completeness").status_code == 200


# A body that is no object is refused by the endpoint (400); an object whose "values" is no mapping by the
# schema (422).
@pytest.mark.parametrize(
    ("body", "status"),
    [("null", 400), ("[]", 400), ('"x"', 400), ('{"values": null}', 422), ('{"values": [1, 2]}', 422)],
)
def test_values_without_a_mapping_are_refused_with_a_message(tree, personas, regime, login, body, status):
    report = Submission.objects.get(regime=regime, unit=tree.commune)
    with at(2026, 6, 16):
        response = login(personas["commune_official"]).put(
            f"/api/v1/reports/{report.pk}/values", data=body, content_type="application/json"
        )
    assert response.status_code == status, response.content
    assert response.json()["detail"]
    assert not DataValue.objects.exists()


def test_a_value_of_three_parts_is_a_400_not_a_500(tree, personas, regime, login):
    report = Submission.objects.get(regime=regime, unit=tree.commune)
    with at(2026, 6, 16):
        response = login(personas["commune_official"]).put(
            f"/api/v1/reports/{report.pk}/values",
            data=json.dumps({"values": {"QCDC_SATISFACTION": [1, 2, 3]}}),
            content_type="application/json",
        )
    assert response.status_code == 400 and "QCDC_SATISFACTION" in response.json()["errors"]


# --- Text cells stay text ------------------------------------------------------------------------------


def test_safe_cell_quotes_what_a_spreadsheet_would_run_and_nothing_else():
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"):
        assert safe_cell(text) == "'" + text and unsafe_cell(safe_cell(text)) == text
    for value in ("Xã Nam Chính", "", 12, -5, 1.5, None, "'quoted"):
        assert safe_cell(value) == value
    book = Workbook()
    append_row(book.active, [FORMULA, -5, 3.5, "Thôn Đông"])
    out = BytesIO()
    book.save(out)
    cells = list(load_workbook(BytesIO(out.getvalue())).active[1])
    assert [c.data_type for c in cells] == ["s", "n", "n", "s"]
    assert cells[0].value == FORMULA and cells[1].value == -5


def test_a_unit_named_like_a_formula_is_plain_text_in_the_entry_sheet_and_round_trips(
    tree, personas, regime, login
):
    hostile = make_unit(FORMULA, UnitKind.COMMUNE, tree.province, code="21177")
    services.open_due_periods(dt.date(2026, 6, 10))
    client = login(personas["province_official"])
    with at(2026, 6, 16):
        content = client.get(f"/bao-cao/{regime.pk}/ky/2026S1/mau-nhap.xlsx").content
    sheet = load_workbook(BytesIO(content)).active
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == hostile.code)
    assert row[1].value == FORMULA and row[1].data_type != "f"
    assert all(c.data_type != "f" for r in sheet.iter_rows() for c in r)
    # The sheet as downloaded, filled in and sent back, is read as written.
    book = load_workbook(BytesIO(content))
    ws = book.active
    column = [c.value for c in ws[1]].index("MC_RECEIVED") + 1
    for r in range(2, ws.max_row + 1):
        ws.cell(row=r, column=column, value=7)
    out = BytesIO()
    book.save(out)
    with at(2026, 6, 16):
        response = client.post(
            f"/bao-cao/{regime.pk}/nhap-so-lieu/",
            {"period": "2026S1", "file": SimpleUploadedFile("mau.xlsx", out.getvalue())},
            follow=True,
        )
    assert "Đã nhập 3 số liệu của 3 đơn vị" in response.text
    assert DataValue.objects.get(submission__unit=hostile, indicator__code="MC_RECEIVED").number == 7


def test_a_unit_named_like_a_formula_is_plain_text_in_the_rollup_download(tree, personas, regime, login):
    tree.commune.name = FORMULA
    tree.commune.save(update_fields=["name"])
    client = login(personas["province_official"])
    content = client.get(f"/bao-cao/{regime.pk}/ky/2026S1/tong-hop/?tai-ve=xlsx").content
    sheet = load_workbook(BytesIO(content)).active
    names = [(r[1].value, r[1].data_type) for r in sheet.iter_rows(min_row=3)]
    assert (FORMULA, "s") in names
    assert all(c.data_type != "f" for r in sheet.iter_rows() for c in r)


# --- Constant query counts --------------------------------------------------------------------------


def _monthly(tree, personas, months: int) -> ReportRegime:
    with at(2026, 1, 10):
        regime = services.create_regime(
            actor=personas["province_official"],
            unit=tree.province,
            name=f"Báo cáo tháng {months}",
            frequency="monthly",
            reporter_tiers=[Tier.COMMUNE],
            indicator_codes=["MC_RECEIVED"],
            starts_on=dt.date(2025, 13 - months, 1) if months <= 12 else dt.date(2025, 1, 1),
            cutoff_day=1,
        )
    return regime


def test_the_regime_page_query_count_does_not_grow_with_its_periods(
    tree, personas, login, django_assert_num_queries
):
    few, many = _monthly(tree, personas, 1), _monthly(tree, personas, 11)
    few_periods = Submission.objects.filter(regime=few).values("period").distinct().count()
    many_periods = Submission.objects.filter(regime=many).values("period").distinct().count()
    assert (few_periods, many_periods) == (2, 12)
    client = login(personas["province_official"])
    client.get(f"/bao-cao/{few.pk}/")  # warm the session
    counts = []
    for regime in (few, many):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/bao-cao/{regime.pk}/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def _more_communes(tree, n: int) -> None:
    for i in range(n):
        make_unit(f"Xã thêm {i}", UnitKind.COMMUNE, tree.province, code=f"4{i:04d}")
    services.open_due_periods(dt.date(2026, 6, 10))


@pytest.mark.parametrize(
    "page",
    [
        "/bao-cao/don-vi/{province}/",
        "/bao-cao/don-vi/{commune}/",
        "/bao-cao/{regime}/",
        "/bao-cao/{regime}/bang-mau/",
        "/bao-cao/{regime}/ky/2026S1/",
        "/bao-cao/{regime}/ky/2026S1/?xem=tat-ca",
        "/bao-cao/{regime}/ky/2026S1/tong-hop/",
    ],
)
def test_report_lists_keep_their_query_count_as_units_are_added(tree, personas, regime, login, page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = page.format(province=tree.province.pk, commune=tree.commune.pk, regime=regime.pk)
    client = login(personas["province_official"])
    client.get(url)  # warm the session and the rulebook
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _more_communes(tree, 12)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small), url


@pytest.mark.parametrize(
    "change",
    [
        {"starts_on": "0001-01-01"},
        {"starts_on": "9999-12-31"},
        {"ends_on": "9999-12-31"},
        {"due_working_days": 10**12},
        {"expiry_days": 10**12},
        {"cutoff_day": -(10**12)},
    ],
)
def test_a_regime_with_dates_or_numbers_out_of_bounds_is_a_400(tree, personas, login, change):
    payload = {
        "name": "Báo cáo",
        "frequency": "quarterly",
        "reporter_tiers": [Tier.COMMUNE],
        "indicators": ["MC_RECEIVED"],
        "starts_on": "2026-01-01",
        **change,
    }
    with at(2026, 1, 10):
        response = login(personas["province_official"]).post(
            f"/api/v1/units/{tree.province.pk}/report-regimes",
            data=json.dumps(payload),
            content_type="application/json",
        )
    assert response.status_code == 400, response.content
    assert response.json()["detail"] and not ReportRegime.objects.exists()
