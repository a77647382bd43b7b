"""Figures periodic reports may pre-fill ("consultations.<figure>"): consultations held in the period and
their opinions, received and answered, by channel."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Q

from .models import Channel, Consultation, Opinion, State


def provider(unit_ids: list[int], start: dt.date, end: dt.date) -> dict[int, dict[str, int]]:
    """Consultations launched with their period starting in [start, end], and their visible opinions."""
    result: dict[int, dict[str, int]] = defaultdict(
        lambda: {"held": 0, "opinions": 0, "answered": 0, **{f"opinions_{c}": 0 for c in Channel.values}}
    )
    held = (
        Consultation.objects.filter(unit_id__in=unit_ids, state__in=[State.OPEN, State.CLOSED])
        .filter(starts_on__gte=start, starts_on__lte=end)
        .values("unit_id")
        .annotate(n=Count("id"))
    )
    for row in held:
        result[row["unit_id"]]["held"] = row["n"]
    opinions = (
        Opinion.objects.filter(
            consultation__unit_id__in=unit_ids,
            consultation__state__in=[State.OPEN, State.CLOSED],
            consultation__starts_on__gte=start,
            consultation__starts_on__lte=end,
            hidden_at__isnull=True,
        )
        .values("consultation__unit_id", "channel")
        .annotate(n=Count("id"), answered=Count("id", filter=Q(response__isnull=False)))
    )
    for entry in opinions:
        figures = result[entry["consultation__unit_id"]]
        figures["opinions"] += entry["n"]
        figures["answered"] += entry["answered"]
        figures[f"opinions_{entry['channel']}"] += entry["n"]
    return {unit_id: result[unit_id] for unit_id in unit_ids}
