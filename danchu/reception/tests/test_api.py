from __future__ import annotations

import datetime as dt

from danchu.core.models import AuditEntry
from danchu.reception.models import Visit

from .conftest import at


def test_officials_keep_the_schedule_and_log_over_json(tree, personas, login):
    client = login(personas["commune_official"])
    base = f"/api/v1/units/{tree.commune.pk}"
    schedule = {
        "weekdays": [3], "morning": "07:30–11:30", "place": "Trụ sở", "chairman": "Chủ tịch",
        "stand_in": "Phó",
    }  # fmt: skip
    with at(2026, 4, 20):
        response = client.put(f"{base}/reception-schedule", schedule, content_type="application/json")
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["published"] is False
        assert {"day": "2026-05-04", "planned_on": "2026-04-30", "moved": True}.items() <= body["sessions"][
            1
        ].items()
        assert client.get(f"/api/v1/public/units/{tree.commune.pk}/reception-schedule").status_code == 404
        assert client.post(f"{base}/reception-schedule/publish").status_code == 200
        assert client.get(f"/api/v1/public/units/{tree.commune.pk}/reception-schedule").status_code == 200
        visit = {
            "received_on": "2026-04-20", "host": "Chủ tịch", "visitor_name": "Đoàn tổ 2",
            "visitor_address": "Tổ 2", "subject": "Đèn ngõ 45", "kind": "petition", "people_count": 6,
            "representatives": ["Bình", "Yến"],
        }  # fmt: skip
        created = client.post(f"{base}/reception-visits", visit, content_type="application/json")
        assert created.status_code == 201, created.content
        assert (
            created.json()["representatives"] == ["Bình", "Yến"]
            and created.json()["answer_due_on"] == "2026-05-07"
        )
        visit_id = created.json()["id"]
        answer = {"outcome": "transferred", "answer": "Chuyển", "transferred_to": "Điện lực"}
        answered = client.post(
            f"/api/v1/reception-visits/{visit_id}/answer", answer, content_type="application/json"
        )
        assert answered.status_code == 200 and answered.json()["outcome"] == "transferred"
        again = client.post(
            f"/api/v1/reception-visits/{visit_id}/answer", answer, content_type="application/json"
        )
        assert again.status_code == 400 and "đã được trả lời" in again.json()["detail"]
        listed = client.get(f"{base}/reception-visits?year=2026&kind=petition")
    assert [v["id"] for v in listed.json()] == [visit_id]


def test_bad_input_over_json_is_refused_and_saves_nothing(tree, personas, login):
    client = login(personas["commune_official"])
    base = f"/api/v1/units/{tree.commune.pk}/reception-visits"
    visit = {
        "received_on": "2026-03-02", "host": "A", "visitor_name": "B", "visitor_address": "C", "subject": "D",
        "kind": "petition",
    }  # fmt: skip
    with at(2026, 3, 2):
        assert (
            client.post(
                base, {**visit, "received_on": "02/03/2026x"}, content_type="application/json"
            ).status_code
            == 422
        )
        assert (
            client.post(base, {**visit, "subject": "x\u0000"}, content_type="application/json").status_code
            == 400
        )
        assert (
            client.post(base, {**visit, "people_count": -1}, content_type="application/json").status_code
            == 400
        )
    assert not Visit.objects.exists() and not AuditEntry.objects.exists()


def test_others_are_refused_over_json(tree, personas, login, visit):
    for persona, status in (("sibling_official", 403), ("citizen", 403), ("oversight_member", 403)):
        client = login(personas[persona])
        assert client.get(f"/api/v1/reception-visits/{visit.pk}").status_code == status
        assert client.get(f"/api/v1/units/{tree.commune.pk}/reception-visits").status_code == status
    login(personas["anonymous"])


