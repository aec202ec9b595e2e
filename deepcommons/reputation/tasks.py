"""Background tasks of the reputation app (queued by `manage.py reputation`)."""

from __future__ import annotations

from django_tasks import task

from deepcommons.reputation.services.bounties import award_expired_bounties
from deepcommons.reputation.services.trust import compute_trust_levels


@task()
def compute_trust_levels_task() -> dict[str, int]:
    return {str(level): n for level, n in compute_trust_levels().items()}


@task()
def award_expired_bounties_task() -> dict[str, int]:
    return award_expired_bounties()


@task()
def award_badges_task() -> int:
    """The periodic badge run (`manage.py reputation badges` does the same)."""
    from deepcommons.reputation.services.badges import award_badges

    return award_badges()
