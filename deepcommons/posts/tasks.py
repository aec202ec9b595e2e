"""Background tasks of the posts app."""

from __future__ import annotations

from django_tasks import task

from deepcommons.posts.viewcounts import flush_view_counts


@task()
def flush_view_counts_task() -> int:
    return flush_view_counts()
