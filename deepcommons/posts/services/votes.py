"""Votes: the voter's row, the score counters and `hot`, all in one transaction."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, FloatField, Value
from django.db.models.functions import Abs, Greatest, Log, Sign
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.posts import hooks
from deepcommons.posts.models import HOT_EPOCH, HOT_GRAVITY_SECONDS, Post, Vote
from deepcommons.posts.services.guards import check_can_write, check_not_locked, check_privilege


def vote(*, post: Post, user: User, value: int) -> int:
    """Set `user`'s vote on `post` to +1, -1 or 0 (retract); returns the new vote.

    Exact under concurrency: the vote row is locked (or created under the
    unique constraint) and counters move by the difference with `F()`.
    Voting up needs the `upvote` privilege, down `downvote`; taking a vote
    back needs neither. Locked posts take no votes.
    """
    if value not in (1, 0, -1):
        raise ValidationError(_("A vote is +1, -1 or 0."))
    check_can_write(user)
    if not post.can_be_voted_by(user):
        raise PermissionDenied(_("You cannot vote on this post."))
    if value == -1 and not post.takes_downvotes:
        raise ValidationError(_("This kind of post only takes likes."))
    check_not_locked(post, user)
    if value == 1:
        check_privilege(user, "upvote")
    elif value == -1:
        check_privilege(user, "downvote")
    for attempt in range(3):
        try:
            with transaction.atomic():
                return _vote_once(post=post, user=user, value=value)
        except IntegrityError:
            # The same user voted twice at the same moment; the other request
            # created the row, so try again and update it.
            if attempt == 2:
                raise
    return value


def _vote_once(*, post: Post, user: User, value: int) -> int:
    existing = Vote.objects.select_for_update().filter(user=user, post=post).first()
    old = existing.value if existing else 0
    if old == value:
        return value
    if existing is None:
        Vote.objects.create(user=user, post=post, value=value)
    elif value == 0:
        existing.delete()
    else:
        Vote.objects.filter(pk=existing.pk).update(value=value)
    delta = value - old
    up_delta = int(value == 1) - int(old == 1)
    down_delta = int(value == -1) - int(old == -1)
    Post.objects.filter(pk=post.pk).update(
        score=F("score") + delta,
        upvotes=F("upvotes") + up_delta,
        downvotes=F("downvotes") + down_delta,
        hot=_hot_expression(post, delta),
    )
    hooks.publish("voted", post, user=user, value=value, old=old)
    return value


def _hot_expression(post: Post, delta: int) -> Any:
    """hot for score+delta, computed in the database from the row's current score."""
    new_score = F("score") + delta
    age = (post.created_at - HOT_EPOCH).total_seconds() / HOT_GRAVITY_SECONDS
    return Sign(new_score) * Log(
        Value(10.0), Greatest(Abs(new_score), Value(1), output_field=FloatField())
    ) + Value(age)
