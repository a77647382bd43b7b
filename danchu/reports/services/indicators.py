"""The indicator catalogue (danh mục chỉ tiêu): a province adds its own indicators, with their source."""

from __future__ import annotations

import re

from django.db import IntegrityError, transaction
from django.utils.translation import gettext, gettext_noop

from danchu.accounts.models import User
from danchu.core import audit
from danchu.core.errors import DomainError
from danchu.core.text import clean_text
from danchu.units import selectors as unit_selectors
from danchu.units.models import Unit

from ..models import Aggregation, Indicator, IndicatorKind
from ..permissions import ReportPerm

INDICATOR_FIELDS = ("code", "group", "name", "kind", "aggregation", "measure", "citation")

# Never an average of percentages: a percent rolls up as a ratio of sums, a text is not added up.
_AGGREGATIONS: dict[str, set[str]] = {
    IndicatorKind.INTEGER: {Aggregation.SUM, Aggregation.MAX, Aggregation.LATEST},
    IndicatorKind.DECIMAL: {Aggregation.SUM, Aggregation.MAX, Aggregation.LATEST},
    IndicatorKind.PERCENT: {Aggregation.RATIO},
    IndicatorKind.BOOLEAN: {Aggregation.COUNT_YES},
    IndicatorKind.TEXT: {Aggregation.NONE},
}


@transaction.atomic
def create_indicator(
    *,
    actor: User,
    unit: Unit,
    code: str,
    name: str,
    kind: str,
    aggregation: str,
    citation: str,
    measure: str = "",
    group: str = "Chỉ tiêu của địa phương",
) -> Indicator:
    """Thêm chỉ tiêu: a province adds its own indicator to the shared catalogue, with its source."""
    unit = unit_selectors.access_unit(actor=actor, unit_id=unit.pk, perm=ReportPerm.MANAGE)
    code = clean_text(code, field="code", label=gettext_noop("Mã chỉ tiêu"), max_length=40).upper()
    if not re.fullmatch(r"[A-Z][A-Z0-9_]{1,39}", code):
        raise DomainError(
            gettext("Mã chỉ tiêu chỉ gồm chữ in hoa không dấu, số và dấu gạch dưới."), field="code"
        )
    taken = DomainError(gettext("Đã có chỉ tiêu mã %(code)s.") % {"code": code}, field="code")
    if Indicator.objects.filter(code=code).exists():
        raise taken
    name = clean_text(name, field="name", label=gettext_noop("Tên chỉ tiêu"), max_length=300)
    citation = clean_text(citation, field="citation", label=gettext_noop("Căn cứ"), max_length=300)
    measure = clean_text(
        measure, field="measure", label=gettext_noop("Đơn vị tính"), max_length=50, required=False
    )
    if kind not in IndicatorKind.values:
        raise DomainError(gettext("Kiểu chỉ tiêu không hợp lệ."), field="kind")
    if aggregation not in _AGGREGATIONS[kind]:
        raise DomainError(
            gettext("Cách tổng hợp không hợp với kiểu chỉ tiêu (tỷ lệ: tử số/mẫu số; văn bản: không cộng)."),
            field="aggregation",
        )
    try:
        # A savepoint, not the service's transaction: the catalogue is shared by every province, so two
        # of them may add the same code at once; the unique code decides and the other is refused.
        with transaction.atomic():
            indicator = Indicator.objects.create(
                code=code,
                group=group,
                name=name,
                kind=kind,
                aggregation=aggregation,
                measure=measure,
                citation=citation,
            )
    except IntegrityError:
        raise taken from None
    audit.record(
        actor=actor,
        action="reports.indicator.create",
        obj=indicator,
        after=audit.snapshot(indicator, INDICATOR_FIELDS),
        scope_unit_id=unit.pk,
    )
    return indicator
