"""Background work of community decisions: the batch of paper ballots as one PDF.

A village's batch takes tens of seconds to lay out (hundreds of pages), so the request that issues the
ballots only queues `make_paper_batch`; the db worker (`danchu db_worker`) renders it and stores the file
on the decision. The decision page shows "đang tạo…" until the stored file matches what would be printed
now, then the download link.
"""

from __future__ import annotations

import secrets

from django.core.files.base import ContentFile
from django.db import transaction
from django.tasks import task

from danchu.core import audit

from . import export
from .models import Decision, PaperBallot


def paper_batch_ready(decision: Decision) -> bool:
    """Whether the stored batch is the one the register and ballots would print now."""
    return bool(decision.paper_batch) and decision.paper_batch_key == export.paper_batch_key(decision)


def request_paper_batch(decision: Decision) -> None:
    """Queue the batch once the caller's transaction commits (nothing is queued for a rolled-back issue)."""
    pk = decision.pk
    transaction.on_commit(lambda: make_paper_batch.enqueue(pk))


@task()
def make_paper_batch(decision_id: int) -> int:
    """Render the batch if what it would print changed since the stored one; returns the pages made (0 if
    the stored file is current). The render runs outside any transaction; the file is swapped in under the
    decision's row lock, and only if the ballots did not change meanwhile (else a newer task is queued)."""
    decision = Decision.objects.select_related("unit", "unit__parent").filter(pk=decision_id).first()
    if decision is None or not PaperBallot.objects.filter(decision=decision).exists():
        return 0
    key = export.paper_batch_key(decision)
    if decision.paper_batch and decision.paper_batch_key == key:
        return 0
    body = export.paper_batch(decision)
    pages = PaperBallot.objects.filter(decision=decision).count()
    with transaction.atomic():
        locked = (
            Decision.objects.select_for_update(of=("self",))
            .select_related("unit", "unit__parent")
            .get(pk=decision_id)
        )
        if export.paper_batch_key(locked) != key:
            return 0
        old = locked.paper_batch.name if locked.paper_batch else ""
        # An unguessable name: the file carries every ballot code.
        locked.paper_batch.save(
            f"phieu-{decision_id}-{secrets.token_hex(16)}.pdf", ContentFile(body), save=False
        )
        locked.paper_batch_key = key
        locked.save(update_fields=["paper_batch", "paper_batch_key", "updated_at"])
        audit.record(
            actor=None,
            action="decisions.paper.batch",
            obj=locked,
            before={"file": old} if old else None,
            after={"pages": pages, "key": key},
            scope_unit_id=locked.unit_id,
        )
    if old:
        transaction.on_commit(lambda: locked.paper_batch.storage.delete(old))
    return pages
