"""Writing the ledger: grants, their reversal, and the events that cause them.

The functions are atomic without savepoints: they run inside the vote's
(or accept's) transaction, and an error in them must roll all of it back
anyway, so a savepoint per call would only cost two statements each.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.posts.models import Post
from deepcommons.reputation.models import Cause, Reason, ReputationChange
from deepcommons.reputation.models.ledger import CAPPED_REASONS
from deepcommons.reputation.rules import rules, upvote_amount


def vote_key(*, post_id: int, voter_id: int) -> str:
    return f"vote:{post_id}:{voter_id}"


def accept_key(*, answer_id: int) -> str:
    return f"accept:{answer_id}"


def _day_start(moment: datetime) -> datetime:
    """Midnight UTC of `moment`'s day: the daily cap runs per UTC day."""
    day = moment.astimezone(UTC).date()
    return datetime.combine(day, time.min, tzinfo=UTC)


def _move_totals(deltas: dict[int, int]) -> None:
    for user_id, delta in deltas.items():
        if delta:
            User.objects.filter(pk=user_id).update(reputation=F("reputation") + delta)


@transaction.atomic(savepoint=False)
def grant(
    *,
    user_id: int,
    amount: int,
    reason: Reason,
    key: str,
    post: Post | None = None,
    actor_id: int | None = None,
    cause: Cause = Cause.EVENT,
    at: datetime | None = None,
) -> ReputationChange | None:
    """Add one ledger row and move the cached total; None when nothing is due.

    Gains from capped reasons (upvotes, approved edits) are cut so the day's
    total from them stays within `daily_cap`; the row records what was
    actually given, so taking it back later removes exactly that.
    """
    at = at or timezone.now()
    if reason in CAPPED_REASONS and amount > 0:
        # Lock the member's row: two votes at once must not both see room
        # under the cap.
        list(User.objects.select_for_update().filter(pk=user_id).values_list("pk"))
        used = (
            ReputationChange.objects.filter(
                user_id=user_id,
                reason__in=CAPPED_REASONS,
                undo_of__isnull=True,
                created_at__gte=_day_start(at),
                created_at__lte=at,
            ).aggregate(total=Sum("amount"))["total"]
            or 0
        )
        amount = max(0, min(amount, rules().daily_cap - used))
    if amount == 0:
        return None
    row = ReputationChange.objects.create(
        user_id=user_id,
        amount=amount,
        reason=reason,
        cause=cause,
        key=key,
        post_id=post.pk if post is not None else None,
        space_id=post.thread_space_id if post is not None else None,
        actor_id=actor_id,
        created_at=at,
    )
    _move_totals({user_id: amount})
    return row


def _cancel(rows: list[ReputationChange], *, cause: Cause, link: bool) -> int:
    """Insert the negation of each row, mark the rows reversed and move the
    totals; returns the sum of the rows cancelled. `link` sets `undo_of`
    (a reversal points at what it cancels; a restore's fresh grant does not)."""
    now = timezone.now()
    ReputationChange.objects.bulk_create(
        ReputationChange(
            user_id=row.user_id,
            amount=-row.amount,
            reason=row.reason,
            cause=cause,
            key=row.key,
            post_id=row.post_id,
            space_id=row.space_id,
            actor_id=row.actor_id,
            undo_of=row if link else None,
            created_at=now,
        )
        for row in rows
    )
    ReputationChange.objects.filter(pk__in=[row.pk for row in rows]).update(reversed=True)
    deltas: dict[int, int] = defaultdict(int)
    for row in rows:
        deltas[row.user_id] -= row.amount
    _move_totals(deltas)
    return sum(row.amount for row in rows)


@transaction.atomic(savepoint=False)
def reverse_rows(rows: QuerySet[ReputationChange], *, cause: Cause) -> int:
    """Cancel every live grant in `rows`; returns the total amount taken back."""
    originals = list(rows.live_grants().select_for_update())  # type: ignore[attr-defined]
    return _cancel(originals, cause=cause, link=True) if originals else 0


def reverse_key(key: str, *, cause: Cause = Cause.UNDONE) -> int:
    return reverse_rows(ReputationChange.objects.for_key(key), cause=cause)


@transaction.atomic(savepoint=False)
def record_vote(*, post: Post, voter: User, old: int, new: int) -> None:
    """The reputation side of `voter` changing their vote on `post` from `old` to `new`."""
    key = vote_key(post_id=post.pk, voter_id=voter.pk)
    if old:
        reverse_key(key)
    if new == 1:
        grant(
            user_id=post.author_id,
            amount=upvote_amount(post.kind),
            reason=Reason.UPVOTED,
            key=key,
            post=post,
            actor_id=voter.pk,
        )
    elif new == -1:
        table = rules()
        grant(
            user_id=post.author_id,
            amount=table.downvoted,
            reason=Reason.DOWNVOTED,
            key=key,
            post=post,
            actor_id=voter.pk,
        )
        if post.kind == "answer":
            grant(
                user_id=voter.pk,
                amount=table.answer_downvote_cost,
                reason=Reason.DOWNVOTE_GIVEN,
                key=key,
                post=post,
                actor_id=voter.pk,
            )


@transaction.atomic(savepoint=False)
def record_accept(*, answer: Post, by: User) -> None:
    """The asker accepted `answer`: +15 to its author, +2 to the asker (not for one's own)."""
    if answer.author_id == by.pk:
        return
    key = accept_key(answer_id=answer.pk)
    if ReputationChange.objects.for_key(key).live_grants().exists():
        return
    table = rules()
    grant(
        user_id=answer.author_id,
        amount=table.answer_accepted,
        reason=Reason.ACCEPTED,
        key=key,
        post=answer,
        actor_id=by.pk,
    )
    grant(
        user_id=by.pk,
        amount=table.accept_given,
        reason=Reason.ACCEPT_GIVEN,
        key=key,
        post=answer,
        actor_id=by.pk,
    )


def record_unaccept(*, answer_id: int) -> None:
    reverse_key(accept_key(answer_id=answer_id))


def reverse_post(*, post: Post, cause: Cause = Cause.DELETED) -> int:
    """A post was deleted: take back everything it earned anyone."""
    return reverse_rows(ReputationChange.objects.filter(post_id=post.pk), cause=cause)


@transaction.atomic(savepoint=False)
def restore_post(*, post: Post) -> int:
    """A deleted post came back: give back exactly what its deletion took."""
    taken = list(
        ReputationChange.objects.filter(
            post_id=post.pk, cause=Cause.DELETED, reversed=False
        ).select_for_update()
    )
    # Cancelling a deletion's reversal is a fresh live grant of what it took.
    return -_cancel(taken, cause=Cause.RESTORED, link=False) if taken else 0


@transaction.atomic(savepoint=False)
def adjust(*, user: User, amount: int, by: User, note_key: str = "") -> ReputationChange:
    """A moderator's manual correction (audited by the moderation log)."""
    if not by.is_moderator:
        raise PermissionDenied
    if not -100_000 <= amount <= 100_000 or amount == 0:
        raise ValidationError(_("An adjustment is a whole number between -100,000 and 100,000."))
    row = grant(
        user_id=user.pk,
        amount=amount,
        reason=Reason.ADJUSTED,
        key=note_key or f"adjust:{user.pk}",
        actor_id=by.pk,
    )
    assert row is not None
    return row
