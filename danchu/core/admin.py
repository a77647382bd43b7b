"""Django admin: rulebook and calendar edited through services (so audited); the log read-only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext

from . import services
from .bounds import date_range_text, in_range
from .models import AuditEntry, Holiday, Rule


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class BoundedDatesForm(forms.ModelForm):  # type: ignore[type-arg]
    """Every date of the record within the range the product accepts (`core.bounds`), as a form error."""

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        for name, value in list(cleaned.items()):
            if isinstance(value, dt.date) and not in_range(value):
                self.add_error(
                    name, gettext("Ngày phải nằm trong khoảng %(range)s.") % {"range": date_range_text()}
                )
        return cleaned


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("id", "at", "actor_label", "action", "object_repr", "ip")
    list_filter = ("action", "channel")
    search_fields = ("object_repr", "actor_label", "action")


@admin.register(Rule)
class RuleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = (
        "key",
        "title",
        "display_value",
        "unit",
        "verified",
        "effective_from",
        "effective_to",
        "scope_unit",
    )
    list_filter = ("verified", "unit")
    search_fields = ("key", "title", "citation")
    raw_id_fields = ("scope_unit",)
    form = BoundedDatesForm

    def save_model(self, request: HttpRequest, obj: Rule, form: Any, change: bool) -> None:
        services.save_national_rule(actor=request.user, rule=obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a rule is ended with effective_to, never deleted


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("date", "name", "kind")
    list_filter = ("kind",)
    date_hierarchy = "date"
    form = BoundedDatesForm

    def save_model(self, request: HttpRequest, obj: Holiday, form: Any, change: bool) -> None:
        services.save_holiday(actor=request.user, day=obj)

    def delete_model(self, request: HttpRequest, obj: Holiday) -> None:
        services.remove_holiday(actor=request.user, day=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Holiday]) -> None:
        for day in queryset:
            services.remove_holiday(actor=request.user, day=day)
