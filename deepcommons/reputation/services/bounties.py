"""Bounties: reputation offered on a question, awarded to one answer.

The offer leaves the offerer at once (a ledger row keyed `bounty:<id>`).
It stays open `rules().bounty_days` days; the offerer may award it until
`bounty_grace_hours` after that. Then `award_expired_bounties` gives it to
the top answer posted after the bounty started with a score of at least
`bounty_auto_min_score`, or lets it expire: as on Stack Overflow, the offer
is spent either way.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.posts.models import Kind, Post, Status
from deepcommons.reputation.models import Bounty, BountyStatus, Reason
from deepcommons.reputation.rules import rules
from deepcommons.reputation.services.ledger import grant

BOUNTY_KIND = "bounty_awarded"


def offer_key(bounty_id: int) -> str:
    return f"bounty:{bounty_id}"


def award_key(bounty_id: int) -> str:
    return f"bounty:{bounty_id}:award"


def grace() -> timedelta:
    return timedelta(hours=rules().bounty_grace_hours)


def amount_choices() -> list[int]:
    """The amounts one may offer: bounty_min to bounty_max in steps of 50."""
    table = rules()
    return list(range(table.bounty_min, table.bounty_max + 1, 50))


def question_refusal(question: Post) -> str:
    """Why no bounty may be offered on `question` now, or "" (any member)."""
    if question.kind != Kind.QUESTION:
        return _("Bounties are offered on questions only.")
    if question.deleted_at is not None or question.status != Status.PUBLISHED:
        return _("This question is not published, so it cannot take a bounty.")
    if getattr(question, "held_at", None) or getattr(question, "is_held", False):
        return _("This question is waiting for review, so it cannot take a bounty.")
    if getattr(question, "closed_at", None):
        return _("This question is closed, so it cannot take a bounty.")
    return ""


def _check_amount(amount: Any) -> int:
    table = rules()
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise ValidationError({"amount": _("The amount must be a whole number.")})
    if not table.bounty_min <= amount <= table.bounty_max:
        raise ValidationError(
            {
                "amount": _("A bounty is between %(min)s and %(max)s reputation.")
                % {"min": table.bounty_min, "max": table.bounty_max}
            }
        )
    if amount % 50:
        raise ValidationError({"amount": _("A bounty is a multiple of 50.")})
    return amount


@transaction.atomic
def offer_bounty(*, question: Post, by: User, amount: int, now: datetime | None = None) -> Bounty:
    """`by` offers `amount` of their reputation on `question` for `bounty_days` days."""
    amount = _check_amount(amount)
    refusal = question_refusal(question)
    if refusal:
        raise ValidationError(refusal)
    # Lock the offerer: two offers at once must not both spend the same reputation.
    held = User.objects.select_for_update().values_list("reputation", flat=True).get(pk=by.pk)
    if amount > held - 1:
        raise ValidationError(
            {
                "amount": _(
                    "You have %(reputation)s reputation, so you can offer at most %(most)s."
                )
                % {"reputation": f"{held:,}", "most": f"{max(held - 1, 0):,}"}
            }
        )
    if Bounty.objects.filter(question=question, status=BountyStatus.OPEN).exists():
        raise ValidationError(_("This question already has an open bounty."))
    now = now or timezone.now()
    try:
        with transaction.atomic():
            bounty = Bounty.objects.create(
                question=question,
                offered_by=by,
                amount=amount,
                created_at=now,
                ends_at=now + timedelta(days=rules().bounty_days),
            )
    except IntegrityError:  # another offer on this question won the race
        raise ValidationError(_("This question already has an open bounty.")) from None
    grant(
        user_id=by.pk,
        amount=-amount,
        reason=Reason.BOUNTY_OFFERED,
        key=offer_key(bounty.pk),
        post=question,
        actor_id=by.pk,
        at=now,
    )
    by.reputation = held - amount
    return bounty


def award_refusal(bounty: Bounty, answer: Post, *, by: User, now: datetime) -> str:
    """Why `by` may not award `bounty` to `answer` now, or ""."""
    if by.pk != bounty.offered_by_id:
        return _("Only the member who offered the bounty can award it.")
    if bounty.status != BountyStatus.OPEN:
        return _("This bounty has already been awarded or has expired.")
    if now > bounty.ends_at + grace():
        return _("This bounty has ended.")
    if answer.kind != Kind.ANSWER or answer.parent_id != bounty.question_id:
        return _("Choose an answer to this question.")
    if answer.deleted_at is not None or answer.status != Status.PUBLISHED:
        return _("This answer is not published.")
    if answer.author_id == bounty.offered_by_id:
        return _("You cannot award your bounty to your own answer.")
    return ""


def _pay(bounty: Bounty, answer: Post, *, actor_id: int | None, now: datetime, auto: bool) -> bool:
    """Mark `bounty` awarded to `answer` and pay its author; False when
    another award got there first (the conditional update finds no open row)."""
    updated = Bounty.objects.filter(pk=bounty.pk, status=BountyStatus.OPEN).update(
        status=BountyStatus.AWARDED,
        awarded_answer=answer,
        awarded_at=now,
        awarded_automatically=auto,
    )
    if not updated:
        return False
    # Bounties are outside the daily cap: BOUNTY_AWARDED is not a capped reason.
    grant(
        user_id=answer.author_id,
        amount=bounty.amount,
        reason=Reason.BOUNTY_AWARDED,
        key=award_key(bounty.pk),
        post=answer,
        actor_id=actor_id,
        at=now,
    )
    bounty.status = BountyStatus.AWARDED
    bounty.awarded_answer = answer
    bounty.awarded_at = now
    bounty.awarded_automatically = auto
    _notify_winner(bounty, answer)
    return True


def _notify_winner(bounty: Bounty, answer: Post) -> None:
    from deepcommons.social.services import notify

    question = bounty.question
    notify(
        recipient=answer.author,
        kind=BOUNTY_KIND,
        actor=None if bounty.awarded_automatically else bounty.offered_by,
        target=answer,
        data={"amount": str(bounty.amount), "title": question.title},
        dedupe_key=award_key(bounty.pk),
        aggregate=False,
    )


@transaction.atomic
def award_bounty(*, bounty: Bounty, answer: Post, by: User, now: datetime | None = None) -> Bounty:
    """The offerer awards `bounty` to `answer`. Of concurrent awards exactly
    one succeeds: the bounty row is locked, then moved from open only once."""
    now = now or timezone.now()
    locked = (
        Bounty.objects.select_for_update()
        .select_related("question", "offered_by")
        .filter(pk=bounty.pk)
        .first()
    )
    if locked is None:
        raise ValidationError(_("This bounty no longer exists."))
    refusal = award_refusal(locked, answer, by=by, now=now)
    if refusal:
        raise ValidationError(refusal)
    if not _pay(locked, answer, actor_id=by.pk, now=now, auto=False):
        raise ValidationError(_("This bounty has already been awarded or has expired."))
    return locked


def top_answer(bounty: Bounty) -> Post | None:
    """The answer an ended bounty goes to: posted after it started, score at
    least `bounty_auto_min_score`, not the offerer's; highest score, then oldest."""
    return (
        Post.objects.filter(
            parent_id=bounty.question_id,
            kind=Kind.ANSWER,
            status=Status.PUBLISHED,
            deleted_at__isnull=True,
            created_at__gte=bounty.created_at,
            score__gte=rules().bounty_auto_min_score,
        )
        .exclude(author_id=bounty.offered_by_id)
        .select_related("author")
        .order_by("-score", "created_at", "pk")
        .first()
    )


def award_expired_bounties(*, now: datetime | None = None) -> dict[str, int]:
    """Settle every bounty past its end and grace period: award the top answer
    automatically, or let the bounty expire. Returns counts of each."""
    now = now or timezone.now()
    due = Bounty.objects.filter(status=BountyStatus.OPEN, ends_at__lte=now - grace())
    counts = {"awarded": 0, "expired": 0}
    for bounty_id in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            bounty = (
                Bounty.objects.select_for_update()
                .select_related("question", "offered_by")
                .filter(pk=bounty_id, status=BountyStatus.OPEN)
                .first()
            )
            if bounty is None:
                continue
            answer = top_answer(bounty)
            if answer is not None:
                bounty.awarded_automatically = True
                if _pay(bounty, answer, actor_id=None, now=now, auto=True):
                    counts["awarded"] += 1
            else:
                Bounty.objects.filter(pk=bounty.pk, status=BountyStatus.OPEN).update(
                    status=BountyStatus.EXPIRED
                )
                counts["expired"] += 1
    return counts
