"""Events in the personal feed: new events in followed spaces or by followed organisers."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from deepcommons.accounts.models import User
from deepcommons.events.models import Event
from deepcommons.social.feed import FeedCursor, FeedItem
from deepcommons.social.models import Follow, Mute
from deepcommons.spaces.models import Space


def events_feed(user: Any, cursor: FeedCursor | None, limit: int) -> list[FeedItem]:
    """Newest first by when the event was announced, strictly after `cursor`."""
    if not getattr(user, "is_authenticated", False):
        return []
    # One query: who and what the member follows and mutes are subqueries.
    people = Follow.objects.of_model(User).filter(user=user).values("object_id")
    spaces = Follow.objects.of_model(Space).filter(user=user).values("object_id")
    muted = Mute.objects.of_model(User).filter(user=user).values("object_id")
    queryset = (
        Event.objects.scheduled()
        .filter(Q(organiser_id__in=people) | Q(space_id__in=spaces))
        .exclude(organiser_id=user.pk)
        .exclude(organiser_id__in=muted)
    )
    if cursor is not None:
        pk = int(cursor.key.rsplit(":", 1)[-1] or 0) if cursor.key.startswith("event:") else 0
        # Keys compare as strings: "event:…" sorts before "post:…".
        if cursor.key.startswith("event:"):
            condition = Q(created_at__lt=cursor.created_at) | Q(
                created_at=cursor.created_at, pk__lt=pk
            )
        elif cursor.key > "event:":
            condition = Q(created_at__lte=cursor.created_at)
        else:
            condition = Q(created_at__lt=cursor.created_at)
        queryset = queryset.filter(condition)
    events = list(
        queryset.select_related("space", "organiser").order_by("-created_at", "-pk")[:limit]
    )
    return [
        FeedItem(
            created_at=event.created_at,
            key=f"event:{event.pk:012d}",
            template="events/_feed_item.html",
            context={"event": event},
            data={
                "type": "event",
                "id": event.pk,
                "title": event.title,
                "url": event.get_absolute_url(),
                "starts_at": event.starts_at.isoformat(),
            },
        )
        for event in events
    ]
