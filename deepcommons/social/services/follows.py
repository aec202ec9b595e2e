"""Following, muting and blocking; the reads are on the QuerySets (social/querysets.py)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.social import kinds
from deepcommons.social.models import Block, Follow, Mute


def _ct(obj_or_model: models.Model) -> ContentType:
    return ContentType.objects.get_for_model(obj_or_model)


def follow(*, user: User, target: models.Model) -> Follow:
    """Follow a user, space, tag or post (watching it). Following twice is a no-op.

    Raises ValidationError for oneself and for users who blocked `user`. A new
    follower of a user is notified.
    """
    if isinstance(target, User):
        if target.pk == user.pk:
            raise ValidationError(_("You cannot follow yourself."))
        if Block.objects.is_blocked(blocker=target, blocked=user):
            raise ValidationError(_("You cannot follow this user."))
    try:
        with transaction.atomic():
            follow_row, created = Follow.objects.get_or_create(
                user=user, content_type=_ct(target), object_id=target.pk
            )
    except IntegrityError:  # a concurrent double click
        return Follow.objects.on(target).get(user=user)
    if created and isinstance(target, User):
        from deepcommons.social.services.notifications import notify

        notify(
            recipient=target,
            kind=kinds.NEW_FOLLOWER,
            actor=user,
            target=user,
            dedupe_key=f"follower:{user.pk}",
        )
    return follow_row


def unfollow(*, user: User, target: models.Model) -> bool:
    """Stop following; returns whether there was a follow."""
    deleted, _rows = Follow.objects.on(target).filter(user=user).delete()
    return deleted > 0


def mute(*, user: User, target: models.Model) -> Mute:
    """Hide a user or a space from `user`'s feed and notifications."""
    if isinstance(target, User) and target.pk == user.pk:
        raise ValidationError(_("You cannot mute yourself."))
    mute_row, _created = Mute.objects.get_or_create(
        user=user, content_type=_ct(target), object_id=target.pk
    )
    return mute_row


def unmute(*, user: User, target: models.Model) -> bool:
    deleted, _rows = Mute.objects.on(target).filter(user=user).delete()
    return deleted > 0


def block_user(*, user: User, target: User) -> Block:
    """`target` can no longer message, mention or follow `user`; their follow ends."""
    if target.pk == user.pk:
        raise ValidationError(_("You cannot block yourself."))
    with transaction.atomic():
        block, _created = Block.objects.get_or_create(blocker=user, blocked=target)
        Follow.objects.on(user).filter(user=target).delete()
    return block


def unblock_user(*, user: User, target: User) -> bool:
    deleted, _rows = Block.objects.filter(blocker=user, blocked=target).delete()
    return deleted > 0
