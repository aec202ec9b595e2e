"""The notification kinds events send (registered in `EventsConfig.ready()`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

EVENT_CANCELLED = "event_cancelled"
EVENT_PROMOTED = "event_promoted"
EVENT_REMINDER = "event_reminder"


def register() -> None:
    from deepcommons.social.kinds import register_kind

    register_kind(
        EVENT_CANCELLED,
        _("An event I registered for was cancelled"),
        "events/notifications/cancelled.html",
    )
    register_kind(
        EVENT_PROMOTED,
        _("I got a seat from an event's waitlist"),
        "events/notifications/promoted.html",
    )
    register_kind(
        EVENT_REMINDER,
        _("Reminders of events I am going to"),
        "events/notifications/reminder.html",
    )
