from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from deepcommons.moderation.models import AuditEntry, CloseVote, Flag, ReviewItem


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


class _ReadOnly(admin.ModelAdmin):
    """Rows written by moderation's services only; the admin lists them."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Flag)
class FlagAdmin(_ReadOnly):
    list_display = ["created_at", "flagger", "reason", "status", "post", "comment", "user"]
    list_filter = ["status", "reason"]
    raw_id_fields = ["flagger", "post", "comment", "message", "user", "duplicate_of"]


@admin.register(ReviewItem)
class ReviewItemAdmin(_ReadOnly):
    list_display = ["created_at", "queue", "post", "status", "outcome", "reviewed_by"]
    list_filter = ["queue", "status", "outcome"]
    raw_id_fields = ["post", "reviewed_by"]


@admin.register(CloseVote)
class CloseVoteAdmin(_ReadOnly):
    list_display = ["created_at", "post", "voter", "kind", "reason", "spent"]
    list_filter = ["kind", "spent"]
    raw_id_fields = ["post", "voter", "duplicate_of"]
