"""What the events pages depend on, for the page cache (docs/architecture.md).

`event:<id>` covers one event's page, `events` every list and calendar feed.
Every write service bumps both inside its transaction.
"""

from __future__ import annotations

from deepcommons.core.pagecache import bump_versions

LISTS = "events"


def event_version(event_id: int) -> str:
    return f"event:{event_id}"


def event_changed(event_id: int) -> None:
    """Call inside the writer's transaction."""
    bump_versions(event_version(event_id), LISTS)
