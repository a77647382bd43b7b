"""Figures for periodic reports (số liệu báo cáo): letters processed, by the columns of "Biểu số 01/XLD –
Tổng hợp kết quả xử lý đơn" (domain.md §3.4), and the petitions' SLA figures.

The 01/XLD columns were read from a summary of the form, not the circular's annex (unverified): received
this period and carried over; processed; eligible or not; by type (complaint, denunciation, petition);
one or several signatories; within or outside competence; result (guided, transferred); a later app adds
resolved / being resolved for complaints and denunciations.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Count, Q

from .models import OPEN_STATUSES, Classification, Letter, Outcome, Petition, Rating, Status

LETTER_KEYS = (
    "letters_carried_over",
    "letters_received",
    "letters_processed",
    "letters_eligible",
    "letters_not_eligible",
    "letters_complaint",
    "letters_denunciation",
    "letters_petition",
    "letters_single_signer",
    "letters_many_signers",
    "letters_within_competence",
    "letters_outside_competence",
    "letters_guided",
    "letters_transferred",
    "letters_refused",
)
PETITION_KEYS = (
    "petitions_received",
    "petitions_resolved_on_time",
    "petitions_resolved_late",
    "petitions_overdue",
    "petitions_reopened",
    "petitions_satisfied",
    "petitions_not_satisfied",
)


def report_statistics(unit_ids: list[int], start: dt.date, end: dt.date) -> dict[int, dict[str, int]]:
    """Per unit: the letters of its own register and its petitions in [start, end]."""
    result: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(LETTER_KEYS + PETITION_KEYS, 0))
    for unit_id in unit_ids:
        result[unit_id]
    in_period = Q(received_on__gte=start, received_on__lte=end)
    carried = Q(received_on__lt=start) & (Q(decided_on__isnull=True) | Q(decided_on__gte=start))
    decided = Q(decided_on__gte=start, decided_on__lte=end)
    eligible = ~Q(classification__in=[Classification.NOT_ELIGIBLE, Classification.UNCLASSIFIED])
    letters = (
        Letter.objects.filter(unit_id__in=unit_ids)
        .values("unit_id")
        .annotate(
            letters_carried_over=Count("id", filter=carried),
            letters_received=Count("id", filter=in_period),
            letters_processed=Count("id", filter=decided),
            letters_eligible=Count("id", filter=decided & eligible),
            letters_not_eligible=Count("id", filter=decided & Q(classification=Classification.NOT_ELIGIBLE)),
            letters_complaint=Count("id", filter=in_period & Q(classification=Classification.COMPLAINT)),
            letters_denunciation=Count(
                "id", filter=in_period & Q(classification=Classification.DENUNCIATION)
            ),
            letters_petition=Count("id", filter=in_period & Q(classification=Classification.PETITION)),
            letters_single_signer=Count("id", filter=in_period & Q(signers__lte=1)),
            letters_many_signers=Count("id", filter=in_period & Q(signers__gt=1)),
            letters_within_competence=Count("id", filter=decided & Q(outcome=Outcome.ACCEPTED)),
            letters_outside_competence=Count(
                "id", filter=decided & Q(outcome__in=[Outcome.GUIDED, Outcome.TRANSFERRED])
            ),
            letters_guided=Count("id", filter=decided & Q(outcome=Outcome.GUIDED)),
            letters_transferred=Count("id", filter=decided & Q(outcome=Outcome.TRANSFERRED)),
            letters_refused=Count("id", filter=decided & Q(outcome=Outcome.REFUSED)),
        )
    )
    for row in letters:
        figures: dict[str, Any] = dict(row)
        result[int(figures.pop("unit_id"))].update(figures)
    closed = Q(status=Status.RESOLVED, closed_at__date__gte=start, closed_at__date__lte=end)
    petitions = (
        Petition.objects.filter(unit_id__in=unit_ids)
        .values("unit_id")
        .annotate(
            petitions_received=Count(
                "id", filter=Q(letter__received_on__gte=start, letter__received_on__lte=end)
            ),
            petitions_resolved_on_time=Count("id", filter=closed & Q(late=False)),
            petitions_resolved_late=Count("id", filter=closed & Q(late=True)),
            petitions_overdue=Count("id", filter=Q(status__in=OPEN_STATUSES, due_on__lt=end)),
            petitions_reopened=Count("id", filter=Q(reopened__gt=0, updated_at__date__gte=start)),
            petitions_satisfied=Count(
                "id", filter=Q(rating=Rating.SATISFIED, rated_at__date__gte=start, rated_at__date__lte=end)
            ),
            # every "not satisfied" given: a reopened petition's first rating was one (it is rated afresh)
            petitions_not_satisfied=Count(
                "id",
                filter=Q(rated_at__date__gte=start, rated_at__date__lte=end)
                & (Q(rating=Rating.NOT_SATISFIED) | Q(reopened__gt=0)),
            ),
        )
    )
    for line in petitions:
        figures = dict(line)
        result[int(figures.pop("unit_id"))].update(figures)
    return {unit_id: result[unit_id] for unit_id in unit_ids}
