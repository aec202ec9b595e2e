from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Tech talks, seminars, workshops, meetups and conference sessions.

    It sits above moderation and below competitions and search: events link to
    spaces, tags and posts' discussions, and notify through social.
    """

    name = "deepcommons.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from deepcommons.accounts.services import register_export_section
        from deepcommons.core.demo import register_demo_builder
        from deepcommons.events import feed, notifications
        from deepcommons.events.export import export_events
        from deepcommons.social.feed import register_feed_source

        notifications.register()
        register_feed_source(feed.events_feed)
        register_export_section("events", export_events)
        register_demo_builder(55, "deepcommons.events.demo.build")
