"""Reminders a day and an hour before an event, each sent exactly once.

`send_due_reminders` runs from cron (`manage.py send_event_reminders`). For
each due reminder it inserts the unique `ReminderDelivery` row and creates
the notification (whose email is queued in the same transaction), so a
worker that dies mid-run and is started again, or two runs at once, never
send the same reminder twice: the second insert conflicts and is skipped.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from deepcommons.events.models import (
    EventStatus,
    Registration,
    RegistrationStatus,
    ReminderDelivery,
    ReminderKind,
)
from deepcommons.events.notifications import EVENT_REMINDER
from deepcommons.social.services.notifications import notify

# (kind, how long before the start it becomes due). The hour reminder is
# checked first, so a member who registers 50 minutes before gets only it.
SCHEDULE = ((ReminderKind.HOUR, timedelta(hours=1)), (ReminderKind.DAY, timedelta(days=1)))


def _due(kind: str, lead: timedelta, now: datetime, hour_lead: timedelta) -> list[Registration]:
    queryset = Registration.objects.filter(
        status=RegistrationStatus.GOING,
        event__status=EventStatus.SCHEDULED,
        event__starts_at__gt=now,
        event__starts_at__lte=now + lead,
        user__is_active=True,
    ).exclude(reminders__kind=kind)
    if kind == ReminderKind.DAY:
        # Within the hour the day reminder is stale: the hour one says it all.
        queryset = queryset.filter(event__starts_at__gt=now + hour_lead)
    return list(queryset.select_related("event", "user").order_by("event__starts_at", "pk"))


def send_due_reminders(*, now: datetime | None = None) -> int:
    """Send every reminder that is due and not yet sent; returns how many were sent."""
    now = now or timezone.now()
    hour_lead = SCHEDULE[0][1]
    sent = 0
    for kind, lead in SCHEDULE:
        for registration in _due(kind, lead, now, hour_lead):
            try:
                with transaction.atomic():
                    ReminderDelivery.objects.create(registration=registration, kind=kind)
                    notify(
                        recipient=registration.user,
                        kind=EVENT_REMINDER,
                        target=registration.event,
                        data={
                            "reminder": kind,
                            "starts_at": registration.event.starts_at.isoformat(),
                        },
                        dedupe_key=f"event-reminder:{registration.pk}:{kind}",
                        aggregate=False,
                    )
            except IntegrityError:
                continue  # another run claimed it first
            sent += 1
    return sent
