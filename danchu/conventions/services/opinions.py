"""Households' opinions on a posted draft (ý kiến góp ý, NĐ 61 Art. 9(2)): one per household, given
online by the household while the draft is posted, or entered from paper by the village head."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.accounts.models import User
from danchu.core import audit
from danchu.core.errors import DomainError
from danchu.core.text import clean_text
from danchu.units.models import Household

from .. import selectors
from ..models import Channel, ConventionVersion, Opinion, VersionState
from ..permissions import ConventionPerm
from ._common import day, require_state

OPINION_FIELDS = ("text", "article_number", "channel", "given_on")
MAX_OPINION = 5000


def _article(version: ConventionVersion, number: int | None) -> int | None:
    if number is None:
        return None
    if not version.articles.filter(number=number).exists():
        raise DomainError(_("Dự thảo không có Điều %(number)s.") % {"number": number}, field="article_number")
    return number


def _open_on(version: ConventionVersion, on: dt.date) -> None:
    assert version.posted_on is not None and version.opinions_until is not None
    if not version.posted_on <= on <= version.opinions_until:
        raise DomainError(
            _("Chỉ nhận ý kiến từ %(posted_on)s đến hết %(opinions_until)s.")
            % {
                "posted_on": version.posted_on.strftime("%d/%m/%Y"),
                "opinions_until": version.opinions_until.strftime("%d/%m/%Y"),
            },
            field="given_on",
        )


@transaction.atomic
def give_opinion(
    *, actor: User, version: ConventionVersion, text: str, article_number: int | None = None
) -> Opinion:
    """Góp ý trực tuyến: the household of the actor's citizen account; it may change its own online
    opinion until the period ends, never one the village head entered from paper."""
    version = selectors.access_version(
        actor=actor, version_id=version.pk, perm=ConventionPerm.OPINE, for_write=True
    )
    household = selectors.household_of(actor, version.convention.unit)
    if household is None:
        raise DomainError(_("Tài khoản của bạn không thuộc hộ gia đình nào của thôn, tổ dân phố này."))
    today = timezone.localdate()
    _open_on(version, today)
    text = clean_text(text, field="text", label=gettext_noop("Nội dung ý kiến"), max_length=MAX_OPINION)
    number = _article(version, article_number)
    existing = Opinion.objects.select_for_update().filter(version=version, household=household).first()
    if existing is not None:
        if existing.channel != Channel.ONLINE:
            raise DomainError(_("Hộ của bạn đã góp ý trên giấy; ý kiến đó đã được trưởng thôn ghi nhận."))
        with audit.audited(
            actor=actor,
            action="conventions.opinion.update",
            obj=existing,
            fields=OPINION_FIELDS,
            scope_unit_id=version.convention.unit_id,
        ):
            existing.text, existing.article_number, existing.given_on = text, number, today
            existing.save()
        return existing
    return _create(actor, version, household, text, number, Channel.ONLINE, today)


@transaction.atomic
def record_paper_opinion(
    *,
    actor: User,
    version: ConventionVersion,
    household_id: int,
    text: str,
    article_number: int | None = None,
    given_on: dt.date | None = None,
) -> Opinion:
    """Ghi nhận ý kiến trên giấy (phiếu, hòm thư góp ý, cuộc họp) for one household of the village."""
    version = selectors.access_version(
        actor=actor, version_id=version.pk, perm=ConventionPerm.DRAFT, for_write=True
    )
    require_state(version, VersionState.POSTED, doing=gettext_noop("ghi nhận ý kiến"))
    given_on = day(given_on, field="given_on", label=gettext_noop("Ngày góp ý"))
    _open_on(version, given_on)
    household = selectors.households_on(version.convention.unit, given_on).filter(pk=household_id).first()
    if household is None:
        raise DomainError(
            _("Hộ gia đình này không thuộc thôn, tổ dân phố vào ngày góp ý."), field="household"
        )
    text = clean_text(text, field="text", label=gettext_noop("Nội dung ý kiến"), max_length=MAX_OPINION)
    number = _article(version, article_number)
    if Opinion.objects.filter(version=version, household=household).exists():
        raise DomainError(
            _("Hộ %(number)s đã có ý kiến về dự thảo này.") % {"number": household.number}, field="household"
        )
    return _create(actor, version, household, text, number, Channel.PAPER, given_on)


def _create(
    actor: User,
    version: ConventionVersion,
    household: Household,
    text: str,
    number: int | None,
    channel: str,
    given_on: dt.date,
) -> Opinion:
    try:
        with transaction.atomic():  # two channels racing for one household: the constraint decides
            opinion = Opinion.objects.create(
                version=version,
                household=household,
                text=text,
                article_number=number,
                channel=channel,
                given_on=given_on,
                recorded_by=actor,
            )
    except IntegrityError:
        raise DomainError(_("Hộ này đã có ý kiến về dự thảo này."), field="household") from None
    audit.record(
        actor=actor,
        action="conventions.opinion.create",
        obj=opinion,
        after={**audit.snapshot(opinion, OPINION_FIELDS), "household": household.pk},
        scope_unit_id=version.convention.unit_id,
    )
    return opinion
