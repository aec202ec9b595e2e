from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    """Learning paths (ordered steps, checkpoints with quizzes) and Jupyter notebooks.

    It sits above careers and below search: paths point at posts and spaces.
    """

    name = "deepcommons.learning"
    label = "learning"
    verbose_name = _("Learning")
