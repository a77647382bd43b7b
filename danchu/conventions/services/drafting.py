"""Drafting a convention, amending it, and posting the draft for the households' opinions (NĐ 61 Art. 9)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.accounts.models import User
from danchu.core import audit, policy, rulebook
from danchu.core.errors import DomainError
from danchu.core.text import clean_text
from danchu.plans.importer.readers import read_document
from danchu.units.models import Unit

from .. import articles as text_of
from .. import selectors
from ..models import (
    Article,
    ArticleChange,
    ArticleStatus,
    Convention,
    ConventionStatus,
    ConventionVersion,
    EventKind,
    Kind,
    VersionState,
)
from ..permissions import ConventionPerm
from ._common import CONVENTION_FIELDS, VERSION_FIELDS, day, event, require_state


def _kind(value: str) -> str:
    if value not in Kind.values:
        raise DomainError(_("Tên gọi phải là “Hương ước” hoặc “Quy ước”."), field="kind")
    return value


def _write_articles(
    version: ConventionVersion, text: str, based_on: ConventionVersion | None
) -> list[Article]:
    """Replace the version's articles by those of `text`, marking each against the text it amends."""
    parsed = text_of.parse(text)
    before = {a.number: a for a in based_on.articles.all()} if based_on else {}
    rows: list[Article] = []
    for p in parsed:
        old = before.get(p.number)
        if old is None:
            change = ArticleChange.NEW if based_on else ArticleChange.SAME
        elif (old.title, old.body, old.chapter) == (p.title, p.body, p.chapter):
            change = ArticleChange.SAME
        else:
            change = ArticleChange.AMENDED
        rows.append(
            Article(
                version=version,
                chapter=p.chapter,
                chapter_title=p.chapter_title,
                number=p.number,
                title=p.title,
                body=p.body,
                change=change,
            )
        )
    kept = {p.number for p in parsed}
    for number, old in before.items():  # an article the amendment leaves out is repealed by it
        if number not in kept and old.change != ArticleChange.REPEALED:
            rows.append(
                Article(
                    version=version,
                    chapter=old.chapter,
                    chapter_title=old.chapter_title,
                    number=number,
                    title=old.title,
                    body=old.body,
                    change=ArticleChange.REPEALED,
                    status=ArticleStatus.ABOLISHED,
                )
            )
    version.articles.all().delete()
    return Article.objects.bulk_create(sorted(rows, key=lambda a: a.number))


def text_of_document(name: str, data: bytes) -> str:
    """The text of an uploaded draft (.docx, .pdf, .txt), read by the plans' document readers: size,
    disguised or unreadable files are refused in Vietnamese."""
    return read_document(name, data)


@transaction.atomic
def create_convention(*, actor: User, unit: Unit, kind: str, title: str, text: str) -> Convention:
    """Soạn dự thảo hương ước, quy ước của thôn, tổ dân phố."""
    policy.require(actor, ConventionPerm.DRAFT, unit)
    if not unit.is_village:
        raise DomainError(_("Hương ước, quy ước là của thôn hoặc tổ dân phố."), field="unit")
    convention = Convention.objects.create(
        unit=unit,
        kind=_kind(kind),
        title=clean_text(title, field="title", label=gettext_noop("Tiêu đề"), max_length=300),
        created_by=actor,
    )
    version = ConventionVersion.objects.create(convention=convention, number=1, created_by=actor)
    written = _write_articles(version, text, None)
    today = timezone.localdate()
    event(actor=actor, convention=convention, version=version, kind=EventKind.CREATED, on=today)
    audit.record(
        actor=actor,
        action="conventions.convention.create",
        obj=convention,
        after={**audit.snapshot(convention, CONVENTION_FIELDS), "articles": len(written)},
        scope_unit_id=unit.pk,
    )
    return convention


@transaction.atomic
def update_draft(
    *, actor: User, version: ConventionVersion, text: str, summary: str = ""
) -> ConventionVersion:
    """Sửa dự thảo (only before it is posted: the posted text is what households read)."""
    version = selectors.access_version(
        actor=actor, version_id=version.pk, perm=ConventionPerm.DRAFT, for_write=True
    )
    require_state(version, VersionState.DRAFT, doing=gettext_noop("sửa dự thảo"))
    summary = clean_text(
        summary, field="summary", label=gettext_noop("Tóm tắt"), max_length=5000, required=False
    )
    with audit.audited(
        actor=actor,
        action="conventions.version.update",
        obj=version,
        fields=VERSION_FIELDS,
        scope_unit_id=version.convention.unit_id,
    ) as change:
        written = _write_articles(version, text, version.based_on)
        version.summary = summary
        version.save()
        change.note(articles=len(written))
    return version


