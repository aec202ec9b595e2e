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

    def ready(self) -> None:
        from deepcommons.accounts.roles import register_moderator_permissions
        from deepcommons.core.demo import register_demo_builder
        from deepcommons.moderation.listeners import on_post_event
        from deepcommons.posts.hooks import subscribe

        subscribe(on_post_event)
        register_moderator_permissions(
            "moderation.view_auditentry",
            "moderation.view_flag",
            "moderation.view_reviewitem",
            "moderation.view_closevote",
        )
        register_demo_builder(50, "deepcommons.moderation.demo.build")
        try:
            from deepcommons.moderation import abuse
        except ImportError:
            return
        setup = getattr(abuse, "setup", None)
        if setup is not None:
            setup()
