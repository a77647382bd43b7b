"""A convention in force: its yearly review, and its suspension, resumption or abolition by the commune
UBND, in whole or in named articles, always with the reason (NĐ 61 Art. 14)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.accounts.models import User
from danchu.core import audit
from danchu.core.errors import DomainError
from danchu.core.text import clean_text

from .. import selectors
from ..models import Article, ArticleStatus, Convention, ConventionStatus, EventKind
from ..permissions import ConventionPerm
from ._common import CONVENTION_FIELDS, day, event

ARTICLE_FIELDS = ("status", "status_reason")


@transaction.atomic
def record_review(
    *, actor: User, convention: Convention, on: dt.date | None = None, notes: str
) -> Convention:
    """Rà soát hằng năm (by the 18/11 of the rulebook): what the community found and decided."""
    convention = selectors.access_convention(
        actor=actor, convention_id=convention.pk, perm=ConventionPerm.REVIEW, for_write=True
    )
    if convention.current is None or convention.status == ConventionStatus.ABOLISHED:
        raise DomainError(_("Chỉ rà soát hương ước, quy ước đã được công nhận và chưa bị bãi bỏ."))
    on = day(on, field="on", label=gettext_noop("Ngày rà soát"))
    if convention.effective_on and on < convention.effective_on:
        raise DomainError(
            _("Ngày rà soát phải từ ngày có hiệu lực (%(effective_on)s).")
            % {"effective_on": convention.effective_on.strftime("%d/%m/%Y")},
            field="on",
        )
    if convention.last_reviewed_on and convention.last_reviewed_on.year == on.year:
        raise DomainError(
            _("Đã ghi nhận rà soát năm %(year)s (ngày %(last_reviewed_on)s).")
            % {"year": on.year, "last_reviewed_on": convention.last_reviewed_on.strftime("%d/%m/%Y")}
        )
    notes = clean_text(notes, field="notes", label=gettext_noop("Ghi chú"), max_length=5000)
    with audit.audited(
        actor=actor,
        action="conventions.convention.review",
        obj=convention,
        fields=CONVENTION_FIELDS,
        scope_unit_id=convention.unit_id,
    ):
        convention.last_reviewed_on = on
        convention.save()
    event(actor=actor, convention=convention, kind=EventKind.REVIEWED, on=on, reason=notes)
    return convention


def _article_list(numbers: Sequence[int]) -> str:
    return ", ".join(_("Điều %(number)s") % {"number": n} for n in numbers)


def _articles(convention: Convention, numbers: Sequence[int], allowed: tuple[str, ...]) -> list[Article]:
    assert convention.current is not None
    wanted = sorted(set(numbers))
    found = {
        a.number: a
        for a in Article.objects.select_for_update().filter(version=convention.current, number__in=wanted)
    }
    missing = [n for n in wanted if n not in found]
    if missing:
        raise DomainError(
            _("Hương ước không có %(articles)s.") % {"articles": _article_list(missing)}, field="articles"
        )
    wrong = [n for n in wanted if found[n].status not in allowed]
    if wrong:
        raise DomainError(
            _("Không thể thực hiện với %(articles)s (đang ở trạng thái khác).")
            % {"articles": _article_list(wrong)},
            field="articles",
        )
    return [found[n] for n in wanted]


_WHOLE_FROM = {
    EventKind.SUSPENDED: (ConventionStatus.IN_FORCE,),
    EventKind.ABOLISHED: (ConventionStatus.IN_FORCE, ConventionStatus.SUSPENDED),
    EventKind.RESUMED: (ConventionStatus.SUSPENDED,),
}
_WHOLE_TO = {
    EventKind.SUSPENDED: ConventionStatus.SUSPENDED,
    EventKind.ABOLISHED: ConventionStatus.ABOLISHED,
    EventKind.RESUMED: ConventionStatus.IN_FORCE,
}
_ARTICLE_FROM = {
    EventKind.SUSPENDED: (ArticleStatus.IN_FORCE,),
    EventKind.ABOLISHED: (ArticleStatus.IN_FORCE, ArticleStatus.SUSPENDED),
    EventKind.RESUMED: (ArticleStatus.SUSPENDED,),
}
_ARTICLE_TO = {
    EventKind.SUSPENDED: ArticleStatus.SUSPENDED,
    EventKind.ABOLISHED: ArticleStatus.ABOLISHED,
    EventKind.RESUMED: ArticleStatus.IN_FORCE,
}
_DOING = {
    EventKind.SUSPENDED: gettext_noop("tạm ngưng thực hiện"),
    EventKind.ABOLISHED: gettext_noop("bãi bỏ"),
    EventKind.RESUMED: gettext_noop("cho thực hiện lại"),
}


@transaction.atomic
def change_force(
    *,
    actor: User,
    convention: Convention,
    kind: str | EventKind,
    reason: str,
    articles: Sequence[int] = (),
    on: dt.date | None = None,
    document_number: str = "",
) -> Convention:
    """Tạm ngưng, bãi bỏ or cho thực hiện lại: the whole convention, or only the articles named."""
    if kind not in _DOING:
        raise DomainError(_("Thao tác không hợp lệ."), field="kind")
    kind = EventKind(kind)
    convention = selectors.access_convention(
        actor=actor, convention_id=convention.pk, perm=ConventionPerm.RECOGNISE, for_write=True
    )
    if convention.current is None:
        raise DomainError(_("Hương ước, quy ước chưa được công nhận nên chưa có hiệu lực."))
    on = day(on, field="on", label=gettext_noop("Ngày quyết định"))
    reason = clean_text(reason, field="reason", label=gettext_noop("Lý do"), max_length=5000)
    document_number = clean_text(
        document_number,
        field="document_number",
        label=gettext_noop("Số văn bản"),
        max_length=60,
        required=False,
    )
    if articles:
        if convention.status == ConventionStatus.ABOLISHED:
            raise DomainError(_("Hương ước đã bị bãi bỏ toàn bộ."))
        for article in _articles(convention, articles, _ARTICLE_FROM[kind]):
            with audit.audited(
                actor=actor,
                action=f"conventions.article.{kind}",
                obj=article,
                fields=ARTICLE_FIELDS,
                scope_unit_id=convention.unit_id,
            ):
                article.status, article.status_reason = _ARTICLE_TO[kind], reason
                article.save(update_fields=list(ARTICLE_FIELDS))
    else:
        if convention.status not in _WHOLE_FROM[kind]:
            raise DomainError(
                _("Không thể %(doing)s: hương ước %(status)s.")
                % {"doing": _(_DOING[kind]), "status": convention.get_status_display().lower()}
            )
        with audit.audited(
            actor=actor,
            action=f"conventions.convention.{kind}",
            obj=convention,
            fields=CONVENTION_FIELDS,
            scope_unit_id=convention.unit_id,
        ):
            convention.status, convention.status_reason = _WHOLE_TO[kind], reason
            convention.save()
    event(
        actor=actor,
        convention=convention,
        kind=kind,
        on=on,
        articles=sorted(set(articles)),
        reason=reason,
        document_number=document_number,
    )
    return convention
