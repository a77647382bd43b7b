"""Reads of hương ước, quy ước: the doors to a convention and to one of its versions, the lists of a
unit, the households counted, and the public register of a commune.

Officials reach records through `access_*` with a permission; a household reaches a posted draft of its
own village through `access_version(perm=OPINE)` (the policy checks its village, the service its
household); the public reaches only conventions that were once recognised (`public_conventions`).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet

from danchu.accounts.models import Role
from danchu.core.access import access, access_public
from danchu.core.actors import Actor
from danchu.core.policy import Perm, within
from danchu.units.models import Household, Unit

from .models import (
    Article,
    Convention,
    ConventionEvent,
    ConventionStatus,
    ConventionVersion,
    Opinion,
    VersionState,
)
from .permissions import ConventionPerm

LABEL = "hương ước, quy ước"
VERSION_LABEL = "bản hương ước, quy ước"
# The states in which a version is still on its way (one at a time per convention).
OPEN_STATES = (VersionState.DRAFT, VersionState.POSTED, VersionState.ADOPTED, VersionState.FILED)
PUBLIC_STATUSES = (ConventionStatus.IN_FORCE, ConventionStatus.SUSPENDED, ConventionStatus.ABOLISHED)


def access_convention(
    *, actor: Actor | None, convention_id: int | str, perm: Perm, for_write: bool = False
) -> Convention:
    rows = Convention.objects.select_related("unit", "current")
    return access(rows, convention_id, actor=actor, perm=perm, label=LABEL, for_write=for_write)


def access_version(
    *, actor: Actor | None, version_id: int | str, perm: Perm, for_write: bool = False
) -> ConventionVersion:
    rows = ConventionVersion.objects.select_related("convention__unit", "convention__current")
    if perm == ConventionPerm.OPINE:  # a household reads only a draft that is posted for opinions
        rows = rows.filter(state=VersionState.POSTED)
    return access(rows, version_id, actor=actor, perm=perm, label=VERSION_LABEL, for_write=for_write)


def of_unit(actor: Actor | None, unit: Unit) -> QuerySet[Convention]:
    """The conventions of a village, or of every village of a commune, that `actor` may read."""
    rows = Convention.objects.filter(unit__path__startswith=unit.path)
    return (
        within(rows, actor, ConventionPerm.VIEW)
        .select_related("unit", "current")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=ConventionVersion.objects.filter(state__in=OPEN_STATES).order_by("-number"),
                to_attr="open_versions",
            )
        )
        .order_by("unit__name", "title", "id")
    )


def versions_of(convention: Convention) -> list[ConventionVersion]:
    return list(convention.versions.order_by("-number"))


def articles_of(version: ConventionVersion) -> list[Article]:
    return list(version.articles.order_by("number"))


def events_of(convention: Convention) -> list[ConventionEvent]:
    return list(convention.events.select_related("version", "actor").order_by("on", "id"))


def opinions_of(version: ConventionVersion) -> list[Opinion]:
    return list(version.opinions.select_related("household__representative", "recorded_by"))


def open_version(convention: Convention) -> ConventionVersion | None:
    return convention.versions.filter(state__in=OPEN_STATES).order_by("-number").first()


def latest_version(convention: Convention) -> ConventionVersion | None:
    return convention.versions.order_by("-number").first()


def households_on(unit: Unit, day: dt.date) -> QuerySet[Household]:
    """The households of the village on `day`: those of its register not dissolved by then. (The register
    keeps no date of entry, so a household entered after `day` counts too: record the counts promptly.)"""
    return Household.objects.filter(village=unit).filter(
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=day)
    )


def household_of(actor: Actor | None, unit: Unit) -> Household | None:
    """The active household of `unit` the actor's citizen account belongs to, if any."""
    from danchu.accounts.permissions import active_assignments

    if actor is None or not actor.is_authenticated:
        return None
    for assignment in active_assignments(actor):
        resident = assignment.resident
        if assignment.role == Role.CITIZEN and resident is not None and resident.left_on is None:
            household = Household.objects.filter(pk=resident.household_id, village=unit).first()
            if household is not None and household.dissolved_on is None:
                return household
    return None


def own_opinion(version: ConventionVersion, household: Household) -> Opinion | None:
    return version.opinions.filter(household=household).first()


def posted_for(actor: Actor | None) -> list[ConventionVersion]:
    """Drafts posted for opinions in the villages of the actor's households (the household's page)."""
    from danchu.accounts.permissions import active_assignments

    if actor is None or not actor.is_authenticated:
        return []
    villages = [
        a.resident.household.village_id
        for a in active_assignments(actor)
        if a.role == Role.CITIZEN and a.resident is not None
    ]
    return list(
        ConventionVersion.objects.filter(state=VersionState.POSTED, convention__unit_id__in=villages)
        .select_related("convention__unit")
        .order_by("opinions_until", "id")
    )


# Public register (sổ theo dõi hương ước, quy ước công khai) ------------------------------------------


def public_conventions() -> QuerySet[Convention]:
    return Convention.objects.filter(status__in=PUBLIC_STATUSES, current__isnull=False)


def register(commune: Unit) -> QuerySet[Convention]:
    """Every convention of the commune's villages that was recognised, in force first."""
    return (
        public_conventions()
        .filter(unit__path__startswith=commune.path)
        .select_related("unit", "current")
        .order_by("status", "unit__name", "title", "id")
    )


def access_public_convention(convention_id: int | str) -> Convention:
    rows = public_conventions().select_related("unit__parent", "current")
    return access_public(rows, convention_id, label=LABEL)


def public_history(convention: Convention) -> list[ConventionEvent]:
    """The steps the public sees: from the recognition of the first text on, and the steps before it
    that the recognised texts went through (never a draft still being written)."""
    recognised = list(
        convention.versions.filter(state__in=(VersionState.RECOGNISED, VersionState.SUPERSEDED)).values_list(
            "pk", flat=True
        )
    )
    return list(
        convention.events.filter(Q(version_id__in=recognised) | Q(version__isnull=True))
        .select_related("version")
        .order_by("on", "id")
    )


def public_versions(convention: Convention) -> list[ConventionVersion]:
    return list(
        convention.versions.filter(state__in=(VersionState.RECOGNISED, VersionState.SUPERSEDED)).order_by(
            "-number"
        )
    )


def access_public_version(convention: Convention, version_id: int | str) -> ConventionVersion:
    rows = convention.versions.filter(state__in=(VersionState.RECOGNISED, VersionState.SUPERSEDED))
    return access_public(rows.select_related("convention__unit"), version_id, label=VERSION_LABEL)
