from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    """Companies, labs, universities and open-source projects, with their members and posts.

    It sits above competitions and below careers (jobs belong to organisations).
    """

    name = "deepcommons.orgs"
    label = "orgs"
    verbose_name = _("Organisations")
