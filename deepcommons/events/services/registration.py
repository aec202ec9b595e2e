"""Registering for an event (going / interested), cancelling, and the waitlist.

Concurrency: every change of who holds a seat runs inside
`transaction.atomic` with the event row locked (`select_for_update`). Seats
are counted under that lock, so two members can never both take the last
seat: on PostgreSQL the second waits for the first's commit and then counts
again; SQLite serialises writers (IMMEDIATE transactions) to the same end.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.events.models import Event, Registration, RegistrationStatus
from deepcommons.events.notifications import EVENT_PROMOTED
from deepcommons.events.pagecache import event_changed
from deepcommons.posts.services.guards import check_can_write
from deepcommons.social.services.notifications import notify

ANSWER_MAX = 1000
S = RegistrationStatus


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _clean_answers(event: Event, answers: Mapping[str, str] | None) -> dict[str, str]:
    """Answers keyed by question text; unknown questions are dropped."""
    given = answers or {}
    cleaned: dict[str, str] = {}
    for question in event.questions:
        value = str(given.get(question, "")).strip()
        if len(value) > ANSWER_MAX:
            raise ValidationError({"answers": [_("Answers are at most 1000 characters.")]})
        cleaned[question] = value
    return cleaned


def promote_waitlist(event: Event) -> list[Registration]:
    """Give free seats to the waitlist, first come first served. Call with
    the event row locked; returns the promoted registrations."""
    going = Registration.objects.of(event).going().count()
    free = None if event.capacity is None else max(event.capacity - going, 0)
    waiting = Registration.objects.of(event).waitlist_order().select_related("user")
    promoted = list(waiting if free is None else waiting[:free])
    if promoted:
        now = timezone.now()
        Registration.objects.filter(pk__in=[r.pk for r in promoted]).update(
            status=S.GOING, status_changed_at=now
        )
        for registration in promoted:
            registration.status = S.GOING
            registration.status_changed_at = now
    return promoted


def notify_promoted(event: Event, promoted: list[Registration]) -> None:
    for registration in promoted:
        notify(
            recipient=registration.user,
            kind=EVENT_PROMOTED,
            target=event,
            dedupe_key=f"event-promoted:{registration.pk}:{int(registration.status_changed_at.timestamp())}",
            aggregate=False,
        )


def register_for_event(
    *,
    event: Event,
    user: User,
    status: str = S.GOING,
    answers: Mapping[str, str] | None = None,
) -> Registration:
    """Say `user` is going (a seat, or the waitlist when full) or interested.

    Going again keeps the seat (or the waitlist place) and updates the
    answers. Moving from going to interested frees the seat for the waitlist.
    """
    if status not in (S.GOING, S.INTERESTED):
        raise ValueError(f"cannot register as {status!r}")
    if not user.is_active:
        raise PermissionDenied
    check_can_write(user)
    promoted: list[Registration] = []
    with transaction.atomic():
        locked = _lock(event)
        if locked.is_cancelled:
            raise ValidationError(_("This event was cancelled."))
        if locked.has_ended():
            raise ValidationError(_("This event has already taken place."))
        cleaned = _clean_answers(locked, answers)
        registration = Registration.objects.filter(event=locked, user=user).first()
        now = timezone.now()
        if status == S.GOING:
            if registration is not None and registration.status in (S.GOING, S.WAITLISTED):
                new_status = registration.status
            else:
                going = Registration.objects.of(locked).going().count()
                full = locked.capacity is not None and going >= locked.capacity
                new_status = S.WAITLISTED if full else S.GOING
        else:
            new_status = S.INTERESTED
        if registration is None:
            registration = Registration.objects.create(
                event=locked,
                user=user,
                status=new_status,
                answers=cleaned,
                created_at=now,
                status_changed_at=now,
            )
        else:
            freed = registration.status == S.GOING and new_status != S.GOING
            if registration.status != new_status:
                registration.status_changed_at = now
            registration.status = new_status
            if status == S.GOING:
                registration.answers = cleaned
            registration.save(update_fields=["status", "status_changed_at", "answers"])
            if freed:
                promoted = promote_waitlist(locked)
        event_changed(locked.pk)
    if promoted:
        notify_promoted(locked, promoted)
    return registration


def cancel_registration(*, event: Event, user: User) -> Registration | None:
    """Withdraw; a freed seat goes to the first on the waitlist, who is notified.
    Returns the registration, or None when there was none."""
    promoted: list[Registration] = []
    with transaction.atomic():
        locked = _lock(event)
        registration = Registration.objects.filter(event=locked, user=user).first()
        if registration is None or registration.status == S.CANCELLED:
            return registration
        held_seat = registration.status == S.GOING
        registration.status = S.CANCELLED
        registration.status_changed_at = timezone.now()
        registration.checked_in_at = None
        registration.save(update_fields=["status", "status_changed_at", "checked_in_at"])
        if held_seat and not locked.is_cancelled and not locked.has_ended():
            promoted = promote_waitlist(locked)
        event_changed(locked.pk)
    if promoted:
        notify_promoted(locked, promoted)
    return registration
