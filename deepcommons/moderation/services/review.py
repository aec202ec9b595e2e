"""Review queues: what new, late, poor or held posts wait for, and the outcomes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.accounts.models import TrustLevel, User
from deepcommons.moderation.models import (
    AuditAction,
    CloseReason,
    CloseVote,
    Outcome,
    Queue,
    ReviewItem,
    ReviewStatus,
    VoteKind,
)
from deepcommons.moderation.services.audit import log_action
from deepcommons.posts.models import Kind, Post

FIRST_POSTS_COUNTED = 2
LATE_ANSWER_AGE = timedelta(days=30)
SHORT_BODY = 60
LOW_SCORE = -3


def enqueue(*, queue: str, post: Post, reason: str = "", edit_id: int | None = None) -> ReviewItem:
    """Put `post` in `queue` unless it already waits there; returns the pending item."""
    existing = ReviewItem.objects.pending().filter(queue=queue, post=post, edit_id=edit_id).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return ReviewItem.objects.create(
                queue=queue, post=post, reason=reason[:300], edit_id=edit_id
            )
    except IntegrityError:
        return ReviewItem.objects.pending().get(queue=queue, post=post, edit_id=edit_id)


def enqueue_new_post(*, post: Post) -> list[ReviewItem]:
    """The queues a just-created post belongs in: a new member's first posts,
    an answer to an old question, a very short body."""
    items = []
    author = post.author
    if author.trust_level == TrustLevel.NEW:
        earlier = Post.objects.filter(author=author, created_at__lte=post.created_at).count()
        if earlier <= FIRST_POSTS_COUNTED:
            items.append(enqueue(queue=Queue.FIRST_POSTS, post=post, reason=_("First posts")))
    parent = post.parent if post.kind == Kind.ANSWER else None
    if parent is not None and post.created_at - parent.created_at > LATE_ANSWER_AGE:
        items.append(
            enqueue(queue=Queue.LATE_ANSWERS, post=post, reason=_("Answer to an old question"))
        )
    if len(post.body.strip()) < SHORT_BODY:
        items.append(enqueue(queue=Queue.LOW_QUALITY, post=post, reason=_("Very short")))
    return items


def enqueue_if_low_quality(*, post: Post) -> ReviewItem | None:
    """A post voted down to LOW_SCORE or below goes to the low-quality queue."""
    if post.score <= LOW_SCORE and not post.is_deleted:
        return enqueue(queue=Queue.LOW_QUALITY, post=post, reason=_("Score of −3 or less"))
    return None


def can_review(user: User, queue: str = "") -> bool:
    if not user.is_authenticated:
        return False
    if user.is_moderator or user.can_use_moderation_tools():
        return True
    return queue == Queue.SUGGESTED_EDITS and user.can_edit_without_review()


def can_review_any(user: User) -> bool:
    return can_review(user) or can_review(user, Queue.SUGGESTED_EDITS)


# Outcomes each queue offers.
QUEUE_OUTCOMES: dict[str, tuple[str, ...]] = {
    Queue.FIRST_POSTS: (Outcome.APPROVED, Outcome.EDITED, Outcome.DELETED),
    Queue.LATE_ANSWERS: (Outcome.APPROVED, Outcome.EDITED, Outcome.DELETED),
    Queue.LOW_QUALITY: (Outcome.APPROVED, Outcome.EDITED, Outcome.DELETED, Outcome.CLOSED),
    Queue.CLOSE_VOTES: (Outcome.APPROVED, Outcome.CLOSED),
    Queue.FLAGS: (Outcome.APPROVED, Outcome.DELETED),
    Queue.HELD: (Outcome.APPROVED, Outcome.REJECTED),
}


@transaction.atomic
def review_item(*, item: ReviewItem, outcome: str, by: User, reason: str = "") -> ReviewItem:
    """Decide a pending item: the outcome acts on the post and settles its flags.

    "approved" (looks OK) declines the post's flags and releases a held post;
    "deleted", "rejected" and "closed" mark them helpful."""
    from deepcommons.moderation.services import actions
    from deepcommons.moderation.services.flags import resolve_flags_on_post

    if not can_review(by, item.queue):
        raise PermissionDenied
    item = ReviewItem.objects.select_for_update().get(pk=item.pk)
    if not item.is_pending:
        raise ValidationError(_("Someone has already reviewed this."))
    if outcome not in QUEUE_OUTCOMES.get(item.queue, ()):
        raise ValidationError(_("This queue does not offer that action."))
    post = Post.objects.select_related("author", "parent").get(pk=item.post_id)
    if outcome == Outcome.DELETED:
        actions.delete_post(post=post, by=by, reason=reason)
        resolve_flags_on_post(post=post, helpful=True, by=by)
    elif outcome == Outcome.REJECTED:
        if not post.is_deleted:
            actions.delete_post(post=post, by=by, reason=reason or _("Rejected in review"))
        resolve_flags_on_post(post=post, helpful=True, by=by)
    elif outcome == Outcome.CLOSED:
        # The voters' most common reason (and original, for duplicates), else off-topic.
        votes = list(CloseVote.objects.active().filter(post=post, kind=VoteKind.CLOSE))
        close_reason = most_common_reason(votes) if votes else CloseReason.OFF_TOPIC
        original = next((v.duplicate_of for v in votes if v.duplicate_of_id), None)
        if close_reason == CloseReason.DUPLICATE and original is None:
            close_reason = CloseReason.OFF_TOPIC
        actions.close_post(post=post, by=by, reason=close_reason, duplicate_of=original)
    elif outcome == Outcome.APPROVED:
        if item.queue == Queue.HELD and getattr(post, "is_held", False):
            actions.release_post(post=post, by=by)
        resolve_flags_on_post(post=post, helpful=False, by=by)
    ReviewItem.objects.filter(pk=item.pk).update(
        status=ReviewStatus.DONE, outcome=outcome, reviewed_by=by, reviewed_at=timezone.now()
    )
    item.refresh_from_db()
    if outcome in (Outcome.APPROVED, Outcome.EDITED):
        log_action(
            actor=by,
            action=AuditAction.REVIEW,
            target=post,
            reason=reason,
            after={"queue": item.queue, "outcome": outcome},
        )
    return item


def close_pending_items(*, post: Post, queue: str | None = None) -> int:
    """Items no longer needed (the post went another way): marked skipped."""
    items = ReviewItem.objects.pending().filter(post=post)
    if queue:
        items = items.filter(queue=queue)
    return items.update(status=ReviewStatus.DONE, outcome=Outcome.SKIPPED)


@transaction.atomic
def review_suggested_edit(*, edit: Any, approve: bool, by: User, reason: str = "") -> None:
    """Approve or reject one of posts' suggested edits, audited."""
    from deepcommons.moderation.services.posts_api import posts_service

    if not can_review(by, Queue.SUGGESTED_EDITS):
        raise PermissionDenied
    if approve:
        posts_service("approve_suggested_edit")(edit=edit, by=by)
    else:
        posts_service("reject_suggested_edit")(edit=edit, by=by, reason=reason[:200])
    log_action(
        actor=by,
        action=AuditAction.APPROVE_EDIT if approve else AuditAction.REJECT_EDIT,
        target=edit.post,
        reason=reason,
        after={"edit": edit.pk, "proposer": edit.proposer.username},
    )


def most_common_reason(votes: list[CloseVote]) -> str:
    """The reason most votes give; a tie goes to the earliest vote's reason."""
    counts: dict[str, int] = {}
    for vote in votes:
        counts[vote.reason] = counts.get(vote.reason, 0) + 1
    best = max(counts.values())
    return next(v.reason for v in votes if counts[v.reason] == best)
