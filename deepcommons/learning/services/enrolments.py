"""Enrolling, finishing steps, and completing a path.

A step is done when the member marks it (tutorials, articles, outside
resources), when they have a live answer on its question (question steps:
checked by `refresh_progress` and by marking), or when they pass its quiz
(`quizzes.submit_quiz`). When every step of the path is done the enrolment
is completed: its certificate page goes public, the path's completion count
rises and reputation awards the "Path completed" badge.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.learning.badges import PATH_COMPLETED
from deepcommons.learning.models import Enrolment, Path, Step, StepCompletion, StepKind
from deepcommons.learning.pagecache import path_changed
from deepcommons.posts.models import Kind, Post, Status


@dataclass(frozen=True)
class Progress:
    """Where a member stands on a path: done step ids, percent, next step."""

    done: frozenset[int]
    total: int
    next_step: Step | None

    @property
    def done_count(self) -> int:
        return len(self.done)

    @property
    def percent(self) -> int:
        return round(100 * self.done_count / self.total) if self.total else 0


def path_progress(enrolment: Enrolment | None, steps: list[Step]) -> Progress:
    """Progress over `steps` (the path's steps in order); two reads at most."""
    if enrolment is None:
        return Progress(done=frozenset(), total=len(steps), next_step=steps[0] if steps else None)
    done = frozenset(
        StepCompletion.objects.filter(enrolment=enrolment).values_list("step_id", flat=True)
    ) & {s.pk for s in steps}
    next_step = next((s for s in steps if s.pk not in done), None)
    return Progress(done=frozenset(done), total=len(steps), next_step=next_step)


@transaction.atomic
def enrol_in_path(*, path: Path, user: Any) -> Enrolment:
    """Enrol `user` (idempotent: enrolling again returns the same enrolment)."""
    if not user.is_authenticated:
        raise PermissionDenied
    if not path.is_visible_to(user) or not path.is_published:
        raise ValidationError(_("This path is not open for enrolment."))
    existing = Enrolment.objects.filter(path=path, user=user).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            enrolment = Enrolment.objects.create(path=path, user=user)
    except IntegrityError:  # a concurrent enrolment won
        return Enrolment.objects.get(path=path, user=user)
    Path.objects.filter(pk=path.pk).update(enrolment_count=F("enrolment_count") + 1)
    path_changed(path.pk)
    return enrolment


@transaction.atomic
def leave_path(*, enrolment: Enrolment, user: Any) -> None:
    if enrolment.user_id != user.pk:
        raise PermissionDenied
    if enrolment.is_complete:
        raise ValidationError(_("A completed path stays on your record."))
    Path.objects.filter(pk=enrolment.path_id).update(enrolment_count=F("enrolment_count") - 1)
    enrolment.delete()
    path_changed(enrolment.path_id)


def _has_answered(user_id: int, question_id: int | None) -> bool:
    return Post.objects.filter(
        parent_id=question_id,
        kind=Kind.ANSWER,
        author_id=user_id,
        status=Status.PUBLISHED,
        deleted_at__isnull=True,
    ).exists()


def _record(enrolment: Enrolment, step: Step) -> bool:
    """Record the step as done; False when it already was."""
    _row, created = StepCompletion.objects.get_or_create(enrolment=enrolment, step=step)
    return created


def complete_if_finished(enrolment: Enrolment) -> bool:
    """Complete the enrolment when every step is done; True when this call did."""
    if enrolment.is_complete:
        return False
    step_ids = set(Step.objects.filter(path_id=enrolment.path_id).values_list("pk", flat=True))
    done = set(StepCompletion.objects.filter(enrolment=enrolment).values_list("step_id", flat=True))
    if not step_ids or not step_ids <= done:
        return False
    now = timezone.now()
    updated = Enrolment.objects.filter(pk=enrolment.pk, completed_at__isnull=True).update(
        completed_at=now
    )
    if not updated:
        return False
    enrolment.completed_at = now
    Path.objects.filter(pk=enrolment.path_id).update(completion_count=F("completion_count") + 1)
    path_changed(enrolment.path_id)
    from deepcommons.reputation.services.badges import award_badges

    transaction.on_commit(lambda: award_badges(badges=[PATH_COMPLETED]))
    return True


@transaction.atomic
def mark_step_done(*, enrolment: Enrolment, step: Step, user: Any) -> bool:
    """Mark a tutorial, article, resource or answered question step done.

    Quiz steps are done only by passing them. Returns True when the path
    was completed by this step.
    """
    if enrolment.user_id != user.pk:
        raise PermissionDenied
    if step.path_id != enrolment.path_id:
        raise ValidationError(_("This step is not part of the path."))
    if step.kind == StepKind.QUIZ:
        raise ValidationError(_("A quiz step is done when you pass the quiz."))
    if step.kind == StepKind.QUESTION and not _has_answered(user.pk, step.post_id):
        raise ValidationError(_("Answer the question first: the step is done once you have."))
    if _record(enrolment, step):
        path_changed(step.path_id)
    return complete_if_finished(enrolment)


@transaction.atomic
def refresh_progress(*, enrolment: Enrolment) -> None:
    """Mark question steps the member has answered since (one query when nothing changed)."""
    pending = list(
        Step.objects.filter(path_id=enrolment.path_id, kind=StepKind.QUESTION)
        .exclude(pk__in=StepCompletion.objects.filter(enrolment=enrolment).values("step_id"))
        .filter(
            post__children__kind=Kind.ANSWER,
            post__children__author_id=enrolment.user_id,
            post__children__status=Status.PUBLISHED,
            post__children__deleted_at__isnull=True,
        )
        .distinct()
    )
    if not pending:
        return
    for step in pending:
        _record(enrolment, step)
    path_changed(enrolment.path_id)
    complete_if_finished(enrolment)
