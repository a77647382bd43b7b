"""Report figures (Biểu số 01/XLD columns, petition SLA) and the JSON API on the same services."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danchu.core import registry
from danchu.petitions.services import letters, petitions, rating
from danchu.petitions.services.photos import Upload

from .conftest import at, jpeg, report
from .test_intake import desk

pytestmark = pytest.mark.django_db


def test_report_figures(tree: Any, personas: Any, light: Any) -> None:
    official = personas["commune_official"]
    with at(2026, 2, 20):
        carried = desk(official, tree.commune, text="Đơn cũ", received_on=dt.date(2026, 2, 20))
    with at(2026, 3, 2):
        late = report(tree.commune, light, device="a")
        on_time = report(tree.commune, light, device="b", text="Khác")
        open_one = report(tree.commune, light, device="c", text="Khác nữa")
        letter = desk(official, tree.commune, signers=5)
        letters.classify(actor=official, letter=letter, classification="complaint")
        letters.guide(actor=official, letter=letter, reason="Gửi Toà án.")
        for p in (late, on_time):
            petitions.route(actor=official, petition=p)
        petitions.resolve(actor=official, petition=on_time, answer="Xong", evidence=[Upload("x.jpg", jpeg())])
        rating.rate(actor=None, petition=on_time, rating="satisfied", code=on_time.letter.tracking_code)
    with at(2026, 3, 20):
        petitions.resolve(actor=official, petition=late, answer="Xong", evidence=[Upload("x.jpg", jpeg())])
    figures = registry.statistics()["petitions"].provider(
        [tree.commune.pk], dt.date(2026, 3, 1), dt.date(2026, 3, 31)
    )
    f = figures[tree.commune.pk]
    assert f["letters_carried_over"] == 1 and f["letters_received"] == 4 and f["letters_complaint"] == 1
    assert (
        f["letters_many_signers"] == 1 and f["letters_guided"] == 1 and f["letters_outside_competence"] == 1
    )
    assert f["letters_within_competence"] == 2 and f["letters_petition"] == 3
    assert (
        f["petitions_received"] == 3
        and f["petitions_resolved_on_time"] == 1
        and f["petitions_resolved_late"] == 1
    )
    assert f["petitions_overdue"] == 1 and f["petitions_satisfied"] == 1
    assert open_one.pk and carried.pk


def test_api_inbox_and_route(tree: Any, personas: Any, petition: Any, works: Any, login: Any) -> None:
    client = login(personas["commune_official"])
    with at(2026, 3, 3):
        inbox = client.get(f"/api/v1/units/{tree.commune.pk}/petitions/inbox").json()
        assert [p["id"] for p in inbox] == [petition.pk] and inbox[0]["status"] == "received"
        routed = client.post(
            f"/api/v1/petitions/{petition.pk}/route", {"agency_id": works.pk}, content_type="application/json"
        )
        assert routed.status_code == 200 and routed.json()["status"] == "accepted"
        again = client.post(
            f"/api/v1/petitions/{petition.pk}/close",
            {"status": "resolved", "answer": "x"},
            content_type="application/json",
        )
        assert again.status_code == 400
        public = login(personas["anonymous"]).get(f"/api/v1/communes/{tree.commune.pk}/petitions").json()
    assert public[0]["id"] == petition.pk and "Nguyễn Văn An" not in str(public)


def test_api_refuses_other_communes(tree: Any, personas: Any, petition: Any, login: Any) -> None:
    client = login(personas["sibling_official"])
    with at(2026, 3, 3):
        assert client.get(f"/api/v1/petitions/{petition.pk}").status_code == 403
        created = client.post(
            f"/api/v1/units/{tree.commune.pk}/letters",
            {"channel": "post", "subject": "x", "text": "y", "received_on": "2026-03-03"},
            content_type="application/json",
        )
    assert created.status_code == 403


def test_api_route_refuses_an_agency_of_another_unit(
    tree: Any, personas: Any, petition: Any, works: Any, login: Any
) -> None:
    from danchu.core.models import AuditEntry

    client = login(personas["commune_official"])
    before, agency = AuditEntry.objects.count(), petition.agency_id
    with at(2026, 3, 3):
        for agency_id in (tree.sibling_agency.pk, 999_999):
            answer = client.post(
                f"/api/v1/petitions/{petition.pk}/route",
                {"agency_id": agency_id},
                content_type="application/json",
            )
            assert answer.status_code in (400, 422), answer.content
            assert "cơ quan, bộ phận" in answer.json()["detail"]
    petition.refresh_from_db()
    assert petition.status == "received" and petition.agency_id == agency
    assert AuditEntry.objects.count() == before


def test_api_ints_above_64_bits_answer_4xx(tree: Any, personas: Any, petition: Any, login: Any) -> None:
    client = login(personas["commune_official"])
    huge = 2**64
    with at(2026, 3, 3):
        routed = client.post(
            f"/api/v1/petitions/{petition.pk}/route", {"agency_id": huge}, content_type="application/json"
        )
        closed = client.post(
            f"/api/v1/petitions/{petition.pk}/close",
            {"status": "duplicate", "answer": "x", "duplicate_of_id": huge},
            content_type="application/json",
        )
        letter = client.post(
            f"/api/v1/units/{tree.commune.pk}/letters",
            {"channel": "post", "subject": "x", "text": "y", "received_on": "2026-03-03", "signers": huge},
            content_type="application/json",
        )
    assert {routed.status_code, closed.status_code, letter.status_code} <= {400, 422}
