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
