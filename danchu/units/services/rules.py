"""A province's own values of the rulebook's parameters (quy định riêng của tỉnh)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.core import audit
from danchu.core.actors import Actor
from danchu.core.bounds import bounded_date
from danchu.core.errors import DomainError
from danchu.core.models import Rule
from danchu.core.policy import CorePerm
from danchu.core.text import clean_text

from ..models import Tier, Unit
from ..selectors import access_unit

RULE_FIELDS = (
    "key",
    "value",
    "denominator",
    "unit",
    "citation",
    "effective_from",
    "effective_to",
    "scope_unit",
)


@transaction.atomic
def override_rule(
    *,
    actor: Actor,
    province: Unit,
    key: str,
    value: Decimal,
    citation: str,
    effective_from: dt.date,
    note: str = "",
) -> Rule:
    """Quy định riêng của tỉnh: a province replaces a national value on its territory, citing its source."""
    # The province row is locked: two overrides of one province are made one after the other.
    province = access_unit(actor=actor, unit_id=province.pk, perm=CorePerm.MANAGE_RULES, for_write=True)
    if province.tier != Tier.PROVINCE or not province.is_current:
        raise DomainError(_("Chỉ tỉnh, thành phố (hiện hành) được đặt quy định riêng."))
    national = Rule.objects.filter(key=key, scope_unit__isnull=True).order_by("-effective_from").first()
    if national is None:
        raise DomainError(
            _("Không có quy định “%(key)s” trong sổ quy định quốc gia.") % {"key": key}, field="key"
        )
    if value < 0:
        raise DomainError(_("Giá trị không được âm."), field="value")
    if national.denominator != 1 and value > national.denominator:
        raise DomainError(
            _("Tỷ lệ phải nằm trong khoảng 0 đến %(national_denominator)s/%(national_denominator)s.")
            % {"national_denominator": national.denominator},
            field="value",
        )
    effective_from = bounded_date(effective_from, field="effective_from", label=_("Ngày hiệu lực"))
    previous = (
        Rule.objects.select_for_update()
        .filter(key=key, scope_unit=province, effective_to__isnull=True)
        .order_by("-effective_from")
        .first()
    )
    if previous is not None and previous.effective_from >= effective_from:
        raise DomainError(
            _(
                "Ngày hiệu lực phải sau ngày hiệu lực của quy định riêng đang áp dụng "
                "(%(previous_effective_from)s)."
            )
            % {"previous_effective_from": f"{previous.effective_from:%d/%m/%Y}"},
            field="effective_from",
        )
    if previous is not None:
        with audit.audited(
            actor=actor,
            action="core.rule.supersede",
            obj=previous,
            fields=RULE_FIELDS,
            scope_unit_id=province.pk,
        ):
            previous.effective_to = effective_from - dt.timedelta(days=1)
            previous.save(update_fields=["effective_to"])
    override = Rule.objects.create(
        key=key,
        title=national.title,
        value=value,
        denominator=national.denominator,
        unit=national.unit,
        citation=clean_text(citation, field="citation", label=gettext_noop("Căn cứ"), max_length=300),
        verified=True,
        note=clean_text(note, field="note", label=gettext_noop("Ghi chú"), max_length=2000, required=False),
        effective_from=effective_from,
        scope_unit=province,
    )
    audit.record(
        actor=actor,
        action="core.rule.override",
        obj=override,
        after=audit.snapshot(override, RULE_FIELDS),
        scope_unit_id=province.pk,
    )
    return override
