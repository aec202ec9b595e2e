from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "deepcommons.analytics"
    label = "analytics"
    verbose_name = _("Analytics")

    def ready(self) -> None:
        from deepcommons.accounts.services import register_export_section
        from deepcommons.analytics.services import export_user_activity

        register_export_section("activity", export_user_activity)

        from deepcommons.analytics.listeners import on_post_event
        from deepcommons.posts import hooks

        hooks.subscribe(on_post_event)

        from deepcommons.core.demo import register_demo_builder

        register_demo_builder(40, "deepcommons.analytics.demo.build")
