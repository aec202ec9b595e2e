"""With REDIS_URL, tasks go through RQ: the real queue on the real Redis server."""

from __future__ import annotations

from typing import Any

import django_rq
import pytest
from rq import SimpleWorker

from deepcommons.accounts.models import User
from deepcommons.social import kinds, services
from deepcommons.social.models import Notification


@pytest.mark.django_db(transaction=True)
def test_fan_out_is_queued_in_redis_and_run_by_an_rq_worker(
    settings: Any, alice: User, bob: User, charlie: User
) -> None:
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:6379/15"}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    queue = django_rq.get_queue("default")
    queue.empty()
    services.follow(user=bob, target=alice)
    services.follow(user=charlie, target=alice)

    services.notify_followers(
        of=[alice],
        kind=kinds.FOLLOWED_POST,
        actor=alice,
        target=alice,
        data={"title": "Scaling laws revisited"},
    )
    # Nothing happened in the request: one job waits in Redis.
    assert queue.count == 1
    assert not Notification.objects.filter(kind=kinds.FOLLOWED_POST).exists()

    worker = django_rq.get_worker("default", worker_class=SimpleWorker)
    assert worker.work(burst=True)
    assert sorted(
        Notification.objects.filter(kind=kinds.FOLLOWED_POST).values_list(
            "recipient__username", flat=True
        )
    ) == ["bob", "charlie"]
    assert queue.count == 0
