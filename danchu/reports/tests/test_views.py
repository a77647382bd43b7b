from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danchu.reports import interchange, services
from danchu.reports.models import DataValue, Submission, SubmissionStatus

from .conftest import at


@pytest.fixture
def report(tree, regime):
    return Submission.objects.get(regime=regime, unit=tree.commune)


def test_commune_fills_and_sends_then_province_reviews(tree, personas, regime, report, login):
    with at(2026, 6, 16):
        client = login(personas["commune_official"])
        page = client.get(f"/bao-cao/nop/{report.pk}/")
        assert page.status_code == 200 and "MC_RECEIVED" in page.text
        assert "kế hoạch và nhiệm vụ trên hệ thống; thông tin công khai trên hệ thống" in page.text
        bad = client.post(
            f"/bao-cao/nop/{report.pk}/", {"v_MC_RECEIVED": "mười", "v_MC_ONLINE": "3", "action": "save"}
        )
        assert bad.status_code == 400 and "không phải một số nguyên" in bad.text
        assert not DataValue.objects.filter(submission=report).exists()
        sent = client.post(
            f"/bao-cao/nop/{report.pk}/",
            {
                "v_MC_RECEIVED": "1.250",
                "v_MC_ONLINE": "300",
                "n_0": "Đã tổ chức 4 hội nghị.",
                "action": "submit",
            },
        )
        assert sent.status_code == 302
        report.refresh_from_db()
        assert (
            report.status == SubmissionStatus.SUBMITTED and report.narrative["0"] == "Đã tổ chức 4 hội nghị."
        )
        assert client.post(f"/bao-cao/nop/{report.pk}/approve/").status_code == 403
    with at(2026, 6, 17):
        province = login(personas["province_official"])
        province.post(f"/bao-cao/nop/{report.pk}/return/", {"comment": "Bổ sung số liệu đối thoại."})
        report.refresh_from_db()
        assert report.status == SubmissionStatus.RETURNED
        page = login(personas["commune_official"]).get(f"/bao-cao/nop/{report.pk}/")
    assert "Bổ sung số liệu đối thoại." in page.text


