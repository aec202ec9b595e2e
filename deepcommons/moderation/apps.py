from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    """Flags, review queues, moderator actions and their audit log, anti-abuse.

    It sits above posts and reputation: it acts on posts through posts'
    services and reverses reputation through reputation's.
    """

    name = "deepcommons.moderation"
    label = "moderation"
    verbose_name = _("Moderation")
