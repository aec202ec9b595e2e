"""Every write of the orgs app, one module per verb group; views, the API,
the admin and the demo call these."""

from deepcommons.orgs.services.follows import follow_org, unfollow_org
from deepcommons.orgs.services.members import (
    accept_invitation,
    cancel_invitation,
    change_role,
    decline_invitation,
    invite_member,
    leave_org,
    remove_member,
)
from deepcommons.orgs.services.organisations import (
    OrgInput,
    create_org,
    org_input_from,
    remove_logo,
    set_logo,
    update_org,
)
from deepcommons.orgs.services.posts import (
    delete_org_post,
    publish_org_post,
    set_promotion_policy,
    sponsored_left,
)
from deepcommons.orgs.services.verification import (
    approve_verification,
    confirm_verification,
    reject_verification,
    request_verification,
    revoke_verification,
)

__all__ = [
    "OrgInput",
    "accept_invitation",
    "approve_verification",
    "cancel_invitation",
    "change_role",
    "confirm_verification",
    "create_org",
    "decline_invitation",
    "delete_org_post",
    "follow_org",
    "invite_member",
    "leave_org",
    "org_input_from",
    "publish_org_post",
    "reject_verification",
    "remove_logo",
    "remove_member",
    "request_verification",
    "revoke_verification",
    "set_logo",
    "set_promotion_policy",
    "sponsored_left",
    "unfollow_org",
    "update_org",
]
