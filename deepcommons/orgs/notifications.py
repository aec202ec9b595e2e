"""The notification kinds organisations send (registered in `OrgsConfig.ready()`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ORG_INVITATION = "org_invitation"
ORG_VERIFIED = "org_verified"


def register() -> None:
    from deepcommons.social.kinds import register_kind

    register_kind(
        ORG_INVITATION,
        _("Invitations to join an organisation"),
        "orgs/notifications/invitation.html",
    )
    register_kind(
        ORG_VERIFIED,
        _("An organisation I manage was verified"),
        "orgs/notifications/verified.html",
    )
