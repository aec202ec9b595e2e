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
