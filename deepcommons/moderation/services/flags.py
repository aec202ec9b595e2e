"""Flags: members report content; trusted flags can hide a post at once."""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.accounts.models import TrustLevel, User
from deepcommons.moderation.models import (
    HIDING_REASONS,
    AuditAction,
    Flag,
    FlaggerRecord,
    FlagReason,
    FlagStatus,
    Queue,
)
from deepcommons.moderation.services.audit import log_action, snapshot
from deepcommons.moderation.services.posts_api import has_posts_service, posts_service
from deepcommons.posts.models import Comment, Kind, Post
from deepcommons.social.models import Message

# Trust level from which a member's spam or abuse flag counts towards hiding.
TRUSTED_FLAGGER_LEVEL = TrustLevel.MEMBER


def hide_threshold() -> int:
    """Spam/abusive flags from trusted members that hide a post (setting)."""
    return int(getattr(settings, "MODERATION_FLAGS_TO_HIDE", 3))


def _refuse_target(*, flagger: User, target: Model) -> None:
    if isinstance(target, Post):
        if target.is_deleted:
            raise ValidationError(_("This post has been deleted; it cannot be flagged."))
        if not target.is_visible_to(flagger):
            raise PermissionDenied
        if target.author_id == flagger.pk:
            raise ValidationError(_("You cannot flag your own post."))
    elif isinstance(target, Comment):
        if target.is_deleted or target.post.is_deleted:
            raise ValidationError(_("This comment has been deleted; it cannot be flagged."))
        if target.author_id == flagger.pk:
            raise ValidationError(_("You cannot flag your own comment."))
    elif isinstance(target, Message):
        participants = target.conversation.participants.active()
        if not participants.filter(user=flagger).exists():
            raise PermissionDenied(_("Only the conversation's participants can flag a message."))
        if target.sender_id == flagger.pk:
            raise ValidationError(_("You cannot flag your own message."))
    elif isinstance(target, User):
        if target.pk == flagger.pk:
            raise ValidationError(_("You cannot flag yourself."))
        if not target.is_active:
            raise ValidationError(_("This account is closed."))
    else:
        raise ValidationError(_("This cannot be flagged."))


def _target_field(target: Model) -> str:
    if isinstance(target, Post):
        return "post"
    if isinstance(target, Comment):
        return "comment"
    if isinstance(target, Message):
        return "message"
    return "user"


def _is_trusted(user: User) -> bool:
    return user.trust_level >= TRUSTED_FLAGGER_LEVEL or user.is_moderator


@transaction.atomic
def flag(
    *,
    flagger: User,
    target: Post | Comment | Message | User,
    reason: str,
    text: str = "",
    duplicate_of: Post | None = None,
) -> Flag:
    """Open a flag on `target`; may hide the post when enough trusted members agree.

    Raises ValidationError (bad reason, own or deleted content, a flag
    already open) or PermissionDenied (a message outside your conversations,
    a post you cannot see)."""
    if not flagger.is_authenticated or not flagger.is_active:
        raise PermissionDenied
    if reason not in FlagReason.values:
        raise ValidationError(_("Choose one of the reasons."), code="reason")
    _refuse_target(flagger=flagger, target=target)
    text = text.strip()
    if reason == FlagReason.ATTENTION and not text:
        raise ValidationError(_("Tell the moderators what needs their attention."), code="text")
    if reason == FlagReason.DUPLICATE:
        if not isinstance(target, Post) or target.kind != Kind.QUESTION:
            raise ValidationError(_("Only questions can be flagged as duplicates."))
        if duplicate_of is None:
            raise ValidationError(_("Give the link of the original question."), code="duplicate")
        if duplicate_of.pk == target.pk:
            raise ValidationError(_("A question cannot duplicate itself."), code="duplicate")
        if duplicate_of.kind != Kind.QUESTION or duplicate_of.is_deleted:
            raise ValidationError(_("The original must be a live question."), code="duplicate")
    else:
        duplicate_of = None
    field = _target_field(target)
    if Flag.objects.open().filter(flagger=flagger, **{field: target}).exists():
        raise ValidationError(_("You have already flagged this; a moderator will look at it."))
    body = getattr(target, "body", "") or ""
    try:
        with transaction.atomic():
            new = Flag.objects.create(
                flagger=flagger,
                reason=reason,
                text=text,
                duplicate_of=duplicate_of,
                snapshot=(body or snapshot(target))[:20_000],
                **{field: target},
            )
    except IntegrityError:
        raise ValidationError(
            _("You have already flagged this; a moderator will look at it.")
        ) from None
    if isinstance(target, Post) and reason in HIDING_REASONS:
        _hide_if_trusted_flags_agree(target)
    if isinstance(target, Post) and reason == FlagReason.LOW_QUALITY:
        from deepcommons.moderation.services.review import enqueue

        enqueue(queue=Queue.LOW_QUALITY, post=target, reason=_("Flagged as low quality"))
    return new


