"""Who hears about a petition (thông báo): the unit's managers when it arrives, the agency when it is
given to it, the sender (with an account) when it is answered, and everyone on it when it reopens."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from danchu.accounts.models import Role, RoleAssignment
from danchu.accounts.notifications import Message, deliver

from ..models import Petition

MANAGER_ROLES = (Role.FOCAL_OFFICER, Role.UNIT_LEADER)
KIND = "petition"


def managers(unit_ids: set[int]) -> dict[int, set[int]]:
    return responsible(unit_ids, set())[0]


def agency_officers(agency_ids: set[int]) -> dict[int, set[int]]:
    return responsible(set(), agency_ids)[1]


def responsible(unit_ids: set[int], agency_ids: set[int]) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """Who answers for these units (their managers, by unit) and agencies (their officers, by agency), in
    one query."""
    by_unit: dict[int, set[int]] = {}
    by_agency: dict[int, set[int]] = {}
    rows = RoleAssignment.objects.filter(
        Q(unit_id__in=unit_ids, role__in=MANAGER_ROLES) | Q(agency_id__in=agency_ids), revoked_at__isnull=True
    )
    for user_id, unit_id, agency_id, role in rows.values_list("user_id", "unit_id", "agency_id", "role"):
        if unit_id in unit_ids and role in MANAGER_ROLES:
            by_unit.setdefault(unit_id, set()).add(user_id)
        if agency_id in agency_ids:
            by_agency.setdefault(agency_id, set()).add(user_id)
    return by_unit, by_agency


def url(petition_id: int) -> str:
    return reverse("petitions:petition", args=[petition_id])


def _send(users: set[int], petition: Petition, event: str, title: str) -> int:
    return deliver(
        Message(user_id=u, key=f"{KIND}:{petition.pk}:{event}", title=title, url=url(petition.pk))
        for u in users
    )


def received(petition: Petition) -> int:
    users = managers({petition.unit_id}).get(petition.unit_id, set())
    return _send(
        users,
        petition,
        "received",
        f"Phản ánh mới {petition.letter.tracking_code}: {petition.letter.subject}",
    )


def routed(petition: Petition) -> int:
    users = (
        agency_officers({petition.agency_id}).get(petition.agency_id, set()) if petition.agency_id else set()
    )
    event = f"routed:{petition.agency_id}:{petition.reopened}"
    return _send(
        users,
        petition,
        event,
        f"Được giao xử lý phản ánh {petition.letter.tracking_code}, hạn {petition.due_on:%d/%m/%Y}",
    )


def answered(petition: Petition) -> int:
    account = petition.letter.account_id
    if account is None:
        return 0
    return deliver(
        [
            Message(
                user_id=account,
                key=f"{KIND}:{petition.pk}:answered:{petition.reopened}",
                title=f"Phản ánh {petition.letter.tracking_code} đã có trả lời",
                url=reverse("petitions:track", args=[petition.letter.tracking_code]),
            )
        ]
    )


def reopened(petition: Petition) -> int:
    users = managers({petition.unit_id}).get(petition.unit_id, set())
    if petition.agency_id:
        users |= agency_officers({petition.agency_id}).get(petition.agency_id, set())
    return _send(
        users,
        petition,
        "reopened",
        f"Phản ánh {petition.letter.tracking_code} bị mở lại: người gửi chưa hài lòng; "
        f"hạn mới {petition.due_on:%d/%m/%Y}",
    )
