"""Filing with the commune and its recognition (NĐ 61 Art. 11): the village head sends the file within
`convention.file_to_commune_working_days` working days of the adoption; the commune UBND recognises it
(or refuses, with the reason) within `convention.recognition_working_days` working days of receiving it.
The text takes effect on the day of the recognition decision; the text it amends is superseded."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.accounts.models import User
from danchu.core import audit, rulebook
from danchu.core.calendar import add_working_days
from danchu.core.errors import DomainError
from danchu.core.text import clean_text

from .. import selectors
from ..models import (
    ArticleChange,
    ArticleStatus,
    ConventionStatus,
    ConventionVersion,
    EventKind,
    VersionState,
)
from ..permissions import ConventionPerm
from ._common import CONVENTION_FIELDS, VERSION_FIELDS, day, event, require_state


@transaction.atomic
def file_with_commune(
    *, actor: User, version: ConventionVersion, on: dt.date | None = None
) -> ConventionVersion:
    """Gửi hồ sơ đề nghị công nhận (Mẫu 01, biên bản Mẫu 02, the adopted text) to the commune UBND."""
    version = selectors.access_version(
        actor=actor, version_id=version.pk, perm=ConventionPerm.DRAFT, for_write=True
    )
    require_state(version, VersionState.ADOPTED, doing=gettext_noop("gửi hồ sơ"))
    on = day(on, field="on", label=gettext_noop("Ngày gửi hồ sơ"))
    assert version.adopted_on is not None
    if on < version.adopted_on:
        raise DomainError(
            _("Ngày gửi hồ sơ phải từ ngày thông qua (%(adopted_on)s).")
            % {"adopted_on": version.adopted_on.strftime("%d/%m/%Y")},
            field="on",
        )
    unit = version.convention.unit
    days = rulebook.number("convention.recognition_working_days", unit=unit, on=on)
    with audit.audited(
        actor=actor,
        action="conventions.version.file",
        obj=version,
        fields=VERSION_FIELDS,
        scope_unit_id=unit.pk,
    ) as change:
        version.state, version.filed_on = VersionState.FILED, on
        version.recognition_due_on = add_working_days(on, days)
        version.save()
        change.note(late=bool(version.file_due_on and on > version.file_due_on))
    event(actor=actor, convention=version.convention, version=version, kind=EventKind.FILED, on=on)
    return version


@transaction.atomic
def recognise(
    *, actor: User, version: ConventionVersion, on: dt.date | None = None, decision_number: str
) -> ConventionVersion:
    """Quyết định công nhận: the text is in force from `on`; the text it amends is superseded."""
    version = selectors.access_version(
        actor=actor, version_id=version.pk, perm=ConventionPerm.RECOGNISE, for_write=True
    )
    convention = selectors.access_convention(
        actor=actor, convention_id=version.convention_id, perm=ConventionPerm.RECOGNISE, for_write=True
    )
    require_state(version, VersionState.FILED, doing=gettext_noop("công nhận"))
    on = day(on, field="on", label=gettext_noop("Ngày công nhận"))
    assert version.filed_on is not None
    if on < version.filed_on:
        raise DomainError(
            _("Ngày công nhận phải từ ngày nhận hồ sơ (%(filed_on)s).")
            % {"filed_on": version.filed_on.strftime("%d/%m/%Y")},
            field="on",
        )
    decision_number = clean_text(
        decision_number, field="decision_number", label=gettext_noop("Số quyết định"), max_length=60
    )
    previous = convention.current
    with audit.audited(
        actor=actor,
        action="conventions.version.recognise",
        obj=version,
        fields=VERSION_FIELDS,
        scope_unit_id=convention.unit_id,
    ):
        version.state, version.recognised_on, version.decision_number = (
            VersionState.RECOGNISED,
            on,
            decision_number,
        )
        version.save()
    if previous is not None:
        with audit.audited(
            actor=actor,
            action="conventions.version.supersede",
            obj=previous,
            fields=VERSION_FIELDS,
            scope_unit_id=convention.unit_id,
        ):
            previous.state = VersionState.SUPERSEDED
            previous.save(update_fields=["state", "updated_at"])
        # A suspension of an article the amendment left unchanged still stands.
        held = {
            a.number: (a.status, a.status_reason)
            for a in previous.articles.exclude(status=ArticleStatus.IN_FORCE)
        }
        for article in version.articles.filter(number__in=held, change=ArticleChange.SAME):
            article.status, article.status_reason = held[article.number]
            article.save(update_fields=["status", "status_reason"])
    with audit.audited(
        actor=actor,
        action="conventions.convention.recognise",
        obj=convention,
        fields=CONVENTION_FIELDS,
        scope_unit_id=convention.unit_id,
    ):
        convention.current, convention.effective_on = version, on
        if convention.status == ConventionStatus.DRAFTING:
            convention.status = ConventionStatus.IN_FORCE
        convention.save()
    event(
        actor=actor,
        convention=convention,
        version=version,
        kind=EventKind.RECOGNISED,
        on=on,
        document_number=decision_number,
    )
    return version


@transaction.atomic
def refuse(
    *, actor: User, version: ConventionVersion, reason: str, on: dt.date | None = None
) -> ConventionVersion:
    """Không công nhận, with the reason (the village head may then draft the text again)."""
    version = selectors.access_version(
        actor=actor, version_id=version.pk, perm=ConventionPerm.RECOGNISE, for_write=True
    )
    require_state(version, VersionState.FILED, doing=gettext_noop("từ chối công nhận"))
    on = day(on, field="on", label=gettext_noop("Ngày trả lời"))
    assert version.filed_on is not None
    if on < version.filed_on:
        raise DomainError(
            _("Ngày trả lời phải từ ngày nhận hồ sơ (%(filed_on)s).")
            % {"filed_on": version.filed_on.strftime("%d/%m/%Y")},
            field="on",
        )
    reason = clean_text(reason, field="reason", label=gettext_noop("Lý do"), max_length=5000)
    with audit.audited(
        actor=actor,
        action="conventions.version.refuse",
        obj=version,
        fields=VERSION_FIELDS,
        scope_unit_id=version.convention.unit_id,
    ):
        version.state, version.refusal_reason = VersionState.REFUSED, reason
        version.save()
    event(
        actor=actor,
        convention=version.convention,
        version=version,
        kind=EventKind.REFUSED,
        on=on,
        reason=reason,
    )
    return version
