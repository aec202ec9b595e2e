"""What moderators do to posts: close and reopen, lock, pin, feature, move,
merge, and hold for review or release.

Each takes the acting member as `by` and checks that they moderate the
post (a site or space moderator, or a member with the `moderation_tools`
privilege), except where noted. Each publishes a post hook event whose data
holds `by` and the post's moderation state `before` and `after` (see
`state`), so the moderation app can write its audit rows. Bad input raises
ValidationError and changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.posts import hooks
from deepcommons.posts.models import CloseReason, Comment, Kind, Post, Status
from deepcommons.posts.services.deletion import count_in_or_out
from deepcommons.spaces.models import Space
from deepcommons.spaces.moderation import moderator_powers
from deepcommons.spaces.services import record_space_post, touch_space

# How far a chain of duplicates is followed when looking for a cycle.
DUPLICATE_CHAIN_MAX = 50


def state(post: Post) -> dict[str, Any]:
    """The moderation state of `post`, as the events' `before` and `after` hold it."""
    return {
        "status": post.status,
        "closed": post.closed_at is not None,
        "close_reason": post.close_reason,
        "duplicate_of": post.duplicate_of_id,
        "locked": post.locked_at is not None,
        "pinned": post.pinned_at is not None,
        "featured": post.featured_at is not None,
        "space": post.space_id,
        "merged_into": post.merged_into_id,
    }


def check_moderates(post: Post, by: User) -> None:
    if not (post.is_moderated_by(by) or by.can_use_moderation_tools()):
        raise PermissionDenied(_("Only moderators of this post can do that."))


def _locked_row(post: Post) -> Post:
    """`post` re-read under a row lock, so two moderators cannot act at once."""
    return Post.objects.select_for_update().get(pk=post.pk)


def _save(post: Post, row: Post, fields: dict[str, Any]) -> None:
    Post.objects.filter(pk=row.pk).update(**fields)
    for name, value in fields.items():
        setattr(row, name, value)
        setattr(post, name, value)


def _top_level(post: Post) -> None:
    if not post.is_top_level:
        raise ValidationError(
            _(
                "Only questions, discussions, articles and tutorials can be closed,"
                " pinned, featured or moved."
            )
        )


# --- close and reopen ----------------------------------------------------


def _check_duplicate_target(post: Post, target: Post) -> None:
    if target.pk == post.pk:
        raise ValidationError({"duplicate_of": [_("A question cannot be a duplicate of itself.")]})
    if target.kind != post.kind:
        raise ValidationError(
            {"duplicate_of": [_("The original must be a post of the same kind.")]}
        )
    if target.is_deleted or target.status != Status.PUBLISHED or target.merged_into_id:
        raise ValidationError({"duplicate_of": [_("The original must be a live, public post.")]})
    seen = {post.pk}
    current: Post | None = target
    for _step in range(DUPLICATE_CHAIN_MAX):
        if current is None or current.duplicate_of_id is None:
            return
        if current.duplicate_of_id in seen:
            raise ValidationError(
                {
                    "duplicate_of": [
                        _(
                            "“%(title)s” is itself closed as a duplicate of this question;"
                            " two questions cannot be duplicates of each other."
                        )
                        % {"title": target.title}
                    ]
                }
            )
        seen.add(current.pk)
        current = Post.objects.filter(pk=current.duplicate_of_id).first()


@transaction.atomic
def close_post(
    *,
    post: Post,
    reason: str,
    by: User,
    duplicate_of: Post | None = None,
    via_votes: bool = False,
) -> Post:
    """Close `post` for `reason` (a CloseReason); a duplicate names its original.

    `via_votes`: the moderation app closes on reaching the close-vote
    threshold; `by` is then the last voter and need not moderate.
    """
    if not via_votes:
        check_moderates(post, by)
    _top_level(post)
    if reason not in CloseReason.values:
        raise ValidationError({"reason": [_("Choose a reason from the list.")]})
    if reason == CloseReason.DUPLICATE and duplicate_of is None:
        raise ValidationError({"duplicate_of": [_("Name the question this one duplicates.")]})
    if reason != CloseReason.DUPLICATE:
        duplicate_of = None
    row = _locked_row(post)
    if row.is_closed:
        raise ValidationError(_("This post is already closed."))
    if duplicate_of is not None:
        _check_duplicate_target(row, duplicate_of)
    before = state(row)
    _save(
        post,
        row,
        {
            "closed_at": timezone.now(),
            "close_reason": reason,
            "duplicate_of": duplicate_of,
            "closed_by": by,
        },
    )
    hooks.publish("closed", post, by=by, via_votes=via_votes, before=before, after=state(row))
    return post


