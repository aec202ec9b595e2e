"""Moderator actions: each wraps a posts or accounts change and writes one audit entry."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.moderation.models import AuditAction, CloseReason, CloseVote
from deepcommons.moderation.services.audit import log_action
from deepcommons.moderation.services.posts_api import posts_service
from deepcommons.posts import services as posts
from deepcommons.posts.models import Comment, Kind, Post, Vote
from deepcommons.spaces.models import Space

# "Indefinitely": far enough that no one will see it end.
FOREVER = timedelta(days=365 * 1000)


def _require_post_moderator(post: Post, by: User) -> None:
    """The same rule as posts' moderation services: moderators of the post, and
    members with the moderation tools privilege."""
    if not (post.is_moderated_by(by) or by.can_use_moderation_tools()):
        raise PermissionDenied(_("Only moderators can do this."))


def _require_site_moderator(by: User) -> None:
    if not (by.is_authenticated and by.is_moderator):
        raise PermissionDenied(_("Only moderators can do this."))


def _state(post: Post, *_fields: str) -> dict[str, Any]:
    """The post's moderation state as posts' events report it."""
    return posts_service("state")(post)  # type: ignore[no-any-return]


def _refresh(post: Post) -> Post:
    post.refresh_from_db()
    return post


def validate_duplicate(*, post: Post, duplicate_of: Post | None) -> None:
    """A duplicate must be another live question, and not itself a duplicate of `post`."""
    if duplicate_of is None:
        raise ValidationError(_("Give the original question."), code="duplicate")
    if duplicate_of.pk == post.pk:
        raise ValidationError(_("A question cannot duplicate itself."), code="duplicate")
    if duplicate_of.kind != Kind.QUESTION or duplicate_of.is_deleted:
        raise ValidationError(_("The original must be a live question."), code="duplicate")
    seen = {post.pk}
    current: Post | None = duplicate_of
    while current is not None:
        if current.pk in seen:
            raise ValidationError(
                _("That question is already closed as a duplicate of this one."), code="cycle"
            )
        seen.add(current.pk)
        next_id = getattr(current, "duplicate_of_id", None)
        current = Post.objects.filter(pk=next_id).first() if next_id else None


# --- posts -----------------------------------------------------------------
@transaction.atomic
def close_post(
    *,
    post: Post,
    by: User,
    reason: str,
    duplicate_of: Post | None = None,
    via_votes: bool = False,
    voters: list[str] | None = None,
) -> Post:
    """Close a question; by a moderator, or by the voters when `via_votes`."""
    if not via_votes:
        _require_post_moderator(post, by)
    if reason not in CloseReason.values:
        raise ValidationError(_("Choose one of the close reasons."), code="reason")
    if post.kind != Kind.QUESTION:
        raise ValidationError(_("Only questions can be closed."))
    if reason == CloseReason.DUPLICATE:
        validate_duplicate(post=post, duplicate_of=duplicate_of)
    else:
        duplicate_of = None
    before = _state(post)
    posts_service("close_post")(
        post=post, reason=reason, by=by, duplicate_of=duplicate_of, via_votes=via_votes
    )
    CloseVote.objects.active().filter(post=post).update(spent=True)
    post = _refresh(post)
    after: dict[str, Any] = {"reason": reason, "via_votes": via_votes}
    if duplicate_of is not None:
        after["duplicate_of"] = duplicate_of.pk
    if voters:
        after["voters"] = voters
    log_action(
        actor=by,
        action=AuditAction.CLOSE,
        target=post,
        reason=reason,
        before=before,
        after={**_state(post), **after},
    )
    return post


@transaction.atomic
def reopen_post(
    *, post: Post, by: User, via_votes: bool = False, voters: list[str] | None = None
) -> Post:
    if not via_votes:
        _require_post_moderator(post, by)
    before = _state(post)
    posts_service("reopen_post")(post=post, by=by, via_votes=via_votes)
    CloseVote.objects.active().filter(post=post).update(spent=True)
    post = _refresh(post)
    after: dict[str, Any] = {"via_votes": via_votes}
    if voters:
        after["voters"] = voters
    log_action(
        actor=by,
        action=AuditAction.REOPEN,
        target=post,
        before=before,
        after={**_state(post), **after},
    )
    return post


def _toggle(name: str, action: str):  # type: ignore[no-untyped-def]
    @transaction.atomic
    def run(*, post: Post, by: User, reason: str = "") -> Post:
        _require_post_moderator(post, by)
        before = _state(post)
        posts_service(name)(post=post, by=by)
        post = _refresh(post)
        log_action(
            actor=by, action=action, target=post, reason=reason, before=before, after=_state(post)
        )
        return post

    run.__name__ = name
    run.__doc__ = f"posts' {name}, by a moderator of the post, audited."
    return run


lock_post = _toggle("lock_post", AuditAction.LOCK)
unlock_post = _toggle("unlock_post", AuditAction.UNLOCK)
pin_post = _toggle("pin_post", AuditAction.PIN)
unpin_post = _toggle("unpin_post", AuditAction.UNPIN)
feature_post = _toggle("feature_post", AuditAction.FEATURE)
unfeature_post = _toggle("unfeature_post", AuditAction.UNFEATURE)


@transaction.atomic
def move_post(*, post: Post, space: Space, by: User, reason: str = "") -> Post:
    """Move a top-level post to `space`; the mover must moderate both spaces."""
    _require_post_moderator(post, by)
    if not post.is_top_level:
        raise ValidationError(_("Only top-level posts can be moved."))
    before = _state(post)
    posts_service("move_post")(post=post, space=space, by=by)
    post = _refresh(post)
    log_action(
        actor=by,
        action=AuditAction.MOVE,
        target=post,
        reason=reason,
        before=before,
        after={**_state(post), "space_slug": space.slug},
    )
    return post


@transaction.atomic
def merge_questions(*, source: Post, target: Post, by: User, reason: str = "") -> Post:
    """Merge `source` into `target` (its answers move; it becomes a redirect)."""
    _require_post_moderator(source, by)
    _require_post_moderator(target, by)
    if source.pk == target.pk:
        raise ValidationError(_("A question cannot be merged into itself."), code="self")
    if source.kind != Kind.QUESTION or target.kind != Kind.QUESTION:
        raise ValidationError(_("Only questions can be merged."))
    if target.is_deleted:
        raise ValidationError(_("The target question has been deleted."))
    before = {**_state(source), "answers": source.answer_count}
    posts_service("merge_questions")(source=source, target=target, by=by)
    target = _refresh(target)
    log_action(
        actor=by,
        action=AuditAction.MERGE,
        target=source,
        reason=reason,
        before=before,
        after={**_state(_refresh(source)), "target": target.pk, "answers": target.answer_count},
    )
    return target


@transaction.atomic
def release_post(*, post: Post, by: User, reason: str = "") -> Post:
    _require_post_moderator(post, by)
    before = _state(post)
    posts_service("release_post")(post=post, by=by)
    post = _refresh(post)
    log_action(
        actor=by,
        action=AuditAction.RELEASE,
        target=post,
        reason=reason,
        before=before,
        after=_state(post),
    )
    return post


@transaction.atomic
def delete_post(*, post: Post, by: User, reason: str = "") -> Post:
    """A moderator deletes someone's post (reputation reversed by the ledger)."""
    _require_post_moderator(post, by)
    if post.is_deleted:
        raise ValidationError(_("This post is already deleted."))
    posts.delete_post(post=post, by=by)
    post = _refresh(post)
    log_action(
        actor=by,
        action=AuditAction.DELETE,
        target=post,
        reason=reason,
        before={"deleted": False},
        after={"deleted": True},
    )
    return post


