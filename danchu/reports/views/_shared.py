"""What the report pages share."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from danchu.units.models import Unit

from .. import selectors
from ..models import ReportRegime


def node_of(request: HttpRequest, regime: ReportRegime) -> Unit:
    """The unit (`?don-vi=`) whose subtree the page shows, through the door."""
    return selectors.access_node(actor=request.user, regime=regime, unit_id=request.GET.get("don-vi"))


def opened_period(regime: ReportRegime, period: str) -> str:
    if period not in selectors.periods_of(regime):
        raise Http404(_("Kỳ báo cáo này chưa được mở."))
    return period
