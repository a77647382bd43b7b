"""Records of the commune for the door walk (tests/test_one_door.py): one published decision."""

from __future__ import annotations

from typing import Any

from danchu.decisions import services

from .conftest import ballot, options


def records(tree: Any, personas: dict[str, Any]) -> dict[str, Any]:
    head = personas["village_head"]
    decision = ballot(head, tree.village)
    services.cast_online(
        actor=personas["citizen"],
        decision_id=decision.pk,
        household_id=tree.h1.pk,
        option_ids=options(decision)[:1],
    )
    services.close_voting(actor=head, decision_id=decision.pk)
    services.tally(actor=head, decision_id=decision.pk)
    services.publish_result(actor=head, decision_id=decision.pk)
    return {
        "decision_id": decision.pk,
        "commune_id": tree.commune.pk,
        "decisions:document.kind": "bien-ban",
        "decisions:document.fmt": "pdf",
    }
