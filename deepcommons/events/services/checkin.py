"""Checking attendees in at the door, by the signed URL in their QR code."""

from __future__ import annotations

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.events.models import Registration, RegistrationStatus
from deepcommons.events.pagecache import event_changed

SALT = "deepcommons.events.check-in"


def check_in_token(registration: Registration) -> str:
    return signing.dumps({"r": registration.pk, "e": registration.event_id}, salt=SALT)


def check_in_path(registration: Registration) -> str:
    return reverse("events:check-in", args=[check_in_token(registration)])


def registration_for_token(token: str) -> Registration | None:
    """The registration a QR code names, or None for a forged or garbled one."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    registration_id, event_id = data.get("r"), data.get("e")
    if not isinstance(registration_id, int) or not isinstance(event_id, int):
        return None
    return (
        Registration.objects.select_related("event", "user")
        .filter(pk=registration_id, event_id=event_id)
        .first()
    )


def check_in(*, registration: Registration, by: User) -> bool:
    """Mark a confirmed attendee as arrived; False if they already were."""
    if not registration.event.is_organised_by(by):
        raise PermissionDenied(_("Only the organisers may check attendees in."))
    with transaction.atomic():
        fresh = Registration.objects.select_for_update().get(pk=registration.pk)
        if fresh.status != RegistrationStatus.GOING:
            raise ValidationError(_("This member does not hold a seat."))
        if fresh.checked_in_at is not None:
            registration.checked_in_at = fresh.checked_in_at
            return False
        fresh.checked_in_at = timezone.now()
        fresh.save(update_fields=["checked_in_at"])
        registration.checked_in_at = fresh.checked_in_at
        event_changed(fresh.event_id)
    return True
