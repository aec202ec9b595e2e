"""Background tasks of the competitions app (django-tasks; inline under pytest)."""

from __future__ import annotations

from django_tasks import task


@task()
def score_submission_task(submission_id: int) -> str:
    """Score one submission; returns its status ("scored" or "error")."""
    from deepcommons.competitions.services.submissions import score_submission

    return score_submission(submission_id=submission_id).status
