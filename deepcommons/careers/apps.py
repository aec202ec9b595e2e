from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareersConfig(AppConfig):
    """The job board, applications and their pipeline, talent profiles and recruiter contact.

    It sits above orgs (every job belongs to an organisation) and below search.
    """

    name = "deepcommons.careers"
    label = "careers"
    verbose_name = _("Careers")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from deepcommons.accounts.services import register_export_section
        from deepcommons.careers.export import export_careers, remove_cv_file
        from deepcommons.careers.kinds import register_kinds
        from deepcommons.careers.models import Application
        from deepcommons.core.demo import register_demo_builder

        register_kinds()
        register_export_section("careers", export_careers)
        post_delete.connect(remove_cv_file, sender=Application, dispatch_uid="careers-cv-file")
        register_demo_builder(64, "deepcommons.careers.demo.build")
