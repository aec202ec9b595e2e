from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    """Learning paths (ordered steps, checkpoints with quizzes) and Jupyter notebooks.

    It sits above careers and below search: paths point at posts and spaces.
    """

    name = "deepcommons.learning"
    label = "learning"
    verbose_name = _("Learning")

    def ready(self) -> None:
        from deepcommons.core.demo import register_demo_builder
        from deepcommons.learning.badges import register_badges

        register_badges()
        register_demo_builder(66, "deepcommons.learning.demo.build")
