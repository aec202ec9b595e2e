from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetitionsConfig(AppConfig):
    """Kaggle-style model competitions: rules, data, teams, scored submissions, leaderboards.

    It sits above events (a competition may have events) and below search.
    """

    name = "deepcommons.competitions"
    label = "competitions"
    verbose_name = _("Competitions")

    def ready(self) -> None:
        from deepcommons.competitions.services.competitions import ANNOUNCEMENT_KIND
        from deepcommons.core.demo import register_demo_builder
        from deepcommons.social.kinds import register_kind

        register_kind(
            ANNOUNCEMENT_KIND,
            _("Announcements in competitions I take part in"),
            "competitions/notifications/announcement.html",
        )
        register_demo_builder(60, "deepcommons.competitions.demo.build")
