"""Running a service from a submitted form: its rule errors land on the form, in Vietnamese."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .bounds import date_range_text, in_range
from .errors import DomainError, PermissionDeniedError

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATE_ERRORS = {"invalid": _("Ngày không hợp lệ; hãy nhập theo dạng ngày/tháng/năm (ví dụ 15/06/2026).")}


def validate_date_range(value: dt.date | None) -> None:
    """A form validator: the date lies in the range the product accepts (`core.bounds`)."""
    if value is not None and not in_range(value):
        raise ValidationError(
            gettext("Ngày phải nằm trong khoảng %(range)s.") % {"range": date_range_text()},
            code="out_of_range",
        )


def date_field(label: StrOrPromise, *, required: bool = True) -> forms.DateField:
    """A date typed the Vietnamese way (dd/mm/yyyy), with the error saying so, within the accepted range."""
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        required=required,
        error_messages=DATE_ERRORS,
        validators=[validate_date_range],
    )


def submit[T](form: forms.Form, action: Callable[[dict[str, Any]], T]) -> T | None:
    """Validate `form`, then call `action(cleaned_data)`; on a broken rule, attach it to the form."""
    if not form.is_valid():
        return None
    try:
        return action(form.cleaned_data)
    except PermissionDeniedError:
        raise
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return None


UPDATED = _("Đã cập nhật.")


def attempt(request: HttpRequest, call: Callable[[], object], success: StrOrPromise = UPDATED) -> bool:
    """Run a service call from a POST without a form: a broken rule becomes an error message and
    nothing is saved; a refused permission still answers 403."""
    try:
        call()
    except PermissionDeniedError:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
        return False
    messages.success(request, success)
    return True


def errors_text(form: forms.Form) -> str:
    """All of a form's errors as one sentence, for a message after a redirect."""
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def refuse(request: HttpRequest, form: forms.Form, *, about: str = "") -> None:
    """Tell the user, on the page they are sent back to, why `form` was refused (`about`: what it was)."""
    text = errors_text(form)
    messages.error(
        request, gettext("%(about)s: %(text)s") % {"about": about, "text": text} if about else text
    )


class DateReasonForm(forms.Form):
    on = forms.DateField(
        label=_("Từ ngày"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={"invalid": _("Ngày không hợp lệ; hãy nhập theo dạng ngày/tháng/năm.")},
        validators=[validate_date_range],
    )
    reason = forms.CharField(label=_("Lý do"), max_length=300)
