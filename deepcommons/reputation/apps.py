from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReputationConfig(AppConfig):
    """The reputation ledger, bounties, trust levels and badges.

    It sits above posts. Votes, accepts and deletions reach the ledger through
    `posts.hooks.subscribe_in_transaction`, so the ledger row and the cached
    total commit in the same transaction as the change that earned them.
    """

    name = "deepcommons.reputation"
    label = "reputation"
    verbose_name = _("Reputation")

    def ready(self) -> None:
        from deepcommons.posts import hooks
        from deepcommons.reputation import listeners

        hooks.subscribe_in_transaction(listeners.on_post_event)

        # Badges: the notification kind, and the profile tab and figures.
        from deepcommons.reputation import profiles
        from deepcommons.reputation.services.badges import BADGE_KIND
        from deepcommons.social.kinds import register_kind
        from deepcommons.social.models import Channel

        register_kind(
            BADGE_KIND,
            _("Badges I earned"),
            "reputation/notifications/badge.html",
            Channel.DAILY,
        )
        profiles.register()

        # Bounties and trust levels: the winner's notification, the trust part of
        # the profile's Summary.
        from deepcommons.accounts.profiles import register_profile_summary
        from deepcommons.reputation.services.bounties import BOUNTY_KIND
        from deepcommons.reputation.views.trust import render_trust_summary

        register_kind(
            BOUNTY_KIND,
            _("A bounty awarded to my answer"),
            "reputation/notifications/bounty_awarded.html",
        )
        register_profile_summary("trust", render_trust_summary, order=5)

        from deepcommons.core.demo import register_demo_builder

        register_demo_builder(35, "deepcommons.reputation.demo.build")
