"""The JSON API on the same services: public reading, citizens' opinions, officials' work, errors."""

from __future__ import annotations

import pytest

from danchu.consultations.models import Opinion

from .conftest import at
from .factories import regulation_docx, section

pytestmark = pytest.mark.django_db


def test_anyone_reads_a_launched_consultation_by_section(consultation, client):
    with at(2026, 3, 5):
        body = client.get(f"/api/v1/consultations/{consultation.pk}").json()
    assert body["accepting"] is True and body["revision"] == 1
    assert [s["anchor"] for s in body["sections"]][:3] == ["mo-dau", "chuong-i", "dieu-1"]


def test_matters_are_listed_with_their_citations(client, db):
    body = client.get("/api/v1/consultation-matters").json()
    assert len(body) == 12 and body[6]["code"] == "25.7" and "10/2022/QH15" in body[6]["citation"]


def test_a_citizen_gives_and_an_official_answers(consultation, personas, login):
    citizen = login(personas["citizen"])
    with at(2026, 3, 5):
        response = citizen.post(
            f"/api/v1/consultations/{consultation.pk}/opinions",
            {"text": "mo rong hom thu", "section_id": section(consultation, "dieu-4")},
            content_type="application/json",
        )
        assert response.status_code == 201
        late = citizen.post(
            f"/api/v1/consultations/{consultation.pk}/opinions",
            {"text": "x", "section_id": 1}, content_type="application/json",
        )  # fmt: skip
        assert late.status_code == 400 and late.json()["field"] == "section"
    official = login(personas["commune_official"])
    opinion_id = response.json()["id"]
    answered = official.post(
        f"/api/v1/consultations/{consultation.pk}/answers",
        {"kind": "taken", "text": "Đã sửa Điều 4.", "opinion_ids": [opinion_id]},
        content_type="application/json",
    )
    assert answered.status_code == 201 and answered.json()["opinion_ids"] == [opinion_id]
    listed = official.get(f"/api/v1/consultations/{consultation.pk}/opinions").json()
    assert listed[0]["response_kind"] == "taken"


def test_officials_create_and_record_through_the_api(tree, personas, login):
    official = login(personas["commune_official"])
    with at(2026, 3, 2):
        created = official.post(
            f"/api/v1/units/{tree.commune.pk}/consultations",
            {"matter": "25.7", "title": "Quy chế", "starts_on": "2026-03-02", "ends_on": "2026-03-16",
             "channels": "portal,meeting", "file": _upload()},
        )  # fmt: skip
        assert created.status_code == 201, created.content
        pk = created.json()["id"]
        assert official.post(f"/api/v1/consultations/{pk}/launch").status_code == 200
        recorded = official.post(
            f"/api/v1/consultations/{pk}/records",
            {"kind": "box", "channel": "box", "held_on": "2026-03-02", "reference": "Hòm thư số 1",
             "entries": [{"text": "Ý kiến trong hòm thư"}]},
            content_type="application/json",
        )  # fmt: skip
    assert recorded.status_code == 201 and recorded.json()["opinions"] == 1
    sibling = login(personas["sibling_official"])
    refused = sibling.post(
        f"/api/v1/consultations/{pk}/records",
        {
            "kind": "box",
            "channel": "box",
            "held_on": "2026-03-02",
            "reference": "x",
            "entries": [{"text": "y"}],
        },
        content_type="application/json",
    )
    assert refused.status_code == 403 and Opinion.objects.count() == 1


def _upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("du-thao.docx", regulation_docx())


def test_integers_past_a_database_column_are_refused_not_a_500(consultation, personas, login):
    huge = 2**64
    citizen = login(personas["citizen"])
    with at(2026, 3, 5):
        given = citizen.post(
            f"/api/v1/consultations/{consultation.pk}/opinions",
            {"text": "mo rong hom thu", "section_id": huge},
            content_type="application/json",
        )
    official = login(personas["commune_official"])
    answered = official.post(
        f"/api/v1/consultations/{consultation.pk}/answers",
        {"kind": "taken", "text": "Đã sửa.", "opinion_ids": [huge], "group_id": huge},
        content_type="application/json",
    )
    grouped = official.post(
        f"/api/v1/consultations/{consultation.pk}/groups", {"opinion_ids": [huge, huge - 1]},
        content_type="application/json",
    )  # fmt: skip
    for response in (given, answered, grouped):
        assert 400 <= response.status_code < 500, response.content
    assert not Opinion.objects.exists()


def test_a_refused_opinion_names_its_field_in_vietnamese(consultation, personas, login):
    citizen = login(personas["citizen"])
    with at(2026, 3, 5):
        response = citizen.post(
            f"/api/v1/consultations/{consultation.pk}/opinions",
            {"text": "   "},
            content_type="application/json",
        )
    assert response.status_code == 400
    assert "Ý kiến" in response.json()["detail"] and "“text”" not in response.json()["detail"]
