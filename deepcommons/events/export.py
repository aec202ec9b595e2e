"""A member's events in their data export: registrations with answers,
feedback, and the events they organise."""

from __future__ import annotations

from typing import Any

from deepcommons.events.models import Event, Feedback, Registration


def export_events(user: Any) -> dict[str, Any]:
    return {
        "registrations": [
            {
                "event_id": r.event_id,
                "event": r.event.title,
                "status": r.status,
                "answers": r.answers,
                "registered_at": r.created_at.isoformat(),
                "checked_in_at": r.checked_in_at.isoformat() if r.checked_in_at else None,
            }
            for r in Registration.objects.filter(user=user).select_related("event").order_by("pk")
        ],
        "feedback": [
            {"event_id": f.event_id, "rating": f.rating, "comment": f.comment}
            for f in Feedback.objects.filter(user=user).order_by("pk")
        ],
        "organised_event_ids": list(
            Event.objects.organised_by(user).order_by("pk").values_list("pk", flat=True)
        ),
    }
