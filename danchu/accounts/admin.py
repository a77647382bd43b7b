from __future__ import annotations

from django.contrib import admin

from danchu.core.admin import ReadOnlyAdmin

from .models import RoleAssignment, User


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ("username", "full_name", "email", "is_active", "last_login")
    search_fields = ("username", "full_name", "email")


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ReadOnlyAdmin):
    list_display = ("user", "role", "unit", "agency", "title", "revoked_at")
    list_filter = ("role",)
    list_select_related = ("user", "unit", "agency")
