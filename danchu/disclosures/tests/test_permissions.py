"""Permission matrix of the disclosure pages for every persona along the hierarchy."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import PERSONAS
from danchu.core.models import AuditEntry
from danchu.disclosures.models import Disclosure

from .conftest import at

OK, LOGIN, DENIED = 200, 302, 403


def expect(allowed: set[str]) -> dict[str, int]:
    return {p: LOGIN if p == "anonymous" else (OK if p in allowed else DENIED) for p in PERSONAS}


READERS = {"admin", "province_official", "commune_official", "oversight_member"}
MANAGERS = {"admin", "province_official", "commune_official"}

PAGES = [
    ("disclosures:unit", lambda t, d: {"unit_id": t.commune.pk}, expect(READERS | {"village_head"})),
    ("disclosures:create", lambda t, d: {"unit_id": t.commune.pk}, expect(MANAGERS)),
    ("disclosures:compliance", lambda t, d: {"unit_id": t.commune.pk}, expect(READERS)),
    (
        "disclosures:compliance",
        lambda t, d: {"unit_id": t.province.pk},
        expect({"admin", "province_official"}),
    ),
    ("disclosures:detail", lambda t, d: {"disclosure_id": d.pk}, expect(READERS | {"village_head"})),
    ("disclosures:catalogue", lambda t, d: {}, expect(set(PERSONAS) - {"anonymous"})),
    ("disclosures:edit_item", lambda t, d: {"item_id": 10}, expect({"admin"})),
]


@pytest.mark.parametrize(
    ("name", "kwargs", "expected"), PAGES, ids=[f"{p[0]}-{i}" for i, p in enumerate(PAGES)]
)
@pytest.mark.parametrize("persona", PERSONAS)
def test_page_matrix(tree, personas, posted, login, name, kwargs, expected, persona):
    with at(2026, 3, 10):
        response = login(personas[persona]).get(reverse(name, kwargs=kwargs(tree, posted)))
    assert response.status_code == expected[persona], (name, persona)


WRITES = [
    ("disclosures:withdraw", {"reason": "Thử"}, MANAGERS),
    ("disclosures:record_proof", {"channel": "notice_board", "day": "02/03/2026", "place": "Bảng tin"},
     {"commune_official", "village_head"}),
]  # fmt: skip


@pytest.mark.parametrize(("name", "data", "allowed"), WRITES, ids=[w[0] for w in WRITES])
@pytest.mark.parametrize("persona", PERSONAS)
def test_refused_writes_change_nothing(tree, personas, posted, login, name, data, allowed, persona):
    before = AuditEntry.objects.count()
    with at(2026, 3, 10):
        response = login(personas[persona]).post(reverse(name, kwargs={"disclosure_id": posted.pk}), data)
    if persona in allowed:
        assert response.status_code == 302 and AuditEntry.objects.count() == before + 1, persona
    else:
        refused = LOGIN if persona == "anonymous" else DENIED
        assert response.status_code == refused and AuditEntry.objects.count() == before, persona
        posted.refresh_from_db()
        assert posted.state == "published" and not posted.proofs.exists()


def test_sibling_cannot_draft_for_another_commune(tree, personas, login):
    response = login(personas["sibling_official"]).post(
        f"/cong-khai/don-vi/{tree.commune.pk}/moi/",
        {"title": "x", "items": ["11.1"], "starts_on": "02/03/2026"},
    )
    assert response.status_code == 403 and not Disclosure.objects.exists()
