"""The conventions API's schemas (names unique across the whole API, hence the prefix)."""

from __future__ import annotations

import datetime as dt

from ninja import Schema

from danchu.conventions import selectors
from danchu.conventions.models import Article, ConventionVersion

from ..base import IsoDate


class ConventionArticleOut(Schema):
    number: int
    chapter: str
    chapter_title: str
    title: str
    body: str
    change: str
    status: str
    status_reason: str


class ConventionVersionOut(Schema):
    id: int
    convention_id: int
    number: int
    state: str
    summary: str
    posted_on: IsoDate | None
    opinions_until: IsoDate | None
    adoption_form: str
    adopted_on: IsoDate | None
    households_total: int | None
    households_present: int | None
    households_approving: int | None
    failed_meeting_on: IsoDate | None
    decision_id: int | None
    file_due_on: IsoDate | None
    filed_on: IsoDate | None
    recognition_due_on: IsoDate | None
    recognised_on: IsoDate | None
    decision_number: str
    refusal_reason: str
    articles: list[ConventionArticleOut]

    @staticmethod
    def resolve_articles(obj: ConventionVersion) -> list[Article]:
        return selectors.articles_of(obj)


class ConventionOut(Schema):
    id: int
    unit_id: int
    kind: str
    title: str
    status: str
    status_reason: str
    current_id: int | None
    effective_on: IsoDate | None
    last_reviewed_on: IsoDate | None


class ConventionEventOut(Schema):
    kind: str
    on: IsoDate
    version_id: int | None
    articles: list[int]
    reason: str
    document_number: str


class ConventionIn(Schema):
    kind: str
    title: str
    text: str


class ConventionDraftIn(Schema):
    text: str
    summary: str = ""


class ConventionAmendIn(Schema):
    summary: str


class ConventionPostIn(Schema):
    place: str
    posted_on: IsoDate | None = None
    opinions_until: IsoDate | None = None


class ConventionOpinionIn(Schema):
    text: str
    article_number: int | None = None


class ConventionPaperOpinionIn(ConventionOpinionIn):
    household_id: int
    given_on: IsoDate | None = None


class ConventionOpinionOut(Schema):
    id: int
    household_id: int
    article_number: int | None
    text: str
    channel: str
    given_on: IsoDate


class ConventionMeetingIn(Schema):
    on: IsoDate | None = None
    present: int
    approving: int


class ConventionBallotIn(Schema):
    on: IsoDate | None = None
    returned: int
    approving: int


class ConventionOutcomeOut(Schema):
    quorum_met: bool
    adopted: bool
    households_total: int
    approvals_needed: int
    quorum_needed: int
    version: ConventionVersionOut


class ConventionDateIn(Schema):
    on: IsoDate | None = None


class ConventionRecogniseIn(Schema):
    on: IsoDate | None = None
    decision_number: str


class ConventionReasonIn(Schema):
    on: IsoDate | None = None
    reason: str


class ConventionReviewIn(Schema):
    on: IsoDate | None = None
    notes: str


class ConventionForceIn(Schema):
    kind: str  # suspended | abolished | resumed
    reason: str
    articles: list[int] = []
    on: IsoDate | None = None
    document_number: str = ""


class ConventionVoteIn(Schema):
    meeting_at: dt.datetime
    meeting_place: str