@transaction.atomic
def start_amendment(*, actor: User, convention: Convention, summary: str) -> ConventionVersion:
    """Soạn sửa đổi, bổ sung: a new draft copying the latest text, whose articles keep their numbers.
    Also how a text that was not adopted or not recognised is drafted again."""
    convention = selectors.access_convention(
        actor=actor, convention_id=convention.pk, perm=ConventionPerm.DRAFT, for_write=True
    )
    if convention.status == ConventionStatus.ABOLISHED:
        raise DomainError(_("Hương ước đã bị bãi bỏ toàn bộ; hãy soạn hương ước mới."))
    if selectors.open_version(convention) is not None:
        raise DomainError(_("Đang có một bản dự thảo chưa xong; hãy hoàn tất hoặc sửa bản đó."))
    latest = selectors.latest_version(convention)
    assert latest is not None  # every convention is created with its first version
    base = convention.current or latest
    summary = clean_text(summary, field="summary", label=gettext_noop("Tóm tắt"), max_length=5000)
    version = ConventionVersion.objects.create(
        convention=convention,
        number=latest.number + 1,
        based_on=convention.current,
        summary=summary,
        created_by=actor,
    )
    source = latest if latest.state in (VersionState.NOT_ADOPTED, VersionState.REFUSED) else base
    live = [
        a
        for a in source.articles.order_by("number")
        if a.change != ArticleChange.REPEALED and a.status != ArticleStatus.ABOLISHED
    ]
    _write_articles(version, text_of.as_text(list(live)), convention.current)
    today = timezone.localdate()
    event(
        actor=actor,
        convention=convention,
        version=version,
        kind=EventKind.AMENDMENT,
        on=today,
        reason=summary,
    )
    audit.record(
        actor=actor,
        action="conventions.version.create",
        obj=version,
        after=audit.snapshot(version, VERSION_FIELDS),
        scope_unit_id=convention.unit_id,
    )
    return version


def earliest_close(convention: Convention, posted_on: dt.date) -> dt.date:
    """The last day of the shortest posting period the rulebook allows (≥ 30 days from posting)."""
    days = rulebook.number("convention.draft_posting_min_days", unit=convention.unit, on=posted_on)
    return posted_on + dt.timedelta(days=days - 1)


@transaction.atomic
def post_draft(
    *,
    actor: User,
    version: ConventionVersion,
    posted_on: dt.date | None = None,
    place: str,
    opinions_until: dt.date | None = None,
) -> ConventionVersion:
    """Niêm yết dự thảo: from `posted_on` to `opinions_until`, never shorter than the rulebook's minimum."""
    version = selectors.access_version(
        actor=actor, version_id=version.pk, perm=ConventionPerm.DRAFT, for_write=True
    )
    require_state(version, VersionState.DRAFT, doing=gettext_noop("niêm yết"))
    posted_on = day(posted_on, field="posted_on", label=gettext_noop("Ngày niêm yết"))
    drafted_on = timezone.localdate(version.created_at)
    if posted_on < drafted_on:  # a back-dated posting would shorten the period the Law gives the people
        raise DomainError(
            _("Ngày niêm yết không được trước ngày soạn dự thảo (%(drafted_on)s).")
            % {"drafted_on": drafted_on.strftime("%d/%m/%Y")},
            field="posted_on",
        )
    shortest = earliest_close(version.convention, posted_on)
    until = day(
        opinions_until or shortest,
        field="opinions_until",
        label=gettext_noop("Hạn lấy ý kiến"),
        not_future=False,
    )
    if until < shortest:
        days = (shortest - posted_on).days + 1
        raise DomainError(
            _("Thời gian niêm yết lấy ý kiến ít nhất %(days)s ngày (đến hết ngày %(shortest)s).")
            % {"days": days, "shortest": shortest.strftime("%d/%m/%Y")},
            field="opinions_until",
        )
    place = clean_text(place, field="place", label=gettext_noop("Địa điểm họp"), max_length=200)
    with audit.audited(
        actor=actor,
        action="conventions.version.post",
        obj=version,
        fields=VERSION_FIELDS,
        scope_unit_id=version.convention.unit_id,
    ):
        version.state = VersionState.POSTED
        version.posted_on, version.opinions_until, version.posted_place = posted_on, until, place
        version.save()
    event(
        actor=actor,
        convention=version.convention,
        version=version,
        kind=EventKind.POSTED,
        on=posted_on,
        reason=place,
    )
    return version
