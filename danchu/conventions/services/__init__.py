"""Writes of hương ước, quy ước: each begins by reading its record again through the door, locked."""

from .adoption import Outcome, record_ballot, record_meeting
from .drafting import (
    create_convention,
    earliest_close,
    post_draft,
    start_amendment,
    text_of_document,
    update_draft,
)
from .lifecycle import change_force, record_review
from .opinions import give_opinion, record_paper_opinion
from .recognition import file_with_commune, recognise, refuse
from .voting import adopt_from_decision, decision_of, organise_vote

__all__ = [
    "Outcome",
    "adopt_from_decision",
    "change_force",
    "create_convention",
    "decision_of",
    "earliest_close",
    "file_with_commune",
    "give_opinion",
    "organise_vote",
    "post_draft",
    "recognise",
    "record_ballot",
    "record_meeting",
    "record_paper_opinion",
    "record_review",
    "refuse",
    "start_amendment",
    "text_of_document",
    "update_draft",
]
