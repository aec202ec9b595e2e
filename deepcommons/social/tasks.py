"""Background work of the social app (django-tasks).

Every task here is retried with exponential backoff when it raises: the
failure is logged, and the task is enqueued again with `run_after` set, up to
MAX_ATTEMPTS runs. Tasks are idempotent (they check `emailed_at`, `sent_at`
or unique rows first), so a retry or a rerun after a worker crash does not
send anything twice.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BASE_DELAY_SECONDS = 30

F = TypeVar("F", bound=Callable[..., Any])


def backoff_delay(attempt: int) -> timedelta:
    """Wait before run number `attempt + 1`: 30 s, 60 s, 120 s, 240 s…"""
    return timedelta(seconds=BASE_DELAY_SECONDS * 2**attempt)


def retrying(func: F) -> F:
    """Re-enqueue the task with backoff when it raises; log every failure."""

    @functools.wraps(func)
    def wrapper(*args: Any, attempt: int = 0, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except Exception:
            this = getattr(sys.modules[func.__module__], func.__name__)
            if attempt + 1 >= MAX_ATTEMPTS:
                logger.exception(
                    "task %s failed for good after %d runs", func.__name__, attempt + 1
                )
                raise
            delay = backoff_delay(attempt)
            logger.exception(
                "task %s failed (run %d); retrying in %s", func.__name__, attempt + 1, delay
            )
            if this.get_backend().supports_defer:
                this.using(run_after=timezone.now() + delay).enqueue(
                    *args, attempt=attempt + 1, **kwargs
                )
            raise

    return wrapper  # type: ignore[return-value]


def enqueue(task_obj: Any, *args: Any, **kwargs: Any) -> None:
    """Enqueue after the current transaction commits, so the worker sees its rows.

    The immediate backend (tests) runs the task at once instead: it has no
    worker to race with, and test transactions never commit.
    """
    if isinstance(task_obj.get_backend(), ImmediateBackend):
        task_obj.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: task_obj.enqueue(*args, **kwargs))


@task()
@retrying
def fan_out_notifications(
    *,
    recipient_ids: list[int] | None = None,
    follower_of: list[list[int]] | None = None,
    kind: str,
    actor_id: int | None,
    target: list[int] | None,
    data: dict[str, Any],
    dedupe_key: str = "",
) -> int:
    """Create one notification per recipient (explicit ids, or followers of targets)."""
    from deepcommons.social.services.notifications import deliver_fan_out

    return deliver_fan_out(
        recipient_ids=recipient_ids,
        follower_of=follower_of,
        kind=kind,
        actor_id=actor_id,
        target=target,
        data=data,
        dedupe_key=dedupe_key,
    )


@task()
@retrying
def send_notification_emails(notification_ids: list[int]) -> int:
    from deepcommons.social.services.emails import send_notification_emails as send

    return send(notification_ids=notification_ids)


@task()
@retrying
def send_digest_batch(delivery_ids: list[int]) -> int:
    from deepcommons.social.services.digests import send_digest

    sent = 0
    for delivery_id in delivery_ids:
        sent += int(send_digest(delivery_id=delivery_id))
    return sent