@transaction.atomic
def reopen_post(*, post: Post, by: User, via_votes: bool = False) -> Post:
    if not via_votes:
        check_moderates(post, by)
    row = _locked_row(post)
    if not row.is_closed:
        raise ValidationError(_("This post is not closed."))
    if row.merged_into_id:
        raise ValidationError(_("A merged question cannot be reopened."))
    before = state(row)
    _save(
        post, row, {"closed_at": None, "close_reason": "", "duplicate_of": None, "closed_by": None}
    )
    hooks.publish("reopened", post, by=by, via_votes=via_votes, before=before, after=state(row))
    return post


# --- lock, pin, feature --------------------------------------------------


@transaction.atomic
def lock_post(*, post: Post, by: User) -> Post:
    """No votes, comments, answers or edits, except by the post's moderators."""
    check_moderates(post, by)
    row = _locked_row(post)
    if row.is_locked:
        raise ValidationError(_("This post is already locked."))
    before = state(row)
    _save(post, row, {"locked_at": timezone.now()})
    hooks.publish("locked", post, by=by, before=before, after=state(row))
    return post


@transaction.atomic
def unlock_post(*, post: Post, by: User) -> Post:
    check_moderates(post, by)
    row = _locked_row(post)
    if not row.is_locked:
        raise ValidationError(_("This post is not locked."))
    before = state(row)
    _save(post, row, {"locked_at": None})
    hooks.publish("unlocked", post, by=by, before=before, after=state(row))
    return post


@transaction.atomic
def pin_post(*, post: Post, by: User) -> Post:
    """Pinned posts come first in their space's lists."""
    check_moderates(post, by)
    _top_level(post)
    row = _locked_row(post)
    if row.is_pinned:
        raise ValidationError(_("This post is already pinned."))
    before = state(row)
    _save(post, row, {"pinned_at": timezone.now()})
    hooks.publish("pinned", post, by=by, before=before, after=state(row))
    return post


@transaction.atomic
def unpin_post(*, post: Post, by: User) -> Post:
    check_moderates(post, by)
    row = _locked_row(post)
    if not row.is_pinned:
        raise ValidationError(_("This post is not pinned."))
    before = state(row)
    _save(post, row, {"pinned_at": None})
    hooks.publish("unpinned", post, by=by, before=before, after=state(row))
    return post


@transaction.atomic
def feature_post(*, post: Post, by: User) -> Post:
    check_moderates(post, by)
    _top_level(post)
    row = _locked_row(post)
    if row.is_featured:
        raise ValidationError(_("This post is already featured."))
    before = state(row)
    _save(post, row, {"featured_at": timezone.now()})
    hooks.publish("featured", post, by=by, before=before, after=state(row))
    return post


@transaction.atomic
def unfeature_post(*, post: Post, by: User) -> Post:
    check_moderates(post, by)
    row = _locked_row(post)
    if not row.is_featured:
        raise ValidationError(_("This post is not featured."))
    before = state(row)
    _save(post, row, {"featured_at": None})
    hooks.publish("unfeatured", post, by=by, before=before, after=state(row))
    return post


# --- move and merge ------------------------------------------------------


@transaction.atomic
def move_post(*, post: Post, space: Space | None, by: User) -> Post:
    """Move a top-level post to `space` (None: out of any space). `by`
    moderates the post and, unless a site moderator, the target space too."""
    check_moderates(post, by)
    _top_level(post)
    if space is not None and not (
        by.can_use_moderation_tools() or moderator_powers(by).covers(space.pk)
    ):
        raise PermissionDenied(_("You can only move posts to spaces you moderate."))
    row = _locked_row(post)
    if row.space_id == (space.pk if space else None):
        raise ValidationError({"space": [_("The post is already in that space.")]})
    before = state(row)
    counted = row.status == Status.PUBLISHED and not row.is_deleted
    if counted:
        record_space_post(space_id=row.space_id, delta=-1)
    _save(post, row, {"space": space})
    if counted:
        record_space_post(space_id=row.space_id, delta=1)
        touch_space(space_id=row.space_id)
    hooks.publish("moved", post, by=by, before=before, after=state(row))
    return post


