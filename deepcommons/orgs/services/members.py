"""Members and roles: invitations by managers, accepting, role changes, removal, leaving.

Managers (owners and admins, and operators) invite and manage; only owners
(and operators) make, unmake or remove owners. An organisation always keeps
at least one owner.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.orgs.models import (
    InvitationStatus,
    Organisation,
    OrgInvitation,
    OrgMembership,
    OrgRole,
)
from deepcommons.orgs.notifications import ORG_INVITATION
from deepcommons.orgs.pagecache import org_changed


def _check_role(role: str) -> None:
    if role not in OrgRole.values:
        raise ValidationError({"role": _("Choose a valid role.")})


def _check_last_owner(org: Organisation, membership: OrgMembership) -> None:
    """Refuse to leave `org` without an owner (rows locked by the caller)."""
    if membership.role != OrgRole.OWNER:
        return
    owners = (
        OrgMembership.objects.select_for_update()
        .filter(org=org, role=OrgRole.OWNER)
        .values_list("pk", flat=True)
    )
    if list(owners) == [membership.pk]:
        raise ValidationError(
            _("An organisation needs an owner: make another member an owner first.")
        )


@transaction.atomic
def invite_member(*, org: Organisation, by: User, user: User, role: str) -> OrgInvitation:
    """Invite `user` into `role`; they are notified and accept or decline."""
    if not org.can_manage(by):
        raise PermissionDenied
    _check_role(role)
    if role == OrgRole.OWNER and not org.may_grant_owner(by):
        raise PermissionDenied(_("Only an owner can invite another owner."))
    if not user.is_active:
        raise ValidationError({"username": _("There is no active member with this username.")})
    if OrgMembership.objects.filter(org=org, user=user).exists():
        raise ValidationError({"username": _("This person is already a member.")})
    try:
        with transaction.atomic():
            invitation = OrgInvitation.objects.create(org=org, user=user, role=role, invited_by=by)
    except IntegrityError:
        raise ValidationError({"username": _("This person already has an invitation.")}) from None
    from deepcommons.social.services.notifications import notify

    transaction.on_commit(
        lambda: notify(
            recipient=user,
            kind=ORG_INVITATION,
            actor=by,
            target=org,
            data={"url": reverse("orgs:invitation-list"), "role": role},
            dedupe_key=f"org-invitation:{invitation.pk}",
        )
    )
    org_changed(org.pk)
    return invitation


def _pending_for(invitation: OrgInvitation, user: User) -> OrgInvitation:
    locked = OrgInvitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if locked is None or locked.user_id != user.pk:
        raise PermissionDenied
    if locked.status != InvitationStatus.PENDING:
        raise ValidationError(_("This invitation is no longer open."))
    return locked


@transaction.atomic
def accept_invitation(*, invitation: OrgInvitation, by: User) -> OrgMembership:
    """The invitee joins in the invited role."""
    invitation = _pending_for(invitation, by)
    membership, created = OrgMembership.objects.get_or_create(
        org_id=invitation.org_id, user=by, defaults={"role": invitation.role}
    )
    invitation.status = InvitationStatus.ACCEPTED
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    org_changed(invitation.org_id)
    return membership


@transaction.atomic
def decline_invitation(*, invitation: OrgInvitation, by: User) -> None:
    invitation = _pending_for(invitation, by)
    invitation.status = InvitationStatus.DECLINED
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    org_changed(invitation.org_id)


@transaction.atomic
def cancel_invitation(*, invitation: OrgInvitation, by: User) -> None:
    """A manager withdraws a pending invitation."""
    if not invitation.org.can_manage(by):
        raise PermissionDenied
    updated = OrgInvitation.objects.filter(
        pk=invitation.pk, status=InvitationStatus.PENDING
    ).update(status=InvitationStatus.CANCELLED, answered_at=timezone.now())
    if not updated:
        raise ValidationError(_("This invitation is no longer open."))
    org_changed(invitation.org_id)


def _membership(org: Organisation, user: User) -> OrgMembership:
    membership = OrgMembership.objects.select_for_update().filter(org=org, user=user).first()
    if membership is None:
        raise ValidationError(_("This person is not a member."))
    return membership


@transaction.atomic
def change_role(*, org: Organisation, by: User, user: User, role: str) -> OrgMembership:
    if not org.can_manage(by):
        raise PermissionDenied
    _check_role(role)
    membership = _membership(org, user)
    if (role == OrgRole.OWNER or membership.role == OrgRole.OWNER) and not org.may_grant_owner(by):
        raise PermissionDenied(_("Only an owner can make or unmake owners."))
    if membership.role == role:
        return membership
    if role != OrgRole.OWNER:
        _check_last_owner(org, membership)
    membership.role = role
    membership.save(update_fields=["role"])
    org.__dict__.pop("_roles", None)
    org_changed(org.pk)
    return membership


@transaction.atomic
def remove_member(*, org: Organisation, by: User, user: User) -> None:
    """A manager removes someone, or a member leaves (`by` is `user`)."""
    membership = _membership(org, user)
    if by.pk != user.pk:
        if not org.can_manage(by):
            raise PermissionDenied
        if membership.role == OrgRole.OWNER and not org.may_grant_owner(by):
            raise PermissionDenied(_("Only an owner can remove an owner."))
    _check_last_owner(org, membership)
    membership.delete()
    org.__dict__.pop("_roles", None)
    org_changed(org.pk)


def leave_org(*, org: Organisation, user: User) -> None:
    remove_member(org=org, by=user, user=user)
