"""Writes of tiếp công dân and đối thoại: the schedule, the log and its answers, dialogues, questions,
commitments; the daily reminders.

One module per entity; import the package (`from danchu.reception import services`). Every write is
keyword-only and typed, runs in one transaction, begins by reading its record again through the door
with `for_write=True` (the permission first, then a lock), checks the state on that locked row,
validates, changes, and leaves one audit entry.
"""

from __future__ import annotations

from .dialogues import (
    add_question,
    answer_question,
    asks_for_others,
    cancel_dialogue,
    may_ask,
    plan_dialogue,
    record_minutes,
    register_question,
)
from .letters import produce_letter
from .reminders import remind_answers
from .schedule import publish_schedule, record_absence, save_schedule
from .visits import answer_due, answer_visit, log_visit

__all__ = [
    "add_question",
    "answer_due",
    "answer_question",
    "answer_visit",
    "asks_for_others",
    "cancel_dialogue",
    "log_visit",
    "may_ask",
    "plan_dialogue",
    "produce_letter",
    "publish_schedule",
    "record_absence",
    "record_minutes",
    "register_question",
    "remind_answers",
    "save_schedule",
]
