from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpacesConfig(AppConfig):
    name = "deepcommons.spaces"
    label = "spaces"
    verbose_name = _("Spaces")

    def ready(self) -> None:
        from deepcommons.accounts.roles import register_moderator_permissions

        register_moderator_permissions(
            "spaces.view_space",
            "spaces.view_tag",
            "spaces.change_tag",
            "spaces.view_tagsynonym",
            "spaces.add_tagsynonym",
            "spaces.change_tagsynonym",
        )
        from deepcommons.social.targets import register_followable

        register_followable("space", "spaces.Space")
        register_followable("tag", "spaces.Tag")

        from deepcommons.core.demo import register_demo_builder

        register_demo_builder(20, "deepcommons.spaces.demo.build")
