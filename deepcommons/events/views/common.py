"""What the events views share: loading an event and the organiser check."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from deepcommons.events.models import Event


def load_event(event_id: int) -> Event:
    """The event with what its page shows (404 when there is none)."""
    return get_object_or_404(Event.objects.for_page(), pk=event_id)


def organised_event(request: HttpRequest, event_id: int) -> Event:
    """The event, when the signed-in member organises it; else 403."""
    event = load_event(event_id)
    if not event.is_organised_by(request.user):
        raise PermissionDenied
    return event
