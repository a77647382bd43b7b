"""The daily job: adopted texts not yet filed, and filed texts not yet recognised, after their deadline.

Each overdue version notifies once per stage (the notification's key): the village heads of the village
for filing, the commune's leaders and focal officers for recognition; the pages show it every day.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from danchu.accounts.models import Role, RoleAssignment
from danchu.accounts.notifications import Message, deliver

from .models import ConventionVersion, VersionState

COMMUNE_ROLES = (Role.UNIT_LEADER, Role.FOCAL_OFFICER)


def overdue(today: dt.date) -> list[ConventionVersion]:
    rows = ConventionVersion.objects.filter(
        state=VersionState.ADOPTED, file_due_on__lt=today
    ) | ConventionVersion.objects.filter(state=VersionState.FILED, recognition_due_on__lt=today)
    return list(rows.select_related("convention__unit").order_by("id"))


def remind_overdue(today: dt.date) -> dict[str, int]:
    """Notify who must act on each overdue convention; returns counts for the job's log."""
    late = overdue(today)
    villages = {v.convention.unit_id for v in late}
    communes = {v.convention.unit.parent_id for v in late}
    holders: dict[tuple[str, int], set[int]] = {}
    for role, unit_id, user_id in RoleAssignment.objects.filter(
        revoked_at__isnull=True, unit_id__in=villages | communes
    ).values_list("role", "unit_id", "user_id"):
        holders.setdefault((role, unit_id), set()).add(user_id)
    messages: list[Message] = []
    filing = recognition = 0
    for version in late:
        convention = version.convention
        url = reverse("conventions:version", args=[version.pk])
        if version.state == VersionState.ADOPTED:
            filing += 1
            stage, due = "filing", version.file_due_on
            users = holders.get((Role.VILLAGE_HEAD, convention.unit_id), set())
            title = f"Quá hạn gửi hồ sơ đề nghị công nhận “{convention.title}” (hạn {due:%d/%m/%Y})"
        else:
            recognition += 1
            stage, due = "recognition", version.recognition_due_on
            parent = convention.unit.parent_id or 0
            users = set().union(*(holders.get((r, parent), set()) for r in COMMUNE_ROLES))
            title = f"Quá hạn công nhận “{convention.title}” của {convention.unit.name} (hạn {due:%d/%m/%Y})"
        messages += [
            Message(user_id=u, key=f"convention:{version.pk}:{stage}", title=title, url=url) for u in users
        ]
    sent = deliver(messages)
    ConventionVersion.objects.filter(pk__in=[v.pk for v in late]).update(reminded_on=today)
    return {
        "conventions.filing_overdue": filing,
        "conventions.recognition_overdue": recognition,
        "conventions.notified": sent,
    }
