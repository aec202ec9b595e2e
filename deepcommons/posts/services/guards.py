"""Checks every write service shares: silenced members, privileges, locks."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import formats
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.posts.models import Post


def check_can_write(user: User) -> None:
    """Suspended and silenced members read but do not write: say until when and why."""
    if not user.is_silenced:
        return
    if user.is_suspended:
        until, reason = user.suspended_until, user.suspension_reason
        message = _("Your account is suspended until %(until)s.")
    else:
        until, reason = user.silenced_until, user.suspension_reason
        message = _("You are silenced until %(until)s.")
    assert until is not None  # is_silenced said so
    text = message % {"until": formats.date_format(until, "DATETIME_FORMAT")}
    if reason:
        text += " " + _("Reason: %(reason)s") % {"reason": reason}
    raise PermissionDenied(text)


def check_privilege(user: User, name: str) -> None:
    refusal = user.privilege_refusal(name)
    if refusal:
        raise PermissionDenied(refusal)


def check_not_locked(post: Post, user: User) -> None:
    """A locked post (or one in a locked thread) takes changes from its moderators only."""
    thread = post.thread
    if (post.is_locked or thread.is_locked) and not post.is_moderated_by(user):
        raise PermissionDenied(_("This post is locked: only moderators can change it."))
