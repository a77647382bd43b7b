"""A form refused on a page that redirects instead of showing the form again: its errors as one message."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from .forms import errors_text


def refuse(request: HttpRequest, form: forms.Form, *, about: str = "") -> None:
    """Tell the user, on the page they are sent back to, why `form` was refused (`about`: what it was)."""
    text = errors_text(form)
    messages.error(request, f"{about}: {text}" if about else text)
