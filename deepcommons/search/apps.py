from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "deepcommons.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from deepcommons.posts.hooks import subscribe
        from deepcommons.search.services import on_post_event, on_question_event

        subscribe(on_post_event)
        subscribe(on_question_event)
