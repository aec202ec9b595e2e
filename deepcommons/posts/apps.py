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

        from deepcommons.posts import profiles

        profiles.register()

        from deepcommons.accounts.roles import register_moderator_permissions

        register_moderator_permissions(
            "posts.view_post",
            "posts.change_post",
            "posts.delete_post",
            "posts.view_comment",
            "posts.change_comment",
            "posts.delete_comment",
            "posts.view_revision",
        )

        from deepcommons.posts import hooks, notify
        from deepcommons.social.feed import register_digest_source, register_feed_source
        from deepcommons.social.targets import register_followable

        register_followable("post", "posts.Post", can_follow=notify.can_follow)
        register_feed_source(notify.posts_feed)
        register_digest_source(notify.top_posts_for_digest)
        hooks.subscribe(notify.on_post_event)

        from deepcommons.core.demo import register_demo_builder

        register_demo_builder(30, "deepcommons.posts.demo.build")
