"""The batch of paper ballots as one PDF, made in the background and downloaded through the one door."""

from __future__ import annotations

import io

from django.urls import reverse
from pypdf import PdfReader

from danchu.core.models import AuditEntry
from danchu.decisions import services, tasks
from danchu.decisions.models import Decision

from .conftest import at, ballot, households


def _issue(head, decision, capture):  # type: ignore[no-untyped-def]
    with capture(execute=True):
        return services.issue_paper_ballots(actor=head, decision_id=decision.pk)


def test_the_task_makes_one_page_per_household(tree, personas, django_capture_on_commit_callbacks):
    head = personas["village_head"]
    households(tree.village, 5)
    with at():
        decision = ballot(head, tree.village)
        issued = _issue(head, decision, django_capture_on_commit_callbacks)
    decision.refresh_from_db()
    assert tasks.paper_batch_ready(decision)
    with decision.paper_batch.open("rb") as f:
        assert len(PdfReader(io.BytesIO(f.read())).pages) == issued >= 5
    entry = AuditEntry.objects.filter(action="decisions.paper.batch").get()
    assert entry.after["pages"] == issued


def test_the_batch_is_made_again_only_when_the_ballots_change(
    tree, personas, django_capture_on_commit_callbacks
):
    head = personas["village_head"]
    with at():
        decision = ballot(head, tree.village)
        _issue(head, decision, django_capture_on_commit_callbacks)
        decision.refresh_from_db()
        first = decision.paper_batch.name
        assert tasks.make_paper_batch.call(decision.pk) == 0  # nothing changed: nothing rendered
        households(tree.village, 1, start=900)
        decision.register.create(household=tree.village.households.get(number="900"))
        _issue(head, decision, django_capture_on_commit_callbacks)
    decision.refresh_from_db()
    assert tasks.paper_batch_ready(decision) and decision.paper_batch.name != first
    assert AuditEntry.objects.filter(action="decisions.paper.batch").count() == 2


def test_downloading_before_the_batch_is_ready_says_so(tree, personas, login):
    head = personas["village_head"]
    with at():
        decision = ballot(head, tree.village)
        # The test's transaction never commits: the batch is not queued.
        services.issue_paper_ballots(actor=head, decision_id=decision.pk)
        client = login(head)
        page = client.get(reverse("decisions:paper_batch", args=[decision.pk]), follow=True)
        detail = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert "Tệp phiếu đang được tạo, chưa tải được" in page.content.decode()
    assert "đang tạo…" in detail and "Tải phiếu để in (PDF)" not in detail


def test_the_vote_team_downloads_the_ready_batch(tree, personas, login, django_capture_on_commit_callbacks):
    head = personas["village_head"]
    with at():
        decision = ballot(head, tree.village)
        _issue(head, decision, django_capture_on_commit_callbacks)
        client = login(head)
        detail = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
        response = client.get(reverse("decisions:paper_batch", args=[decision.pk]))
    assert "sẵn sàng" in detail and "Tải phiếu để in (PDF)" in detail
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_another_communes_official_is_refused(tree, personas, login, django_capture_on_commit_callbacks):
    head = personas["village_head"]
    with at():
        decision = ballot(head, tree.village)
        _issue(head, decision, django_capture_on_commit_callbacks)
        response = login(personas["sibling_official"]).get(
            reverse("decisions:paper_batch", args=[decision.pk])
        )
    assert response.status_code == 403
    assert Decision.objects.get(pk=decision.pk).paper_batch  # the file exists; the door still refuses
