from django.contrib import admin

from .models import MatterKind


@admin.register(MatterKind)
class MatterKindAdmin(admin.ModelAdmin[MatterKind]):
    """Unverified matter kinds may be corrected by the administrator; verified ones are read-only there."""

    list_display = ("code", "article", "verified")

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        return ("code", "article", "title", "citation", "verified") if obj and obj.verified else ("code",)
