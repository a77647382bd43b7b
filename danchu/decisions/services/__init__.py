"""Writes of dân bàn, dân quyết. One module per step; import the package
(`from danchu.decisions import services`). Every write is keyword-only, runs in one transaction, reads its
decision again through the door locked, checks the state on that row, and leaves one audit entry."""

from __future__ import annotations

from .ballots import DuplicateBallotError, cast_online, issue_paper_ballots, record_paper_return
from .decisions import (
    ONLINE_PRECONDITIONS,
    OptionSpec,
    QuestionSpec,
    announce,
    authorise_member,
    create_decision,
    open_voting,
    switch_to_ballot,
)
from .elections import MILESTONES, create_election, record_step, timeline
from .implementation import TASK_SOURCE, open_implementation_task
from .meeting import record_attendance, record_meeting_counts, record_procedural_vote
from .results import (
    canonical_record,
    close_due,
    close_voting,
    digest_of,
    mark_implemented,
    publish_result,
    recognise,
    refuse_recognition,
    rerun,
    tally,
)

__all__ = [
    "MILESTONES",
    "ONLINE_PRECONDITIONS",
    "TASK_SOURCE",
    "DuplicateBallotError",
    "OptionSpec",
    "QuestionSpec",
    "announce",
    "authorise_member",
    "canonical_record",
    "cast_online",
    "close_due",
    "close_voting",
    "create_decision",
    "create_election",
    "digest_of",
    "issue_paper_ballots",
    "mark_implemented",
    "open_implementation_task",
    "open_voting",
    "publish_result",
    "recognise",
    "record_attendance",
    "record_meeting_counts",
    "record_paper_return",
    "record_procedural_vote",
    "record_step",
    "refuse_recognition",
    "rerun",
    "switch_to_ballot",
    "tally",
    "timeline",
]
