"""Permission matrix of the report pages for every persona along the hierarchy."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import PERSONAS
from danchu.core.models import AuditEntry
from danchu.reports import services
from danchu.reports.models import Submission, SubmissionStatus

from .conftest import at

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


SENDERS = {"admin", "province_official", "commune_official"}
# (page, its arguments, the form, who may, the report's state before, the audit entry the write leaves)
WRITES = [
    ("reports:submission", lambda s: {"submission_id": s.pk}, {"v_MC_RECEIVED": "1", "action": "save"},
     SENDERS, SubmissionStatus.DRAFT, "reports.submission.save"),
    ("reports:review", lambda s: {"submission_id": s.pk, "action": "return"}, {"comment": "x"}, OF_PROVINCE,
     SubmissionStatus.SUBMITTED, "reports.submission.return"),
    ("reports:review", lambda s: {"submission_id": s.pk, "action": "unlock"},
     {"until": "20/06/2026", "reason": "x"}, OF_PROVINCE,
     SubmissionStatus.DRAFT, "reports.submission.unlock"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "kwargs", "data", "allowed", "state", "action"),
    WRITES,
    ids=[w[0] + str(i) for i, w in enumerate(WRITES)],
)
@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
def test_writes_are_done_by_the_allowed_and_leave_nothing_otherwise(
    tree, personas, regime, login, name, kwargs, data, allowed, state, action, persona
):
    report = Submission.objects.get(regime=regime, unit=tree.commune)
    with at(2026, 6, 10):  # the H1 2026 report is open for entry; the 90-day cap of an exception is ahead
        if state == SubmissionStatus.SUBMITTED:
            sender = personas["commune_official"]
            services.save_values(actor=sender, submission=report, values={"MC_RECEIVED": "40"})
            services.submit(actor=sender, submission=report)
        before = AuditEntry.objects.count()
        response = login(personas[persona]).post(reverse(name, kwargs=kwargs(report)), data)
    written = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)[before:])
    if persona in allowed:
        assert (response.status_code, written) == (302, [action]), (name, persona)
    else:
        assert (response.status_code, written) == (DENIED, []), (name, persona)
    report.refresh_from_db()
    assert report.status == (
        SubmissionStatus.RETURNED if persona in allowed and action.endswith("return") else state
    )
