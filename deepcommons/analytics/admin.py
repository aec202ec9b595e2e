from django.contrib import admin

from deepcommons.analytics.models import ActivityEvent


@admin.register(ActivityEvent)
class ActivityEventAdmin(admin.ModelAdmin):
    """Read-only: the log is written by the services, never by hand."""

    list_display = ("occurred_at", "user", "kind", "target_user", "object_type", "object_id")
    list_filter = ("kind",)
    list_select_related = ("user", "target_user")
    search_fields = ("user__username",)
    date_hierarchy = "occurred_at"
    show_full_result_count = False

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
