"""The JSON API on the same services: the main path, refusals with their codes, the public register."""

from __future__ import annotations

import pytest

from danchu.conventions.models import ConventionVersion, VersionState

from .conftest import TEXT, at

pytestmark = pytest.mark.django_db


def test_api_path_from_draft_to_public_register(tree, personas, login):
    head = login(personas["village_head"])
    with at(2026, 3, 2):
        created = head.post(
            f"/api/v1/units/{tree.village.pk}/conventions",
            {"kind": "huong_uoc", "title": "Hương ước TDP 1", "text": TEXT},
            content_type="application/json",
        )
        assert created.status_code == 201, created.content
        version_id = created.json()["id"]
        assert [a["number"] for a in created.json()["articles"]] == [1, 2, 3]
        posted = head.post(
            f"/api/v1/convention-versions/{version_id}/post",
            {"place": "Nhà văn hóa"},
            content_type="application/json",
        )
        assert posted.json()["opinions_until"] == "2026-03-31"
    with at(2026, 3, 10):
        citizen = login(personas["citizen"])
        given = citizen.post(
            f"/api/v1/convention-versions/{version_id}/opinion",
            {"text": "Đồng ý"},
            content_type="application/json",
        )
        assert given.status_code == 200 and given.json()["channel"] == "online"
    with at(2026, 3, 20):
        early = login(personas["village_head"]).post(
            f"/api/v1/convention-versions/{version_id}/meeting",
            {"present": 2, "approving": 2},
            content_type="application/json",
        )
        assert early.status_code == 400 and "Chưa hết thời gian niêm yết" in early.json()["detail"]
    with at(2026, 4, 2):
        head = login(personas["village_head"])
        too_many = head.post(
            f"/api/v1/convention-versions/{version_id}/meeting",
            {"present": 5, "approving": 2},
            content_type="application/json",
        )
        assert too_many.status_code == 400 and too_many.json()["field"] == "present"
        outcome = head.post(
            f"/api/v1/convention-versions/{version_id}/meeting",
            {"present": 2, "approving": 2},
            content_type="application/json",
        )
        assert outcome.json()["adopted"] and outcome.json()["approvals_needed"] == 2
        head.post(f"/api/v1/convention-versions/{version_id}/file", {}, content_type="application/json")
    with at(2026, 4, 6):
        sibling = login(personas["sibling_official"])
        denied = sibling.post(
            f"/api/v1/convention-versions/{version_id}/recognise",
            {"decision_number": "1"},
            content_type="application/json",
        )
        assert denied.status_code == 403
        official = login(personas["commune_official"])
        done = official.post(
            f"/api/v1/convention-versions/{version_id}/recognise",
            {"decision_number": "12/QĐ-UBND"},
            content_type="application/json",
        )
        assert done.status_code == 200 and done.json()["state"] == "recognised"
    assert ConventionVersion.objects.get(pk=version_id).state == VersionState.RECOGNISED
    login(personas["anonymous"])
    public = login(personas["anonymous"]).get(f"/api/v1/public/units/{tree.commune.pk}/conventions")
    assert [c["title"] for c in public.json()] == ["Hương ước TDP 1"]
    convention_id = public.json()[0]["id"]
    events = login(personas["anonymous"]).get(f"/api/v1/public/conventions/{convention_id}/events").json()
    assert [e["kind"] for e in events] == ["created", "posted", "adopted", "filed", "recognised"]


def test_api_refuses_bad_input_in_vietnamese(tree, personas, login):
    head = login(personas["village_head"])
    with at(2026, 3, 2):
        bad = head.post(
            f"/api/v1/units/{tree.village.pk}/conventions",
            {"kind": "khac", "title": "X", "text": TEXT},
            content_type="application/json",
        )
    assert bad.status_code == 400 and "Hương ước" in bad.json()["detail"]
