from django.contrib import admin

from deepcommons.events.models import Event, EventSeries, Feedback, Registration, Speaker


class SpeakerInline(admin.TabularInline):
    model = Speaker
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "format", "starts_at", "status", "organiser")
    list_filter = ("kind", "format", "status", "language")
    search_fields = ("title", "city")
    raw_id_fields = ("organiser", "co_organisers", "space", "tags", "series", "discussion")
    inlines = [SpeakerInline]


@admin.register(EventSeries)
class EventSeriesAdmin(admin.ModelAdmin):
    list_display = ("title", "rule", "organiser")
    raw_id_fields = ("organiser",)


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("event", "user", "status", "created_at", "checked_in_at")
    list_filter = ("status",)
    raw_id_fields = ("event", "user")


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("event", "user", "rating", "created_at")
    raw_id_fields = ("event", "user")
