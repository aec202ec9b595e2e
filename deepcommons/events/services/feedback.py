"""Attendee feedback after an event, and its summary for organisers."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.events.models import Event, Feedback, Registration, RegistrationStatus
from deepcommons.events.pagecache import event_changed

COMMENT_MAX = 2000


def may_leave_feedback(event: Event, user: User) -> bool:
    """Members who held a confirmed seat, once the event has ended."""
    if not getattr(user, "is_authenticated", False) or event.is_cancelled:
        return False
    if not event.has_ended():
        return False
    return Registration.objects.filter(
        event=event, user=user, status=RegistrationStatus.GOING
    ).exists()


@transaction.atomic
def leave_feedback(*, event: Event, user: User, rating: int, comment: str = "") -> Feedback:
    """Rate 1–5 with an optional comment; leaving it again replaces it."""
    if not may_leave_feedback(event, user):
        raise PermissionDenied(_("Only attendees can rate an event, once it is over."))
    if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5:
        raise ValidationError({"rating": [_("Rate from 1 to 5.")]})
    if len(comment) > COMMENT_MAX:
        raise ValidationError({"comment": [_("Comments are at most 2000 characters.")]})
    feedback, _created = Feedback.objects.update_or_create(
        event=event, user=user, defaults={"rating": rating, "comment": comment.strip()}
    )
    event_changed(event.pk)
    return feedback


@dataclass
class FeedbackSummary:
    count: int
    average: float | None
    # (rating, count, percent of all), from 5 down to 1.
    distribution: list[tuple[int, int, int]]
    comments: list[Feedback]


def summarise_feedback(event: Event) -> FeedbackSummary:
    """Average, distribution and comments (three queries)."""
    rows = Feedback.objects.filter(event=event)
    totals = rows.aggregate(count=Count("pk"), average=Avg("rating"))
    counts = dict(rows.values_list("rating").annotate(n=Count("pk")).values_list("rating", "n"))
    total = totals["count"] or 0
    distribution = [
        (r, counts.get(r, 0), round(100 * counts.get(r, 0) / total) if total else 0)
        for r in range(5, 0, -1)
    ]
    comments = list(rows.exclude(comment="").select_related("user").order_by("-created_at", "-pk"))
    average = round(float(totals["average"]), 2) if totals["average"] is not None else None
    return FeedbackSummary(total, average, distribution, comments)