def trusted_hiding_flags(post: Post) -> int:
    flags = Flag.objects.open().filter(post=post, reason__in=HIDING_REASONS)
    return sum(1 for f in flags.select_related("flagger") if _is_trusted(f.flagger))


def _hide_if_trusted_flags_agree(post: Post) -> None:
    if trusted_hiding_flags(post) < hide_threshold():
        return
    if getattr(post, "is_held", False) or not has_posts_service("hold_post"):
        return
    from deepcommons.moderation.services.review import enqueue

    posts_service("hold_post")(post=post, reason=_("Hidden by flags pending review."))
    log_action(
        actor=None,
        action=AuditAction.AUTO_HIDE,
        target=post,
        reason=_("Hidden by flags pending review."),
        after={"flags": trusted_hiding_flags(post)},
    )
    enqueue(queue=Queue.HELD, post=post, reason=_("Hidden by flags"))


def _count(user_ids: list[int], column: str) -> None:
    """Add each flagger's number of judged flags to their record, with F()."""
    for user_id, n in Counter(user_ids).items():
        FlaggerRecord.objects.get_or_create(user_id=user_id)
        FlaggerRecord.objects.filter(user_id=user_id).update(**{column: F(column) + n})


@transaction.atomic
def resolve_flags(
    *, flags: list[Flag], helpful: bool, by: User, note: str = "", audit: bool = True
) -> int:
    """Mark open flags helpful or declined; each flagger's record moves by one.

    Returns how many flags changed. Refused to members who cannot review."""
    if not can_handle_flags(by):
        raise PermissionDenied
    ids = [f.pk for f in flags]
    locked = list(Flag.objects.select_for_update().open().filter(pk__in=ids))
    if not locked:
        return 0
    status = FlagStatus.HELPFUL if helpful else FlagStatus.DECLINED
    Flag.objects.filter(pk__in=[f.pk for f in locked]).update(
        status=status, handled_by=by, handled_at=timezone.now(), handler_note=note[:500]
    )
    _count([f.flagger_id for f in locked], "helpful" if helpful else "declined")
    if audit:
        for f in locked:
            log_action(
                actor=by,
                action=AuditAction.FLAG_HELPFUL if helpful else AuditAction.FLAG_DECLINED,
                target=f.target,
                reason=note,
                before={"flag": f.pk, "status": FlagStatus.OPEN, "reason": f.reason},
                after={"flag": f.pk, "status": status, "flagger": f.flagger.username},
            )
    return len(locked)


def resolve_flags_on_post(*, post: Post, helpful: bool, by: User, note: str = "") -> int:
    """What a review outcome does to the post's open flags."""
    return resolve_flags(
        flags=list(Flag.objects.open().filter(post=post)), helpful=helpful, by=by, note=note
    )


def can_handle_flags(user: User) -> bool:
    return bool(user.is_authenticated and (user.is_moderator or user.can_use_moderation_tools()))
