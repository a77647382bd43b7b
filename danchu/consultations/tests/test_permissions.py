"""Permission matrix of the consultation pages for every persona, and refusals of every write view."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import PERSONAS
from danchu.consultations.models import Opinion, State
from danchu.core.models import AuditEntry

from .conftest import at
from .factories import regulation_docx

pytestmark = pytest.mark.django_db
OK, LOGIN, DENIED = 200, 302, 403


def expect(allowed: set[str]) -> dict[str, int]:
    return {p: LOGIN if p == "anonymous" else (OK if p in allowed else DENIED) for p in PERSONAS}


READERS = {"admin", "province_official", "commune_official", "oversight_member"}
MANAGERS = {"admin", "province_official", "commune_official"}
RECORDERS = {"commune_official"}  # local only: not the province, nor the administrator
EVERYONE = {p: OK for p in PERSONAS}

PAGES = [
    ("consultations:unit", lambda t, c, o: {"unit_id": t.commune.pk}, expect(READERS)),
    ("consultations:create", lambda t, c, o: {"unit_id": t.commune.pk}, expect(MANAGERS)),
    ("consultations:detail", lambda t, c, o: {"consultation_id": c.pk}, expect(READERS)),
    ("consultations:opinions", lambda t, c, o: {"consultation_id": c.pk}, expect(READERS)),
    ("consultations:groups", lambda t, c, o: {"consultation_id": c.pk}, expect(READERS)),
    ("consultations:diff", lambda t, c, o: {"consultation_id": c.pk}, expect(READERS)),
    ("consultations:record", lambda t, c, o: {"consultation_id": c.pk}, expect(RECORDERS)),
    ("consultations:report_docx", lambda t, c, o: {"consultation_id": c.pk}, expect(READERS)),
    ("consultations:public_list", lambda t, c, o: {"unit_id": t.commune.pk}, EVERYONE),
    ("consultations:public", lambda t, c, o: {"consultation_id": c.pk}, EVERYONE),
    ("consultations:give", lambda t, c, o: {"consultation_id": c.pk}, EVERYONE),
    ("consultations:draft_file", lambda t, c, o: {"consultation_id": c.pk}, EVERYONE),
]


@pytest.fixture
def opinion(consultation, personas):
    from danchu.consultations import services

    with at(2026, 3, 5):
        return services.give(actor=personas["citizen"], consultation=consultation, text="Đồng ý với dự thảo.")


@pytest.mark.parametrize(("name", "kwargs", "expected"), PAGES, ids=[p[0] for p in PAGES])
@pytest.mark.parametrize("persona", PERSONAS)
def test_page_matrix(tree, personas, consultation, opinion, login, name, kwargs, expected, persona):
    with at(2026, 3, 10):
        response = login(personas[persona]).get(reverse(name, kwargs=kwargs(tree, consultation, opinion)))
    assert response.status_code == expected[persona], (name, persona)


WRITES = [
    ("consultations:launch", lambda c, o: {"consultation_id": c.pk}, {}, MANAGERS),
    ("consultations:answer", lambda c, o: {"consultation_id": c.pk},
     {"opinions": "{o}", "kind": "explained", "text": "Giữ nguyên."}, MANAGERS),
    ("consultations:hide", lambda c, o: {"opinion_id": o.pk}, {"reason": "Thử"}, MANAGERS),
    ("consultations:groups", lambda c, o: {"consultation_id": c.pk}, {"label": "Nhóm", "opinions": ["{o}"]},
     MANAGERS),
    ("consultations:close", lambda c, o: {"consultation_id": c.pk}, {"conclusion": "Xong"}, MANAGERS),
    ("consultations:publish", lambda c, o: {"consultation_id": c.pk}, {}, MANAGERS),
    ("consultations:record", lambda c, o: {"consultation_id": c.pk},
     {"kind": "box", "channel": "box", "held_on": "09/03/2026", "reference": "Hòm thư", "text_1": "Ý kiến"},
     RECORDERS),
]  # fmt: skip


@pytest.mark.parametrize(("name", "kwargs", "data", "allowed"), WRITES, ids=[w[0] for w in WRITES])
@pytest.mark.parametrize("persona", [p for p in PERSONAS if p not in ("admin", "province_official")])
def test_refused_writes_change_nothing(
    tree, personas, consultation, opinion, login, name, kwargs, data, allowed, persona
):
    if persona in allowed:
        return  # the allowed side is tested with the services and the journey
    data = {k: ([v.format(o=opinion.pk) for v in val] if isinstance(val, list) else val.format(o=opinion.pk))
            for k, val in data.items()}  # fmt: skip
    before = AuditEntry.objects.count()
    with at(2026, 3, 10):
        response = login(personas[persona]).post(reverse(name, kwargs=kwargs(consultation, opinion)), data)
    assert response.status_code == (LOGIN if persona == "anonymous" else DENIED), (name, persona)
    assert AuditEntry.objects.count() == before
    opinion.refresh_from_db()
    consultation.refresh_from_db()
    assert opinion.response_id is None and not opinion.hidden and opinion.group_id is None
    assert consultation.state == State.OPEN and Opinion.objects.count() == 1


def test_sibling_cannot_create_for_another_commune(tree, personas, login):
    response = login(personas["sibling_official"]).post(
        reverse("consultations:create", args=[tree.commune.pk]),
        {"matter": "25.7", "title": "x", "starts_on": "02/03/2026", "ends_on": "16/03/2026",
         "audience": "commune", "channels": ["portal"]},
    )  # fmt: skip
    assert response.status_code == 403


def test_a_draft_consultation_is_not_public(tree, personas, client):
    from .factories import make

    with at(2026, 3, 2):
        draft = make(personas["commune_official"], tree.commune, launch=False, file_data=regulation_docx())
    assert client.get(reverse("consultations:public", args=[draft.pk])).status_code == 404
