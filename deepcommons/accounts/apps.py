from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "deepcommons.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from deepcommons.accounts.roles import sync_role_permissions

        # Permissions exist only after migrate has run; a framework lifecycle
        # hook, not a reaction between apps.
        post_migrate.connect(sync_role_permissions, dispatch_uid="dc-sync-role-permissions")

        from deepcommons.core.demo import register_demo_builder

        register_demo_builder(
            10, "deepcommons.accounts.demo.build", note="deepcommons.accounts.demo.login_note"
        )