@transaction.atomic
def undelete_post(*, post: Post, by: User, reason: str = "") -> Post:
    _require_post_moderator(post, by)
    if not post.is_deleted:
        raise ValidationError(_("This post is not deleted."))
    posts.undelete_post(post=post, by=by)
    post = _refresh(post)
    log_action(
        actor=by,
        action=AuditAction.UNDELETE,
        target=post,
        reason=reason,
        before={"deleted": True},
        after={"deleted": False},
    )
    return post


@transaction.atomic
def delete_comment(*, comment: Comment, by: User, reason: str = "") -> None:
    _require_post_moderator(comment.post, by)
    posts.delete_comment(comment=comment, by=by)
    log_action(actor=by, action=AuditAction.DELETE_COMMENT, target=comment, reason=reason)


# --- users -----------------------------------------------------------------
def _refuse_user_action(*, user: User, by: User) -> None:
    _require_site_moderator(by)
    if user.pk == by.pk:
        raise ValidationError(_("You cannot do this to yourself."), code="self")
    if user.is_superuser or user.groups.filter(name="Administrators").exists():
        raise ValidationError(_("Administrators cannot be suspended or silenced."), code="admin")
    if user.is_moderator and not by.is_superuser:
        raise ValidationError(
            _("Only an administrator can suspend or silence a moderator."), code="moderator"
        )


