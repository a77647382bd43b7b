"""Permission matrix of the report pages for every persona along the hierarchy."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import PERSONAS
from danchu.core.models import AuditEntry
from danchu.reports.models import Submission

OK, LOGIN, DENIED = 200, 302, 403


def expect(allowed: set[str]) -> dict[str, int]:
    return {p: LOGIN if p == "anonymous" else (OK if p in allowed else DENIED) for p in PERSONAS}


OF_COMMUNE = {"admin", "province_official", "commune_official", "oversight_member"}
OF_PROVINCE = {"admin", "province_official"}
BELOW_PROVINCE = OF_COMMUNE | {"sibling_official"}

PAGES = [
    ("reports:unit", lambda t, r, s: {"unit_id": t.commune.pk}, expect(OF_COMMUNE)),
    ("reports:create", lambda t, r, s: {"unit_id": t.province.pk}, expect(OF_PROVINCE)),
    ("reports:regime", lambda t, r, s: {"regime_id": r.pk}, expect(BELOW_PROVINCE)),
    ("reports:scorecard", lambda t, r, s: {"regime_id": r.pk}, expect(OF_PROVINCE)),
    ("reports:completeness", lambda t, r, s: {"regime_id": r.pk, "period": "2026S1"}, expect(OF_PROVINCE)),
    ("reports:rollup", lambda t, r, s: {"regime_id": r.pk, "period": "2026S1"}, expect(OF_PROVINCE)),
    ("reports:dhis2", lambda t, r, s: {"regime_id": r.pk, "period": "2026S1"}, expect(OF_PROVINCE)),
    ("reports:entry_sheet", lambda t, r, s: {"regime_id": r.pk, "period": "2026S1"}, expect(OF_PROVINCE)),
    ("reports:submission", lambda t, r, s: {"submission_id": s.pk}, expect(OF_COMMUNE)),
    ("reports:download", lambda t, r, s: {"submission_id": s.pk, "kind": "docx"}, expect(OF_COMMUNE)),
]


@pytest.mark.parametrize(("name", "kwargs", "expected"), PAGES, ids=[p[0] for p in PAGES])
@pytest.mark.parametrize("persona", PERSONAS)
def test_page_matrix(tree, personas, regime, login, name, kwargs, expected, persona):
    report = Submission.objects.get(regime=regime, unit=tree.commune)
    response = login(personas[persona]).get(reverse(name, kwargs=kwargs(tree, regime, report)))
    assert response.status_code == expected[persona], (name, persona)


WRITES = [
    ("reports:submission", lambda s: {"submission_id": s.pk}, {"v_MC_RECEIVED": "1", "action": "save"},
     {"admin", "province_official", "commune_official"}),
    ("reports:review", lambda s: {"submission_id": s.pk, "action": "return"}, {"comment": "x"}, OF_PROVINCE),
    ("reports:review", lambda s: {"submission_id": s.pk, "action": "unlock"},
     {"until": "20/12/2026", "reason": "x"}, OF_PROVINCE),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "kwargs", "data", "allowed"), WRITES, ids=[w[0] + str(i) for i, w in enumerate(WRITES)]
)
@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
def test_refused_writes_leave_nothing(tree, personas, regime, login, name, kwargs, data, allowed, persona):
    report = Submission.objects.get(regime=regime, unit=tree.commune)
    before = AuditEntry.objects.count()
    response = login(personas[persona]).post(reverse(name, kwargs=kwargs(report)), data)
    if persona in allowed:
        assert response.status_code in (200, 302, 400)
    else:
        assert response.status_code == DENIED, (name, persona)
        assert AuditEntry.objects.count() == before
