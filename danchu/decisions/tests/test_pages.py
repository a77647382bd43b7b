"""Pages of dân bàn, dân quyết: the permission matrix, refused writes, documents, households' and public
pages, and query counts that do not grow with households or decisions."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import PERSONAS
from danchu.core.models import AuditEntry
from danchu.decisions import selectors, services
from danchu.decisions.models import Decision, Participation

from .conftest import at, ballot, citizen_of, households, opened, options, road

OK, LOGIN, DENIED = 200, 302, 403
READERS = {"admin", "province_official", "commune_official", "oversight_member", "village_head"}
MANAGERS = {"admin", "province_official", "commune_official", "village_head"}


def expect(allowed: set[str]) -> dict[str, int]:
    return {p: LOGIN if p == "anonymous" else (OK if p in allowed else DENIED) for p in PERSONAS}


@pytest.fixture
def decision(tree, personas):
    with at():
        return ballot(personas["village_head"], tree.village)


PAGES = [
    ("decisions:unit", lambda t, d: {"unit_id": t.village.pk}, expect(READERS)),
    ("decisions:unit", lambda t, d: {"unit_id": t.commune.pk}, expect(READERS - {"village_head"})),
    ("decisions:create", lambda t, d: {"unit_id": t.village.pk}, expect(MANAGERS)),
    ("decisions:detail", lambda t, d: {"decision_id": d.pk}, expect(READERS)),
    (
        "decisions:document",
        lambda t, d: {"decision_id": d.pk, "kind": "giay-moi", "fmt": "docx"},
        expect(READERS),
    ),
    # No batch made yet: the managers are sent back to the decision's page (the other two codes unchanged).
    (
        "decisions:paper_batch",
        lambda t, d: {"decision_id": d.pk},
        {p: LOGIN if p in MANAGERS else c for p, c in expect(MANAGERS).items()},
    ),
    ("decisions:vote", lambda t, d: {"decision_id": d.pk}, expect({"citizen"})),
    ("decisions:my_ballots", lambda t, d: {}, expect(set(PERSONAS) - {"anonymous"})),
]


@pytest.mark.parametrize(
    ("name", "kwargs", "expected"), PAGES, ids=[f"{p[0]}-{i}" for i, p in enumerate(PAGES)]
)
@pytest.mark.parametrize("persona", PERSONAS)
def test_page_matrix(tree, personas, decision, login, name, kwargs, expected, persona):
    with at():
        response = login(personas[persona]).get(reverse(name, kwargs=kwargs(tree, decision)))
    assert response.status_code == expected[persona], (name, persona)


WRITES = [
    ("decisions:close", {}, MANAGERS),
    ("decisions:issue_paper", {}, MANAGERS),
    ("decisions:authorise", {"household": 0, "resident": 0}, MANAGERS),
    ("decisions:switch", {"closes_on": "20/03/2026"}, MANAGERS),
]


@pytest.mark.parametrize(("name", "data", "allowed"), WRITES, ids=[w[0] for w in WRITES])
@pytest.mark.parametrize("persona", PERSONAS)
def test_refused_writes_change_nothing(tree, personas, decision, login, name, data, allowed, persona):
    before = AuditEntry.objects.count()
    with at():
        response = login(personas[persona]).post(reverse(name, kwargs={"decision_id": decision.pk}), data)
    decision.refresh_from_db()
    if persona in allowed:
        assert response.status_code == 302, persona
    else:
        assert response.status_code == (LOGIN if persona == "anonymous" else DENIED), persona
        assert AuditEntry.objects.count() == before and decision.state == "open"
        assert not decision.paper_ballots.exists()


@pytest.mark.parametrize("persona", ["village_head", "citizen", "sibling_official", "anonymous"])
def test_only_the_commune_recognises(tree, personas, login, persona):
    with at():
        d = ballot(personas["village_head"], tree.village)
        for h in (tree.h1, tree.h2):
            services.cast_online(
                actor=citizen_of(h, f"r{h.pk}"),
                decision_id=d.pk,
                household_id=h.pk,
                option_ids=options(d)[:1],
            )
        for step in (services.close_voting, services.tally, services.publish_result):
            step(actor=personas["village_head"], decision_id=d.pk)
        before = AuditEntry.objects.count()
        response = login(personas[persona]).post(
            reverse("decisions:recognise", args=[d.pk]), {"number": "1/QĐ", "on": "02/03/2026"}
        )
        assert response.status_code in (302, 403) and AuditEntry.objects.count() == before
        assert Decision.objects.get(pk=d.pk).state == "published"
        response = login(personas["commune_official"]).post(
            reverse("decisions:recognise", args=[d.pk]), {"number": "1/QĐ", "on": "02/03/2026"}
        )
        assert Decision.objects.get(pk=d.pk).state == "recognised"


def test_create_page_refuses_online_for_item_1_in_vietnamese(tree, personas, login):
    data = {"title": "Đường", "matter": "infrastructure", "form": "online", "kind": "approve",
            "question": "Đồng ý?", "seats": 1, "closes_on": "20/03/2026"}  # fmt: skip
    with at():
        response = login(personas["village_head"]).post(
            reverse("decisions:create", args=[tree.village.pk]), data
        )
    assert response.status_code == 400 and "khoản 6 Điều 15" in response.content.decode()
    assert not Decision.objects.exists()
    data.update(form="ballot", electronic_returns="on", title="Đường\u200b xóm")
    with at():
        response = login(personas["village_head"]).post(
            reverse("decisions:create", args=[tree.village.pk]), data
        )
    assert response.status_code == 302 and Decision.objects.get().title == "Đường xóm"


def test_meeting_page_offers_a_ballot_when_unreachable(tree, personas, login):
    with at():
        d = opened(personas["village_head"], tree.village)
        households(tree.village, 0)
        body = login(personas["village_head"]).get(reverse("decisions:detail", args=[d.pk])).content.decode()
    assert 'id="unreachable"' in body and reverse("decisions:switch", args=[d.pk]) in body


def test_household_votes_on_its_page_and_finds_its_receipt(tree, personas, login, decision):
    client = login(personas["citizen"])
    approve = options(decision)[0]
    with at():
        response = client.post(
            reverse("decisions:vote", args=[decision.pk]),
            {"household": tree.h1.pk, f"q{decision.questions.get().pk}": approve},
        )
        assert response.status_code == 302
        receipt = Participation.objects.get(decision=decision).receipt
        assert receipt in client.get(reverse("decisions:vote", args=[decision.pk])).content.decode()
        head = personas["village_head"]
        for step in (services.close_voting, services.tally, services.publish_result):
            step(actor=head, decision_id=decision.pk)
        page = client.get(reverse("decisions:public", args=[decision.pk]), {"ma": receipt.lower()})
    body = page.content.decode()
    assert "Phiếu mang mã này đã được tính" in body
    # The threshold's source, without the rulebook's working note; how sure it is shows as a mark.
    assert "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15" in body and "đáp án" not in body
    record = client.get(reverse("decisions:record", args=[decision.pk]))
    import hashlib

    decision.refresh_from_db()
    assert hashlib.sha256(record.content).hexdigest() == decision.digest


def test_documents_render(tree, personas, login, decision, django_capture_on_commit_callbacks):
    client = login(personas["village_head"])
    with at():
        with django_capture_on_commit_callbacks(execute=True):
            services.issue_paper_ballots(actor=personas["village_head"], decision_id=decision.pk)
        for kind in ("giay-moi", "bien-ban", "kiem-phieu"):
            for fmt in ("docx", "pdf"):
                response = client.get(reverse("decisions:document", args=[decision.pk, kind, fmt]))
                assert response.status_code == 200 and len(response.content) > 1000, (kind, fmt)
        batch = client.get(reverse("decisions:paper_batch", args=[decision.pk]))
    assert batch.status_code == 200 and b"".join(batch.streaming_content).startswith(b"%PDF")


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow(tree, personas, login):
    """The unit list with 1 or 6 decisions, the detail page of a meeting over 2 or 12 households."""
    head = personas["village_head"]
    client = login(head)
    with at():
        small = opened(head, tree.village)
        counts = [_queries(client, reverse("decisions:unit", args=[tree.village.pk]))]
        counts.append(_queries(client, reverse("decisions:detail", args=[small.pk])))
        households(tree.village, 10)
        large = opened(head, tree.village)
        for _ in range(4):
            road(head, tree.village)
        for h in large.register.all()[:5]:
            services.record_attendance(
                actor=head, decision_id=large.pk, household_id=h.household_id, attendee="A"
            )
        again = [_queries(client, reverse("decisions:unit", args=[tree.village.pk]))]
        again.append(_queries(client, reverse("decisions:detail", args=[large.pk])))
    assert counts == again


def test_results_page_queries_constant_in_households(tree, personas, client):
    head = personas["village_head"]

    def published(n):
        hs = households(tree.village, n, start=300 + n)
        d = ballot(head, tree.village)
        for h in hs:
            services.cast_online(
                actor=citizen_of(h), decision_id=d.pk, household_id=h.pk, option_ids=options(d)[:1]
            )
        for step in (services.close_voting, services.tally, services.publish_result):
            step(actor=head, decision_id=d.pk)
        return d

    with at():
        small, large = published(2), published(12)
        counts = [_queries(client, reverse("decisions:public", args=[x.pk])) for x in (small, large)]
        lists = _queries(client, reverse("decisions:public_list", args=[tree.commune.pk]))
    assert counts[0] == counts[1] and lists < 10
    assert selectors.compute_result(large).participated == 12
