from django.contrib import admin

from deepcommons.social.models import MessageReport, Notification


@admin.register(MessageReport)
class MessageReportAdmin(admin.ModelAdmin):
    """Moderators read the copied text; the conversation itself stays private."""

    list_display = ("id", "sender_username", "reporter", "created_at", "resolved_at")
    list_filter = ("resolved_at",)
    readonly_fields = ("message", "reporter", "reason", "body_snapshot", "sender_username")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("id", "recipient", "kind", "created_at", "read_at", "emailed_at")
    list_filter = ("kind",)
    raw_id_fields = ("recipient", "actor")
