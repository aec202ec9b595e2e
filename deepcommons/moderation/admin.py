from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from deepcommons.moderation.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the log is evidence, so nobody adds, edits or deletes rows."""

    list_display = ["created_at", "actor", "action", "target_repr", "reason"]
    list_filter = ["action", "target_type"]
    search_fields = ["target_repr", "reason", "actor__username"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
