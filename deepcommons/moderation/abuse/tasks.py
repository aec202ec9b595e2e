"""Background work of the anti-abuse package (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from deepcommons.moderation.abuse.serial_votes import reverse_serial_votes


@task()
def detect_serial_votes() -> int:
    """Reverse serial votes with the settings' defaults; returns the votes retracted."""
    return sum(pair.reversed_votes for pair in reverse_serial_votes())
