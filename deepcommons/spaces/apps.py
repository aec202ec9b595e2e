from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpacesConfig(AppConfig):
    name = "deepcommons.spaces"
    label = "spaces"
    verbose_name = _("Spaces")
