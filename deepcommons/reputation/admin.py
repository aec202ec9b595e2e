from django.contrib import admin
from django.http import HttpRequest

from deepcommons.reputation.models import ReputationChange


@admin.register(ReputationChange)
class ReputationChangeAdmin(admin.ModelAdmin[ReputationChange]):
    """Read-only: the ledger changes only through reputation.services."""

    list_display = ["created_at", "user", "amount", "reason", "cause", "key", "post"]
    list_filter = ["reason", "cause"]
    search_fields = ["user__username", "key"]
    raw_id_fields = ["user", "actor", "post", "space", "undo_of"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
