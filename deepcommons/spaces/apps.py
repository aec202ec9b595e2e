from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpacesConfig(AppConfig):
    name = "deepcommons.spaces"
    label = "spaces"
    verbose_name = _("Spaces")

    def ready(self) -> None:
        from deepcommons.social.targets import register_followable

        register_followable("space", "spaces.Space")
        register_followable("tag", "spaces.Tag")
