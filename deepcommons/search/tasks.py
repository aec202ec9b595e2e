"""Background tasks of the search app (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from deepcommons.search.services import embed_questions


@task()
def embed_questions_task(*, post_ids: list[int]) -> int:
    """Store (or remove) the embeddings of these questions; see `services.embed_questions`."""
    return embed_questions(post_ids=post_ids)