def test_pages_of_regime_completeness_rollup_and_downloads(tree, personas, regime, report, login):
    with at(2026, 6, 16):
        services.save_values(
            actor=personas["commune_official"], submission=report, values={"MC_RECEIVED": "40"}
        )
        services.submit(actor=personas["commune_official"], submission=report)
    client = login(personas["province_official"])
    assert "6 tháng đầu năm 2026" in client.get(f"/bao-cao/{regime.pk}/").text
    page = client.get(f"/bao-cao/{regime.pk}/ky/2026S1/")
    assert page.status_code == 200 and "Xã Nam Chính" in page.text  # the missing one
    own = client.get(f"/bao-cao/{regime.pk}/ky/2026S1/?don-vi={tree.commune.pk}&xem=tat-ca")
    assert own.status_code == 200 and "Phường Chánh Lộ" in own.text
    rollup = client.get(f"/bao-cao/{regime.pk}/ky/2026S1/tong-hop/?chi-tieu=MC_RECEIVED")
    assert rollup.status_code == 200 and "<svg" in rollup.text and ">40<" in rollup.text
    xlsx = client.get(f"/bao-cao/{regime.pk}/ky/2026S1/tong-hop/?tai-ve=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(f"/bao-cao/{regime.pk}/bang-mau/").status_code == 200
    for kind in ("docx", "pdf"):
        assert client.get(f"/bao-cao/nop/{report.pk}/tai-ve/{kind}").status_code == 200
    data = json.loads(client.get(f"/bao-cao/{regime.pk}/ky/2026S1/dhis2.json").content)
    assert {"dataElement": "MC_RECEIVED", "period": "2026S1", "orgUnit": "21100", "value": "40"} in data[
        "dataValues"
    ]
    assert client.get(f"/bao-cao/{regime.pk}/ky/2030S1/").status_code == 404
    # a unit outside the regime's tree is not one of its nodes, whoever asks
    assert client.get(f"/bao-cao/{regime.pk}/ky/2026S1/?don-vi={tree.other_province.pk}").status_code == 404


def test_sibling_sees_neither_the_report_nor_the_rollup_of_its_neighbour(
    tree, personas, regime, report, login
):
    client = login(personas["sibling_official"])
    assert client.get(f"/bao-cao/nop/{report.pk}/").status_code == 403
    assert client.get(f"/bao-cao/{regime.pk}/ky/2026S1/?don-vi={tree.commune.pk}").status_code == 403
    assert client.get(f"/bao-cao/{regime.pk}/").status_code == 200  # the province's regime is addressed to it


def test_dhis2_round_trip_and_all_or_nothing_import(tree, personas, regime, report):
    province = personas["province_official"]
    with at(2026, 6, 16):
        services.save_values(
            actor=province, submission=report, values={"MC_RECEIVED": "40", "QCDC_SATISFACTION": ("45", "50")}
        )
        services.submit(actor=province, submission=report)
        document = interchange.export_dhis2(regime, "2026S1")
        # Moved to the sibling commune and re-imported: the same figures arrive.
        for item in document["dataValues"]:
            item["orgUnit"] = "21101"
        sibling = Submission.objects.get(regime=regime, unit=tree.sibling)
        result = interchange.import_file(
            actor=province,
            regime=regime,
            period="2026S1",
            file_name="x.json",
            data=json.dumps(document).encode(),
        )
    assert (result.reports, result.values) == (1, 2)
    values = {
        v.indicator.code: (v.number, v.denominator) for v in DataValue.objects.filter(submission=sibling)
    }
    assert values == {"MC_RECEIVED": (40, None), "QCDC_SATISFACTION": (45, 50)}
    bad = {
        "dataValues": [
            {"dataElement": "MC_RECEIVED", "period": "2026S1", "orgUnit": "21101", "value": "41"},
            {"dataElement": "NOPE", "period": "2026S1", "orgUnit": "21101", "value": "1"},
            {"dataElement": "MC_RECEIVED", "period": "2026S1", "orgUnit": "99999", "value": "1"},
            {"dataElement": "MC_RECEIVED", "period": "2025S1", "orgUnit": "21101", "value": "1"},
        ]
    }
    with at(2026, 6, 17), pytest.raises(interchange.ValuesError) as caught:
        interchange.import_file(
            actor=province, regime=regime, period="2026S1", file_name="x.json", data=json.dumps(bad).encode()
        )
    assert len(caught.value.errors) == 1 and "dòng 4" in caught.value.errors  # the period is checked first
    bad["dataValues"].pop()
    with at(2026, 6, 17), pytest.raises(interchange.ValuesError) as caught:
        interchange.import_file(
            actor=province, regime=regime, period="2026S1", file_name="x.json", data=json.dumps(bad).encode()
        )
    assert len(caught.value.errors) == 2
    assert DataValue.objects.get(submission=sibling, indicator__code="MC_RECEIVED").number == 40  # untouched


def test_xlsx_entry_sheet_round_trip_through_the_page(tree, personas, regime, login):
    from io import BytesIO

    from openpyxl import load_workbook

    with at(2026, 6, 16):
        client = login(personas["province_official"])
        sheet = client.get(f"/bao-cao/{regime.pk}/ky/2026S1/mau-nhap.xlsx").content
        book = load_workbook(BytesIO(sheet))
        ws = book.active
        header = [c.value for c in ws[1]]
        column = header.index("MC_RECEIVED") + 1
        for row in range(2, ws.max_row + 1):
            ws.cell(row=row, column=column, value=row * 10)
        out = BytesIO()
        book.save(out)
        upload = SimpleUploadedFile("so-lieu.xlsx", out.getvalue())
        response = client.post(
            f"/bao-cao/{regime.pk}/nhap-so-lieu/", {"period": "2026S1", "file": upload}, follow=True
        )
        assert "Đã nhập 2 số liệu của 2 đơn vị" in response.text
        wrong = SimpleUploadedFile("so-lieu.xlsx", b"not a workbook")
        response = client.post(
            f"/bao-cao/{regime.pk}/nhap-so-lieu/", {"period": "2026S1", "file": wrong}, follow=True
        )
    assert "không phải bảng tính .xlsx hợp lệ" in response.text


def test_completeness_page_query_count_is_constant(
    tree, personas, regime, login, django_assert_max_num_queries
):
    from conftest import make_unit
    from danchu.units.models import UnitKind

    client = login(personas["province_official"])
    client.get(f"/bao-cao/{regime.pk}/ky/2026S1/")  # warm the session and the rulebook
    for i in range(30):
        make_unit(f"Xã {i}", UnitKind.COMMUNE, tree.province, code=f"3{i:04d}")
    services.open_due_periods(dt.date(2026, 6, 10))  # new communes join the running period
    assert Submission.objects.filter(regime=regime, period="2026S1").count() == 32
    with django_assert_max_num_queries(16):
        assert client.get(f"/bao-cao/{regime.pk}/ky/2026S1/").status_code == 200


def test_the_report_page_names_its_period_in_english(tree, personas, report, login, settings):
    with at(2026, 6, 16):
        client = login(personas["commune_official"])
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        page = client.get(f"/bao-cao/nop/{report.pk}/")
    assert page.status_code == 200 and page["Content-Language"] == "en"
    assert "First half of 2026" in page.text and "6 tháng đầu năm" not in page.text
