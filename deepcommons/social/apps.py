from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialConfig(AppConfig):
    name = "deepcommons.social"
    label = "social"
    verbose_name = _("Social")

    def ready(self) -> None:
        from deepcommons.accounts.services import register_export_section
        from deepcommons.social.export import export_social
        from deepcommons.social.kinds import register_builtin_kinds

        register_builtin_kinds()

        from deepcommons.accounts.roles import register_moderator_permissions

        register_moderator_permissions(
            "social.view_messagereport",
            "social.change_messagereport",
            "social.delete_messagereport",
        )
        register_export_section("social", export_social)

        from deepcommons.core.demo import register_demo_builder

        # After accounts (its members), before spaces and posts.
        register_demo_builder(15, "deepcommons.social.demo.build")
