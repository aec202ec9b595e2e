from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    """Companies, labs, universities and open-source projects, with their members and posts.

    It sits above competitions and below careers (jobs belong to organisations).
    """

    name = "deepcommons.orgs"
    label = "orgs"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from deepcommons.core.demo import register_demo_builder
        from deepcommons.orgs import feed, notifications
        from deepcommons.social.feed import register_feed_source
        from deepcommons.social.targets import register_followable

        notifications.register()
        # Follows of organisations go through orgs.services.follow_org, which
        # keeps the page's follower count; social's generic follow endpoints
        # refuse them (can_follow) so the count cannot drift.
        register_followable("org", "orgs.Organisation", can_follow=_through_orgs_only)
        register_feed_source(feed.org_posts_feed)
        register_demo_builder(62, "deepcommons.orgs.demo.build")


def _through_orgs_only(user: object, org: object) -> bool:
    return False