def test_a_citizen_asks_and_the_public_reads_the_dialogue(tree, personas, login, dialogue):
    citizen = login(personas["citizen"])
    with at(2026, 3, 5):
        asked = citizen.post(
            f"/api/v1/dialogues/{dialogue.pk}/questions", {"text": "Vỉa hè?"}, content_type="application/json"
        )
        assert asked.status_code == 201, asked.content
        assert asked.json()["asker"] == tree.village.name
    official = login(personas["commune_official"])
    with at(2026, 3, 12):
        qid = asked.json()["id"]
        answer = {"answer": "Quý II", "answered_by": "Chủ tịch"}
        assert (
            official.post(
                f"/api/v1/dialogue-questions/{qid}/answer", answer, content_type="application/json"
            ).status_code
            == 200
        )
        commitment = {"text": "Lát vỉa hè", "due_on": "2026-06-30", "agency_id": tree.agency.pk}
        made = official.post(
            f"/api/v1/dialogue-questions/{qid}/commitments", commitment, content_type="application/json"
        )
        assert made.status_code == 201, made.content
    anonymous = login(personas["anonymous"])
    with at(2026, 3, 13):
        public = anonymous.get(f"/api/v1/public/dialogues/{dialogue.pk}").json()
    (question,) = public["questions"]
    assert question["answer"] == "Quý II"
    assert question["commitments"][0]["task"]["status"] == "not_started"
    assert question["commitments"][0]["due_on"] == str(dt.date(2026, 6, 30))


def test_refusals_name_the_field_in_vietnamese_not_its_api_name(tree, personas, login):
    client = login(personas["commune_official"])
    visit = {
        "received_on": "2026-03-02", "host": "A", "visitor_name": "B", "visitor_address": "C", "subject": "D",
        "kind": "petition", "id_number": "1" * 25,
    }  # fmt: skip
    with at(2026, 3, 2):
        refused = client.post(
            f"/api/v1/units/{tree.commune.pk}/reception-visits", visit, content_type="application/json"
        )
    assert refused.status_code in (400, 422)
    assert "Số CCCD/hộ chiếu" in refused.json()["detail"] and "id_number" not in refused.json()["detail"]
    assert not Visit.objects.exists()


def test_integers_past_a_database_column_are_refused_not_a_500(tree, personas, login):
    huge = 2**64
    client = login(personas["commune_official"])
    visit = {
        "received_on": "2026-03-02", "host": "A", "visitor_name": "B", "visitor_address": "C", "subject": "D",
        "kind": "petition", "people_count": huge,
    }  # fmt: skip
    with at(2026, 3, 2):
        responses = [
            client.post(
                f"/api/v1/units/{tree.commune.pk}/reception-visits", visit, content_type="application/json"
            ),
            client.put(
                f"/api/v1/units/{tree.commune.pk}/reception-schedule",
                {"weekdays": [huge], "place": "P", "chairman": "C", "stand_in": "S"},
                content_type="application/json",
            ),
        ]
    for response in responses:
        assert 400 <= response.status_code < 500, response.content
    assert not Visit.objects.exists()


def test_a_date_before_the_law_is_refused_in_vietnamese_not_a_500(tree, personas, login):
    client = login(personas["commune_official"])
    base = f"/api/v1/units/{tree.commune.pk}"
    visit = {
        "received_on": "1900-01-01", "host": "A", "visitor_name": "B", "visitor_address": "C", "subject": "D",
        "kind": "petition", "people_count": 6, "representatives": ["E"],
    }  # fmt: skip
    schedule = {"weekdays": [3], "morning": "07:30–11:30", "place": "P", "chairman": "C", "stand_in": "S"}
    absence = {"starts_on": "1900-01-01", "ends_on": "1900-01-02", "stand_in": "S", "reason": "R"}
    dialogue = {
        "topic": "T", "held_on": "1900-01-01", "place": "P", "audience": "citizens", "chair": "C",
    }  # fmt: skip
    with at(2026, 3, 2):
        assert (
            client.put(f"{base}/reception-schedule", schedule, content_type="application/json").status_code
            == 200
        )
        responses = [
            client.post(f"{base}/reception-visits", visit, content_type="application/json"),
            client.post(f"{base}/reception-schedule/absences", absence, content_type="application/json"),
            client.post(f"{base}/dialogues", dialogue, content_type="application/json"),
        ]
    for response in responses:
        assert response.status_code == 400, response.content
        assert "Luật Tiếp công dân có hiệu lực" in response.json()["detail"]
    assert not Visit.objects.exists()
