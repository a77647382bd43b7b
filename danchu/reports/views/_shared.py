"""What the report pages share."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest

from danchu.accounts.models import User
from danchu.core.errors import PermissionDeniedError
from danchu.core.forms import errors_text
from danchu.units.models import Unit

from .. import selectors
from ..models import ReportRegime


def refuse(request: HttpRequest, form: forms.Form) -> None:
    """A form that did not validate: its errors as one message (the page redirects back)."""
    messages.error(request, errors_text(form))


def node_of(request: HttpRequest, regime: ReportRegime) -> Unit:
    """The unit (`?don-vi=`) whose subtree the page shows, through the door."""
    return selectors.access_node(actor=request.user, regime=regime, unit_id=request.GET.get("don-vi"))


def opened_period(regime: ReportRegime, period: str) -> str:
    if period not in selectors.periods_of(regime):
        raise Http404("Kỳ báo cáo này chưa được mở.")
    return period


def actor_of(request: HttpRequest) -> User:
    """The signed-in official making the request (the login check let no one else through)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDeniedError()
    return user
