"""Units, agencies and households change through the officials' pages (audited); read-only here."""

from __future__ import annotations

from django.contrib import admin

from danchu.core.admin import ReadOnlyAdmin

from .models import Agency, Household, Unit, UnitDataVersion


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "tier", "generation", "code", "valid_to")
    list_filter = ("generation", "tier", "kind")
    search_fields = ("name", "name_key", "code")


@admin.register(Agency)
class AgencyAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "unit", "closed_on")
    list_filter = ("kind",)
    search_fields = ("name",)
    list_select_related = ("unit",)


@admin.register(Household)
class HouseholdAdmin(ReadOnlyAdmin):
    list_display = ("number", "village", "dissolved_on")
    list_select_related = ("village",)


@admin.register(UnitDataVersion)
class UnitDataVersionAdmin(ReadOnlyAdmin):
    list_display = ("loaded_at", "source", "package_version", "data_version", "created", "updated", "links")
