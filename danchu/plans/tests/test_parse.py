"""The importer against the hand-annotated expected output, and the two plans without one."""

from __future__ import annotations

import pytest

from danchu.plans.importer import parse_text

from .samples import NAMES, WITH_EXPECTED, core, expected_of, text_of


@pytest.mark.parametrize("name", WITH_EXPECTED)
def test_matches_the_expected_file_on_every_core_key(name):
    got = core(parse_text(text_of(name)).as_json())
    expected = core(expected_of(name))
    for key in expected:
        assert got[key] == expected[key], key


@pytest.mark.parametrize("name", WITH_EXPECTED)
def test_matches_the_additional_keys(name):
    got = parse_text(text_of(name)).as_json()
    expected = expected_of(name)
    for key in ("symbol", "date_partial", "legal_ref_numbers", "legal_refs_unnumbered"):
        assert got.get(key) == expected.get(key), key


def test_commune_nam_chinh_by_the_same_conventions():
    plan = parse_text(text_of("commune-nam-chinh-2023"))
    assert (plan.issuer, plan.number, plan.symbol) == ("ỦY BAN NHÂN DÂN XÃ NAM CHÍNH", None, "KH-UBND")
    assert (plan.place, plan.date, plan.date_partial, plan.year) == ("Nam Chính", None, "2023-01", 2023)
    assert plan.title == "Thực hiện Quy chế dân chủ ở cơ sở’ và công tác dân vận chính quyền năm 2023"
    assert [s.label for s in plan.sections] == ["I", "II", "III"]
    assert [i.path for i in plan.items if i.path.startswith("III")] == ["III.1", "III.2", "III.3"]
    leads = {i.path: i.lead for i in plan.items}
    assert leads["III.1"] == ["các ban, ngành, cán bộ, công chức"]
    assert leads["III.2"] == ["Công chức Văn phòng - Thống kê xã"]
    assert leads["III.3"] == ["Đài Phát thanh xã"]
    # Written "33/CT- TTg" first and "33/CT-TTg" later: one reference, kept as first written.
    assert "Chỉ thị số 33/CT- TTg" in plan.legal_refs
    assert plan.legal_ref_numbers.count("33/CT-TTg") == 1
    assert plan.signer is not None and plan.signer.name == "Trần Văn Xuyến"
    assert plan.signer.authority == "TM. ỦY BAN NHÂN DÂN XÃ"


def test_district_ngo_quyen_by_the_same_conventions():
    plan = parse_text(text_of("district-ngo-quyen-2025"))
    assert (plan.place, plan.date_partial, plan.number, plan.symbol) == (
        "Quận Ngô Quyền",
        "2025",
        None,
        "KH-UBND",
    )
    assert plan.issuer == "UBND Quận Ngô Quyền"
    paths = [i.path for i in plan.items]
    assert "II.3.a" in paths and "II.3.b" in paths
    leads = {i.path: i.lead for i in plan.items}
    assert leads["III.1"] == ["UBND các phường"]
    assert {"Phòng Nội vụ", "Phòng Văn hóa và Thông tin"} <= set(leads["III.2"])
    assert [(d.what, d.due, d.window_start, d.to) for d in plan.deadlines] == [
        ("report_6m", "2025-06-15", "2025-06-01", "UBND quận (qua Phòng Nội vụ)"),
        ("report_annual", "2025-12-15", "2025-12-01", "UBND quận (qua Phòng Nội vụ)"),
    ]
    assert plan.signer is not None
    assert (plan.signer.title, plan.signer.name) == ("PHÓ CHỦ TỊCH", "Đặng Văn Khởi")
    assert plan.signer.authority == "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"


@pytest.mark.parametrize("name", NAMES)
def test_every_sample_is_a_plan_with_items(name):
    plan = parse_text(text_of(name))
    assert plan.doc_type == "KH" and plan.year and len(plan.items) >= 10 and plan.recipients


def test_partial_date_is_not_an_error():
    plan = parse_text(
        "KẾ HOẠCH\nThử nghiệm năm 2023\nX, ngày   tháng 3 năm 2023\nI. MỤC ĐÍCH\nII. NỘI DUNG\n1. Làm."
    )
    assert (plan.date, plan.date_partial) == (None, "2023-03")
