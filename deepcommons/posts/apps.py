from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostsConfig(AppConfig):
    name = "deepcommons.posts"
    label = "posts"
    verbose_name = _("Posts")

    def ready(self) -> None:
        from deepcommons.accounts.services import register_export_section
        from deepcommons.posts.export import export_posts

        register_export_section("posts", export_posts)