def _until(days: int | None) -> datetime:
    if days is None:
        return timezone.now() + FOREVER
    if days < 1 or days > 3650:
        raise ValidationError(_("Give a period of 1 to 3650 days."), code="days")
    return timezone.now() + timedelta(days=days)


@transaction.atomic
def suspend_user(*, user: User, by: User, days: int | None, reason: str) -> User:
    """Suspend for `days` (None: indefinitely); the member is shown the reason."""
    _refuse_user_action(user=user, by=by)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why; the member will be shown it."), code="reason")
    before = {"suspended_until": user.suspended_until, "reason": user.suspension_reason}
    user.suspended_until = _until(days)
    user.suspension_reason = reason[:500]
    user.save(update_fields=["suspended_until", "suspension_reason"])
    log_action(
        actor=by,
        action=AuditAction.SUSPEND,
        target=user,
        reason=reason,
        before=before,
        after={"suspended_until": user.suspended_until, "days": days},
    )
    return user


@transaction.atomic
def unsuspend_user(*, user: User, by: User, reason: str = "") -> User:
    _require_site_moderator(by)
    before = {"suspended_until": user.suspended_until, "reason": user.suspension_reason}
    user.suspended_until = None
    user.suspension_reason = ""
    user.save(update_fields=["suspended_until", "suspension_reason"])
    log_action(actor=by, action=AuditAction.UNSUSPEND, target=user, reason=reason, before=before)
    return user


@transaction.atomic
def silence_user(*, user: User, by: User, days: int, reason: str) -> User:
    """Silenced members read but cannot post, comment, vote or message."""
    _refuse_user_action(user=user, by=by)
    before = {"silenced_until": user.silenced_until}
    user.silenced_until = _until(days)
    user.save(update_fields=["silenced_until"])
    log_action(
        actor=by,
        action=AuditAction.SILENCE,
        target=user,
        reason=reason,
        before=before,
        after={"silenced_until": user.silenced_until, "days": days},
    )
    return user


@transaction.atomic
def unsilence_user(*, user: User, by: User, reason: str = "") -> User:
    _require_site_moderator(by)
    before = {"silenced_until": user.silenced_until}
    user.silenced_until = None
    user.save(update_fields=["silenced_until"])
    log_action(actor=by, action=AuditAction.UNSILENCE, target=user, reason=reason, before=before)
    return user


@transaction.atomic
def destroy_spammer(*, user: User, by: User, reason: str = "") -> dict[str, int]:
    """Undo a spammer: votes retracted, posts and comments deleted, account closed.

    Votes go first, through posts' `vote(value=0)`, so each one's reputation
    is reversed for the voter and the author; then posts and comments are
    deleted through posts' services (the ledger reverses what they earned);
    then the account is suspended indefinitely and deactivated. One audit
    entry holds the counts."""
    _refuse_user_action(user=user, by=by)
    votes = 0
    for vote in Vote.objects.filter(user=user).select_related("post"):
        if vote.post.can_be_voted_by(user):
            posts.vote(post=vote.post, user=user, value=0)
            votes += 1
    # Children first, so a question's answers count out of it while it is live.
    live = Post.objects.filter(author=user, deleted_at__isnull=True)
    deleted_posts = 0
    for post in list(live.exclude(parent=None)) + list(live.filter(parent=None)):
        posts.delete_post(post=post, by=by)
        deleted_posts += 1
    deleted_comments = 0
    for comment in Comment.objects.filter(author=user, deleted_at__isnull=True).select_related(
        "post"
    ):
        posts.delete_comment(comment=comment, by=by)
        deleted_comments += 1
    before = {"is_active": user.is_active, "suspended_until": user.suspended_until}
    user.suspended_until = timezone.now() + FOREVER
    user.suspension_reason = reason.strip()[:500] or _("Spam")
    user.is_active = False
    user.save(update_fields=["suspended_until", "suspension_reason", "is_active"])
    counts = {"posts": deleted_posts, "comments": deleted_comments, "votes": votes}
    log_action(
        actor=by,
        action=AuditAction.DESTROY_SPAMMER,
        target=user,
        reason=reason,
        before=before,
        after={**counts, "is_active": False},
    )
    return counts