@transaction.atomic
def merge_questions(*, source: Post, target: Post, by: User) -> Post:
    """Move `source`'s answers and comments to `target`; `source` is closed
    as its duplicate, leaves the lists, and its URL redirects to `target`.

    An answer accepted on `source` stays accepted on `target` when `target`
    has none; otherwise the acceptance is withdrawn ("unaccepted").
    """
    check_moderates(source, by)
    check_moderates(target, by)
    if source.pk == target.pk:
        raise ValidationError({"target": [_("A question cannot be merged into itself.")]})
    if source.kind != Kind.QUESTION:
        raise ValidationError(_("Only questions can be merged."))
    if target.kind != Kind.QUESTION:
        raise ValidationError({"target": [_("A question can only be merged into a question.")]})
    # Lock both rows in id order, so two merges cannot deadlock.
    both = Post.objects.select_for_update().filter(pk__in=[source.pk, target.pk])
    rows = {p.pk: p for p in both.order_by("pk")}
    src, dst = rows[source.pk], rows[target.pk]
    if src.merged_into_id:
        raise ValidationError(_("This question has already been merged."))
    if dst.is_deleted or dst.status != Status.PUBLISHED or dst.merged_into_id:
        raise ValidationError({"target": [_("The target question must be live and public.")]})
    if src.is_deleted:
        raise ValidationError(_("A deleted question cannot be merged."))
    before = state(src)
    answers = Post.objects.filter(parent=src, kind=Kind.ANSWER)
    answer_ids = list(answers.values_list("pk", flat=True))
    live_answers = answers.filter(status=Status.PUBLISHED, deleted_at__isnull=True).count()
    comments = Comment.objects.filter(post=src)
    live_comments = comments.filter(deleted_at__isnull=True).count()
    answers.update(parent=dst)
    comments.update(post=dst)
    accepted = src.accepted_answer_id
    now = timezone.now()
    target_fields: dict[str, Any] = {
        "answer_count": F("answer_count") + live_answers,
        "comment_count": F("comment_count") + live_comments,
        "last_activity_at": now,
    }
    keep_accept = bool(accepted) and dst.accepted_answer_id is None
    if keep_accept:
        target_fields["accepted_answer_id"] = accepted
    Post.objects.filter(pk=dst.pk).update(**target_fields)
    count_in_or_out(src, -1)
    _save(
        source,
        src,
        {
            "answer_count": 0,
            "comment_count": 0,
            "accepted_answer": None,
            "merged_into": dst,
            "closed_at": src.closed_at or now,
            "close_reason": CloseReason.DUPLICATE,
            "duplicate_of": dst,
            "closed_by": src.closed_by if src.closed_at else by,
        },
    )
    target.refresh_from_db()
    if accepted and not keep_accept:
        hooks.publish("unaccepted", source, by=by, answer_id=accepted)
    from deepcommons.posts.pagecache import post_changed

    post_changed(target, "merged")
    hooks.publish(
        "merged",
        source,
        by=by,
        target=target,
        answer_ids=answer_ids,
        before=before,
        after=state(src),
    )
    return target


# --- hold for review and release -----------------------------------------


@transaction.atomic
def hold_post(*, post: Post, reason: str) -> Post:
    """Hide a published post until a moderator reviews it (screening and the
    moderation app's auto-hide call this; no `by`). Counts leave with it.
    Holding a post already held changes nothing."""
    row = _locked_row(post)
    if row.status == Status.HELD:
        return post
    if row.status != Status.PUBLISHED:
        raise ValidationError(_("Only a published post can be held for review."))
    before = state(row)
    if not row.is_deleted:
        count_in_or_out(row, -1)
    _save(post, row, {"status": Status.HELD, "hold_reason": reason[:200]})
    hooks.publish("held", post, by=None, reason=reason, new=False, before=before, after=state(row))
    return post


@transaction.atomic
def release_post(*, post: Post, by: User) -> Post:
    """Publish a held post (a moderator's "looks fine"); to reject it, delete it."""
    check_moderates(post, by)
    row = _locked_row(post)
    if row.status != Status.HELD:
        raise ValidationError(_("This post is not awaiting review."))
    before = state(row)
    _save(post, row, {"status": Status.PUBLISHED, "hold_reason": ""})
    if not row.is_deleted:
        count_in_or_out(row, 1)
        if row.parent_id:
            Post.objects.filter(pk=row.parent_id).update(last_activity_at=timezone.now())
    hooks.publish("released", post, by=by, before=before, after=state(row))
    # Listeners that announce, index and log new posts hear of it now.
    hooks.publish("created", post)
    return post
