"""Fan-out must not block the request: a post by an author with 10,000
followers should cost the same request time as one by an author with none.

Runs against a throw-away SQLite database with the database task backend (as
`make run` does), times the "new post" notification call inside a request
cycle, and prints the ratio of median times (target <= 1.2). Then it runs the
queued fan-out once to show the work happened in the background.

    .venv/bin/python bench/bench_fanout.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
FOLLOWERS = 10_000
ROUNDS = 40


def main() -> None:
    tmp = tempfile.mkdtemp(prefix="dc-bench-")
    os.environ.pop("REDIS_URL", None)
    os.environ.update(
        DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3",
        DEEPCOMMONS_DATA_DIR=tmp,
        DEEPCOMMONS_TESTING="0",
        DJANGO_SETTINGS_MODULE="deepcommons.settings",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import transaction
    from django.http import HttpRequest, HttpResponse
    from django.test import RequestFactory

    from deepcommons.accounts.models import User
    from deepcommons.social import kinds, services
    from deepcommons.social.models import Follow, Notification

    call_command("migrate", verbosity=0)
    popular = User.objects.create(username="popular")
    quiet = User.objects.create(username="quiet")
    User.objects.bulk_create(
        [User(username=f"fan{i:05d}", email=f"fan{i:05d}@example.com") for i in range(FOLLOWERS)],
        batch_size=2000,
    )
    user_ct = ContentType.objects.get_for_model(User)
    fans = User.objects.filter(username__startswith="fan").values_list("pk", flat=True)
    Follow.objects.bulk_create(
        [Follow(user_id=pk, content_type=user_ct, object_id=popular.pk) for pk in fans],
        batch_size=2000,
    )

    def post_view(request: HttpRequest) -> HttpResponse:
        # What the posts app's "create question" view will do after saving.
        with transaction.atomic():
            author = request.user
            services.notify_followers(
                of=[author],
                kind=kinds.FOLLOWED_POST,
                actor=author,
                target=author,  # type: ignore[list-item]
            )
        return HttpResponse("ok")

    factory = RequestFactory()

    def timed(author: User) -> float:
        request = factory.post("/questions/new/")
        request.user = author
        start = time.perf_counter()
        post_view(request)
        return time.perf_counter() - start

    for author in (popular, quiet):  # warm up
        timed(author)
    quiet_times, popular_times = [], []
    for _ in range(ROUNDS):
        quiet_times.append(timed(quiet))
        popular_times.append(timed(popular))
    q, p = statistics.median(quiet_times), statistics.median(popular_times)
    print(f"followers: {FOLLOWERS}, rounds: {ROUNDS}")
    print(f"median request, 0 followers:      {q * 1000:.2f} ms")
    print(f"median request, {FOLLOWERS} followers: {p * 1000:.2f} ms")
    print(f"ratio (target <= 1.2): {p / q:.2f}")

    # The background half: one queued fan-out task, run the way db_worker does.
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.ready().count()
    start = time.perf_counter()
    task_row = DBTaskResult.objects.ready().order_by("enqueued_at").first()
    assert task_row is not None
    result = task_row.task_result
    task_row.task.call(*result.args, **result.kwargs)
    print(
        f"queued tasks: {queued}; one fan-out in the worker made "
        f"{Notification.objects.count()} notifications in {time.perf_counter() - start:.2f} s"
    )


if __name__ == "__main__":
    main()
