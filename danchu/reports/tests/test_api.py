from __future__ import annotations

import json

from danchu.core.models import AuditEntry
from danchu.reports.models import DataValue, Submission

from .conftest import at


def test_api_fill_submit_return_approve_and_rollup(tree, personas, regime, login):
    report = Submission.objects.get(regime=regime, unit=tree.commune)
    with at(2026, 6, 16):
        commune = login(personas["commune_official"])
        bad = commune.put(
            f"/api/v1/reports/{report.pk}/values",
            data=json.dumps({"values": {"MC_RECEIVED": "x", "MC_EARLY": 3, "QCDC_SATISFACTION": [9, 0]}}),
            content_type="application/json",
        )
        assert bad.status_code == 400
        assert set(bad.json()["errors"]) == {"MC_RECEIVED", "QCDC_SATISFACTION"}
        assert not DataValue.objects.filter(submission=report).exists()
        ok = commune.put(
            f"/api/v1/reports/{report.pk}/values",
            data=json.dumps({"values": {"MC_RECEIVED": 12, "QCDC_SATISFACTION": [9, 10]}}),
            content_type="application/json",
        )
        assert ok.status_code == 200 and ok.json()["values"]["MC_RECEIVED"]["number"] == "12.0000"
        assert commune.post(f"/api/v1/reports/{report.pk}/submit").json()["status"] == "submitted"
        assert (
            commune.post(
                f"/api/v1/reports/{report.pk}/approve", data="{}", content_type="application/json"
            ).status_code
            == 403
        )
    with at(2026, 6, 16, 15):
        province = login(personas["province_official"])
        back = province.post(
            f"/api/v1/reports/{report.pk}/return",
            data=json.dumps({"comment": "Sửa lại"}),
            content_type="application/json",
        )
        assert back.json()["status"] == "returned"
    with at(2026, 6, 17):
        again = login(personas["commune_official"]).post(f"/api/v1/reports/{report.pk}/submit")
        assert again.json()["status"] == "submitted"
    with at(2026, 6, 17, 15):
        province = login(personas["province_official"])
        assert (
            province.post(
                f"/api/v1/reports/{report.pk}/approve", data="{}", content_type="application/json"
            ).json()["status"]
            == "approved"
        )
        pivot = province.get(f"/api/v1/report-regimes/{regime.pk}/periods/2026S1/rollup").json()
        column = pivot["indicators"].index("QCDC_SATISFACTION")
        assert pivot["total"][column] == "90.00"
        done = province.get(f"/api/v1/report-regimes/{regime.pk}/periods/2026S1/completeness").json()
        assert (done["expected"], done["approved"], done["missing"]) == (2, 1, 1)
        assert done["missing_units"][0]["unit"] == "Xã Nam Chính"
        values = province.get(f"/api/v1/report-regimes/{regime.pk}/periods/2026S1/dataValueSets").json()
        assert values["idScheme"] == "CODE" and len(values["dataValues"]) == 3
        assert AuditEntry.objects.filter(action="reports.submission.approve").count() == 1
        sibling = login(personas["sibling_official"])
        assert sibling.get(f"/api/v1/reports/{report.pk}").status_code == 403
        assert sibling.get(f"/api/v1/report-regimes/{regime.pk}/periods/2026S1/rollup").status_code == 403


def test_api_creates_a_regime_and_refuses_bad_ones(tree, personas, login):
    payload = {
        "name": "Thống kê một cửa hằng tháng",
        "frequency": "monthly",
        "reporter_tiers": [3],
        "indicators": ["MC_RECEIVED", "MC_ON_TIME"],
        "starts_on": "2026-01-01",
    }
    with at(2026, 3, 20):
        client = login(personas["province_official"])
        created = client.post(
            f"/api/v1/units/{tree.province.pk}/report-regimes",
            data=json.dumps(payload),
            content_type="application/json",
        )
        assert created.status_code == 201, created.content
        assert (
            Submission.objects.filter(regime_id=created.json()["id"]).values("period").distinct().count() == 4
        )
        bad = client.post(
            f"/api/v1/units/{tree.province.pk}/report-regimes",
            data=json.dumps({**payload, "frequency": "weekly"}),
            content_type="application/json",
        )
        assert bad.status_code == 400 and "Tần suất" in bad.json()["detail"]
        denied = login(personas["commune_official"]).post(
            f"/api/v1/units/{tree.province.pk}/report-regimes",
            data=json.dumps(payload),
            content_type="application/json",
        )
        assert denied.status_code == 403


def test_a_province_adds_its_own_indicator(tree, personas, login):
    client = login(personas["province_official"])
    payload = {"code": "qn_zalo", "name": "Nhóm Zalo khu dân cư", "kind": "integer", "aggregation": "sum",
               "citation": "Kế hoạch phường Bãi Cháy 2024"}  # fmt: skip
    created = client.post(
        f"/api/v1/units/{tree.province.pk}/report-indicators",
        data=json.dumps(payload),
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["code"] == "QN_ZALO"
    wrong = {**payload, "code": "QN_RATE", "kind": "percent", "aggregation": "sum"}
    refused = client.post(
        f"/api/v1/units/{tree.province.pk}/report-indicators",
        data=json.dumps(wrong),
        content_type="application/json",
    )
    assert refused.status_code == 400 and "tỷ lệ" in refused.json()["detail"]
    assert AuditEntry.objects.filter(action="reports.indicator.create").count() == 1
