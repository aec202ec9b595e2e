from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """The operators' console at /ops/: dashboards read from analytics snapshots.

    It sits above analytics (whose models it runs through the shared report
    results) and below the API.
    """

    name = "deepcommons.ops"
    label = "ops"
    verbose_name = _("Operations console")

    def ready(self) -> None:
        from deepcommons.core.demo import register_demo_builder
        from deepcommons.ops.services import digest

        digest.register()

        register_demo_builder(90, "deepcommons.ops.demo.build")
