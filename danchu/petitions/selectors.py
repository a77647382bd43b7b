"""Reads of the letter register and the petitions, and their doors.

Officials reach a letter or a petition through `access_letter` / `access_petition` with a permission;
an agency officer resolves only the petitions given to the agency it works for. The public reaches
petitions through `public_petitions` (personal data never leaves this module for them: the public
row carries the subject, text, place, status and answers, never the sender) and a letter through its
tracking code (`letter_by_code`), the credential a citizen holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When

from danchu.accounts.models import Role, User
from danchu.accounts.permissions import active_assignments, role_perms
from danchu.core import policy
from danchu.core.access import access, access_public
from danchu.core.actors import Actor
from danchu.core.errors import PermissionDeniedError
from danchu.core.policy import Perm
from danchu.units.models import Agency, Tier, Unit

from .models import (
    OPEN_STATUSES,
    Category,
    Classification,
    Letter,
    Petition,
    Photo,
    PhotoKind,
    Sender,
    Update,
)
from .permissions import PetitionPerm

LETTER = "đơn"
PETITION = "phản ánh"
CATEGORY = "lĩnh vực phản ánh"
PHOTO = "ảnh"


def access_letter(
    *, actor: Actor | None, letter_id: int | str, perm: Perm, for_write: bool = False
) -> Letter:
    """A letter of the register `actor` may do `perm` on (404 missing, 403 forbidden)."""
    rows = (
        Letter.objects.select_related("unit")
        if for_write
        else Letter.objects.select_related("unit", "transferred_to", "forwarded_from__unit")
    )
    return access(rows, letter_id, actor=actor, perm=perm, label=LETTER, for_write=for_write)


def letters_by_ids(ids: Iterable[int]) -> list[Letter]:
    """The letters with these ids, in the given order (for the apps layered above: a reception visit
    lists the letters it produced). No permission: the caller has already passed its own door."""
    wanted = list(ids)
    found = {letter.pk: letter for letter in Letter.objects.filter(pk__in=wanted).select_related("unit")}
    return [found[i] for i in wanted if i in found]


def sender_of(*, actor: Actor | None, letter: Letter) -> Sender | None:
    """Who sent `letter`, for those allowed to know (None for everyone else)."""
    if not policy.allowed(actor, PetitionPerm.VIEW_SENDER, letter):
        return None
    if letter.classification == Classification.DENUNCIATION and not handles_denunciations(actor, letter):
        return None
    return Sender.objects.filter(letter=letter).first()


def handles_denunciations(actor: Actor | None, letter: Letter) -> bool:
    """Whether `actor` handles the denunciations of `letter`'s unit: the Law on Denunciations protects
    the denouncer, so only the unit's leader (who settles them) may know who denounced. The register
    has no per-letter handler yet; when it does, the one the letter is assigned to joins here."""
    if actor is None or not actor.is_authenticated:
        return False
    return any(
        assignment.role == Role.UNIT_LEADER and assignment.unit_id == letter.unit_id
        for assignment in active_assignments(actor)
    )


def agency_ids(actor: Actor | None, unit: Unit) -> set[int] | None:
    """The agencies whose petitions `actor` resolves in `unit`; None when it resolves them all (an
    official of the unit or above, or the administrator)."""
    if actor is None or not actor.is_authenticated:
        return set()
    found: set[int] = set()
    for assignment in active_assignments(actor):
        if PetitionPerm.RESOLVE not in role_perms(assignment.role):
            continue
        if assignment.role == Role.SYSTEM_ADMIN:
            return None
        if assignment.unit is None or not unit.path.startswith(assignment.unit.path):
            continue
        if assignment.role != Role.AGENCY_OFFICER or assignment.agency_id is None:
            return None
        found.add(assignment.agency_id)
    return found


def access_petition(
    *, actor: Actor | None, petition_id: int | str, perm: Perm, for_write: bool = False
) -> Petition:
    """A petition `actor` may do `perm` on; RESOLVE by an agency officer needs the agency to be its own."""
    rows = Petition.objects.select_related("unit", "letter", "category", "agency")
    petition = access(rows, petition_id, actor=actor, perm=perm, label=PETITION, for_write=for_write)
    if perm == PetitionPerm.RESOLVE:
        allowed = agency_ids(actor, petition.unit)
        if allowed is not None and petition.agency_id not in allowed:
            raise PermissionDeniedError()
    return petition


def access_category(
    *, actor: Actor | None, category_id: int | str, perm: Perm, for_write: bool = False
) -> Category:
    rows = Category.objects.select_related("unit", "agency")
    return access(rows, category_id, actor=actor, perm=perm, label=CATEGORY, for_write=for_write)


def access_unit(*, actor: Actor | None, unit_id: int | str, perm: Perm) -> Unit:
    return access(Unit.objects.all(), unit_id, actor=actor, perm=perm, label="đơn vị")


def commune_in_force(code: str) -> Unit | None:
    """The commune in force whose official code is `code` (None when there is none). The unit tree
    keeps the units merged away in 2025 (`valid_to` set), and the new communes reuse many of their
    codes: a code names the unit in force, never a dissolved one."""
    code = (code or "").strip()
    if not code or len(code) > 20:
        return None
    return Unit.objects.filter(code=code, tier=Tier.COMMUNE, valid_to__isnull=True).order_by("id").first()


def letter_by_code(code: str) -> Letter:
    """The letter whose tracking code is `code` (the citizen's credential); 404 otherwise, the same
    answer for a guessed code as for a mistyped one."""
    code = (code or "").strip().upper()
    rows = Letter.objects.filter(tracking_code=code).select_related("unit")
    found = rows.values_list("pk", flat=True).first() if 0 < len(code) <= 20 else None
    return access_public(rows, found or 0, label=LETTER)


def code_exists(code: str) -> bool:
    """Whether a tracking code names a letter (the lookup form says so on its own page, where a mistyped
    code can be corrected, rather than answering 404)."""
    return Letter.objects.filter(tracking_code=code).exists()


def categories(unit: Unit, *, active_only: bool = True) -> QuerySet[Category]:
    rows = Category.objects.filter(unit=unit).select_related("agency")
    return rows.filter(active=True) if active_only else rows


def public_petitions(unit: Unit) -> QuerySet[Petition]:
    """A commune's petitions as the public sees them: no sender, newest first."""
    return (
        Petition.objects.filter(unit=unit)
        .select_related("letter", "category", "agency")
        .only(
            "id",
            "status",
            "address",
            "due_on",
            "answer",
            "created_at",
            "closed_at",
            "reopened",
            "unit_id",
            "letter__subject",
            "letter__text",
            "letter__received_on",
            "letter__tracking_code",
            "category__name",
            "agency__name",
        )
        .order_by("-created_at", "-id")
    )


def access_public_petition(*, petition_id: int | str) -> Petition:
    rows = Petition.objects.select_related("unit", "letter", "category", "agency").prefetch_related(
        Prefetch("photos", queryset=Photo.objects.order_by("at", "id")),
        Prefetch("updates", queryset=Update.objects.order_by("at", "id")),
    )
    return access_public(rows, petition_id, label=PETITION)


def access_public_photo(*, photo_id: int | str) -> Photo:
    """A petition's photo or evidence: public like the petition's page."""
    return access_public(Photo.objects.select_related("petition"), photo_id, label=PHOTO)


def inbox(
    *, actor: Actor | None, unit: Unit, agency_id: int | None = None, today: dt.date
) -> QuerySet[Petition]:
    """Open petitions of `unit` (and below) for the officer: overdue first, then by due date; an agency
    officer sees its own agency's."""
    rows = policy.within(
        Petition.objects.filter(status__in=OPEN_STATUSES, unit__path__startswith=unit.path),
        actor,
        PetitionPerm.VIEW,
    )
    seen = _inbox_agency_ids(actor, unit)
    if seen is not None:
        rows = rows.filter(agency_id__in=seen)
    if agency_id is not None:
        rows = rows.filter(agency_id=agency_id)
    overdue = Case(When(due_on__lt=today, then=Value(0)), default=Value(1), output_field=IntegerField())
    return rows.select_related("letter", "category", "agency", "unit").order_by(overdue, "due_on", "id")


def _inbox_agency_ids(actor: Actor | None, unit: Unit) -> set[int] | None:
    """The agencies whose petitions an agency officer sees in the inbox; None for whoever handles them all."""
    allowed = agency_ids(actor, unit)
    return None if allowed is None or policy.allowed(actor, PetitionPerm.HANDLE, unit) else allowed


def inbox_agencies(*, actor: Actor | None, unit: Unit) -> QuerySet[Agency]:
    """The agencies the inbox can be filtered to: the open ones whose petitions `actor` sees there."""
    rows = unit.agencies.filter(closed_on__isnull=True)
    seen = _inbox_agency_ids(actor, unit)
    return rows if seen is None else rows.filter(pk__in=seen)


def register(*, actor: Actor | None, unit: Unit) -> QuerySet[Letter]:
    """The unit's register of letters (sổ xử lý đơn), pending ones first by their deadline."""
    rows = policy.within(Letter.objects.filter(unit__path__startswith=unit.path), actor, PetitionPerm.VIEW)
    pending = Case(When(outcome="pending", then=Value(0)), default=Value(1), output_field=IntegerField())
    return rows.select_related("unit", "transferred_to").order_by(pending, "process_by", "-id")


def evidence_count(petition: Petition) -> int:
    """The evidence behind the petition's current answer: a reopened petition ("not satisfied") closes
    only on evidence uploaded after its last reopening, never again on the old."""
    rows = petition.photos.filter(kind=PhotoKind.EVIDENCE)
    if petition.reopened:
        reopened_at = (
            Update.objects.filter(petition=petition, external_status="REOPEN")
            .order_by("-at", "-id")
            .values_list("at", flat=True)
            .first()
        )
        if reopened_at is not None:
            rows = rows.filter(at__gt=reopened_at)
    return rows.count()


def own_petition(*, actor: Actor | None, petition: Petition) -> bool:
    """Whether `actor` sent `petition` with its account (it may then rate it without the code)."""
    return bool(actor is not None and actor.is_authenticated and petition.letter.account_id == actor.pk)


def holder_filter(user: User) -> Q:
    return Q(letter__account=user)
