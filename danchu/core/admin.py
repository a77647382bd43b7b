"""Django admin: rulebook and calendar edited through services (so audited); the log read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from . import audit, services
from .models import AuditEntry, Holiday, Rule


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


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

    def save_model(self, request: HttpRequest, obj: Rule, form: Any, change: bool) -> None:
        before = audit.snapshot(Rule.objects.get(pk=obj.pk), services.RULE_FIELDS) if change else None
        services.save_national_rule(actor=request.user, rule=obj, before=before)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a rule is ended with effective_to, never deleted


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("date", "name", "kind")
    list_filter = ("kind",)
    date_hierarchy = "date"

    def save_model(self, request: HttpRequest, obj: Holiday, form: Any, change: bool) -> None:
        before = audit.snapshot(Holiday.objects.get(pk=obj.pk), services.HOLIDAY_FIELDS) if change else None
        services.save_holiday(actor=request.user, day=obj, before=before)

    def delete_model(self, request: HttpRequest, obj: Holiday) -> None:
        services.remove_holiday(actor=request.user, day=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Holiday]) -> None:
        for day in queryset:
            services.remove_holiday(actor=request.user, day=day)
