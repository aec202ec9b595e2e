"""Close and reopen votes: enough of them (or one moderator) close or reopen."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.moderation.models import AuditAction, CloseReason, CloseVote, Queue, VoteKind
from deepcommons.moderation.services import actions
from deepcommons.moderation.services.audit import log_action
from deepcommons.moderation.services.review import (
    close_pending_items,
    enqueue,
    most_common_reason,
)
from deepcommons.posts.models import Kind, Post


def votes_needed() -> int:
    """Close (or reopen) votes that close (or reopen) a question (setting)."""
    return int(getattr(settings, "MODERATION_CLOSE_VOTES", 5))


def is_closed(post: Post) -> bool:
    return getattr(post, "closed_at", None) is not None


@transaction.atomic
def cast_close_vote(
    *,
    post: Post,
    voter: User,
    kind: str = VoteKind.CLOSE,
    reason: str = "",
    duplicate_of: Post | None = None,
) -> CloseVote:
    """Vote to close (or reopen) `post`. The deciding vote, or a moderator's
    single vote, closes (reopens) it through `close_post(via_votes=True)`."""
    if not voter.is_authenticated or not voter.can_vote_to_close():
        raise PermissionDenied(voter.privilege_refusal("vote_to_close") or None)
    if kind not in VoteKind.values:
        raise ValidationError(_("A vote is to close or to reopen."), code="kind")
    if post.kind != Kind.QUESTION:
        raise ValidationError(_("Only questions can be closed."))
    if post.is_deleted:
        raise ValidationError(_("This post has been deleted."))
    if post.author_id == voter.pk and kind == VoteKind.CLOSE:
        raise ValidationError(_("You cannot vote to close your own question."))
    if kind == VoteKind.CLOSE:
        if is_closed(post):
            raise ValidationError(_("This question is already closed."))
        if reason not in CloseReason.values:
            raise ValidationError(_("Choose one of the close reasons."), code="reason")
        if reason == CloseReason.DUPLICATE:
            actions.validate_duplicate(post=post, duplicate_of=duplicate_of)
        else:
            duplicate_of = None
    else:
        if not is_closed(post):
            raise ValidationError(_("This question is open."))
        reason, duplicate_of = "", None
    try:
        with transaction.atomic():
            vote = CloseVote.objects.create(
                post=post, voter=voter, kind=kind, reason=reason, duplicate_of=duplicate_of
            )
    except IntegrityError:
        raise ValidationError(_("You have already voted.")) from None
    active = CloseVote.objects.active().filter(post=post, kind=kind).select_related("voter")
    count = active.count()
    log_action(
        actor=voter,
        action=AuditAction.CLOSE_VOTE if kind == VoteKind.CLOSE else AuditAction.REOPEN_VOTE,
        target=post,
        reason=reason,
        after={"votes": count, "needed": votes_needed()},
    )
    if count >= votes_needed() or voter.is_moderator:
        voters = [v.voter.username for v in active]
        if kind == VoteKind.CLOSE:
            winning = most_common_reason(list(active))
            original = duplicate_of
            if winning == CloseReason.DUPLICATE and original is None:
                original = next(v.duplicate_of for v in active if v.duplicate_of_id)
            actions.close_post(
                post=post,
                by=voter,
                reason=winning,
                duplicate_of=original,
                via_votes=True,
                voters=voters,
            )
        else:
            actions.reopen_post(post=post, by=voter, via_votes=True, voters=voters)
        close_pending_items(post=post, queue=Queue.CLOSE_VOTES)
    else:
        enqueue(queue=Queue.CLOSE_VOTES, post=post, reason=kind)
    return vote


@transaction.atomic
def retract_close_vote(*, post: Post, voter: User) -> int:
    return CloseVote.objects.active().filter(post=post, voter=voter).delete()[0]
