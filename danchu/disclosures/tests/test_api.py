from __future__ import annotations

import json

from django.core.files.uploadedfile import SimpleUploadedFile

from danchu.core.models import AuditEntry
from danchu.disclosures.models import Disclosure

from .conftest import PDF, PNG, at


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_api_journey_and_errors(tree, personas, login):
    with at(2026, 3, 2):  # the session too: a login made today would have expired on an earlier date
        client = login(personas["commune_official"])
        bad = _post(client, f"/api/v1/units/{tree.commune.pk}/disclosures", {
            "title": "Dự toán", "items": ["11.2a"], "starts_on": "2026-03-05", "ends_on": "2026-03-01",
        })  # fmt: skip
        assert bad.status_code == 400 and bad.json()["field"] == "ends_on"
        malformed = _post(client, f"/api/v1/units/{tree.commune.pk}/disclosures", {
            "title": "Dự toán", "items": ["11.2a"], "starts_on": "05/03/2026",
        })  # fmt: skip
        assert malformed.status_code == 422
        created = _post(client, f"/api/v1/units/{tree.commune.pk}/disclosures", {
            "title": "Dự toán ngân sách", "items": ["11.2a"], "body": "Tổng thu 12 tỷ",
            "starts_on": "2026-03-02",
        })  # fmt: skip
        assert created.status_code == 201, created.content
        pk = created.json()["id"]
        assert created.json()["status"] == "draft" and created.json()["ends_on"] == "2026-03-31"
        upload = client.post(
            f"/api/v1/disclosures/{pk}/attachments", {"file": SimpleUploadedFile("a.pdf", PDF)}
        )
        assert upload.status_code == 201 and upload.json()["kind"] == "pdf"
        published = client.post(f"/api/v1/disclosures/{pk}/publish")
        assert published.json()["status"] == "posted"
        proof = client.post(f"/api/v1/disclosures/{pk}/proofs", {
            "channel": "notice_board", "day": "2026-03-02", "place": "Bảng tin",
            "file": SimpleUploadedFile("anh.png", PNG),
        })  # fmt: skip
        assert proof.status_code == 201, proof.content
        outsider = login(personas["province_official"]).post(
            f"/api/v1/disclosures/{pk}/proofs", {"channel": "notice_board", "day": "2026-03-02", "place": "x"}
        )
        assert outsider.status_code == 403
        public = login(personas["citizen"])
        listed = public.get(f"/api/v1/public/units/{tree.commune.pk}/disclosures").json()
        assert [d["title"] for d in listed] == ["Dự toán ngân sách"]
        found = public.get("/api/v1/public/search", {"q": "du toan", "unit_id": tree.commune.pk}).json()
        assert [h["title"] for h in found["hits"]] == ["Dự toán ngân sách"]
        assert public.get("/api/v1/public/search", {"q": "x" * 10000}).status_code == 200
        assert public.get(f"/api/v1/disclosures/{pk}").status_code == 403
        client = login(personas["commune_official"])
        checklist = client.get(
            f"/api/v1/units/{tree.commune.pk}/disclosure-compliance", {"year": 2026}
        ).json()
        assert {i["code"]: i["finding"] for i in checklist[0]["items"]}["11.2a"] == "ok"
        withdrawn = _post(client, f"/api/v1/disclosures/{pk}/withdraw", {"reason": "Nhầm"})
        assert withdrawn.json()["status"] == "withdrawn"
    assert Disclosure.objects.count() == 1
    assert AuditEntry.objects.filter(action__startswith="disclosures.").count() == 5


def test_catalogue_is_public(db, client):
    items = client.get("/api/v1/disclosure-items").json()
    assert {i["code"] for i in items} >= {"11.1", "11.2b", "11.7", "III.1"}
    assert next(i for i in items if i["code"] == "11.2b")["recurrence"] == "quarterly"
