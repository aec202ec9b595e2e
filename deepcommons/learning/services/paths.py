"""Writing paths: the path itself, its prerequisites, its steps and quizzes.

Only members who may author paths (`models.may_author_paths`) create them;
a path is edited by its author and by moderators and operators. Every write
bumps the path's page-cache versions in its transaction.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.core.markdown import render_markdown
from deepcommons.learning.models import (
    Path,
    QuizChoice,
    QuizQuestion,
    QuizQuestionKind,
    Step,
    StepKind,
)
from deepcommons.learning.models.paths import may_author_paths
from deepcommons.learning.pagecache import path_changed
from deepcommons.posts.models import Kind, Post, Status

MAX_STEPS = 100
MAX_QUIZ_QUESTIONS = 50
MAX_CHOICES = 10


@dataclass
class PathInput:
    title: str
    summary: str = ""
    difficulty: str = "beginner"
    space: Any = None
    is_published: bool = True


@dataclass
class StepInput:
    kind: str
    title: str = ""
    notes: str = ""
    post_id: int | None = None
    url: str = ""
    resource_kind: str = ""
    minutes: int = 10
    pass_percent: int = 70


@dataclass
class QuizQuestionInput:
    kind: str
    prompt: str
    # (text, is_correct) for single and multiple choice.
    choices: list[tuple[str, bool]] = field(default_factory=list)
    numeric_answer: float | None = None
    tolerance: float = 0.0
    explanation: str = ""


def _check_editor(path: Path, by: Any) -> None:
    if not path.can_be_edited_by(by):
        raise PermissionDenied(_("You may not edit this learning path."))


def _recount(path: Path) -> None:
    totals = Step.objects.filter(path=path).aggregate(minutes=Sum("minutes"), n=Count("pk"))
    path.estimated_minutes = totals["minutes"] or 0
    path.step_count = totals["n"] or 0
    path.updated_at = timezone.now()
    Path.objects.filter(pk=path.pk).update(
        estimated_minutes=path.estimated_minutes,
        step_count=path.step_count,
        updated_at=path.updated_at,
    )


def _apply(path: Path, data: PathInput) -> None:
    title = data.title.strip()
    if not title:
        raise ValidationError({"title": _("Give the path a title.")})
    path.title = title
    path.summary = data.summary
    path.summary_html = render_markdown(data.summary)
    path.difficulty = data.difficulty
    path.space = data.space
    path.is_published = data.is_published
    path.updated_at = timezone.now()


@transaction.atomic
def create_path(*, author: Any, data: PathInput) -> Path:
    if not may_author_paths(author):
        raise PermissionDenied(
            _("Writing learning paths needs moderator rights or reputation of at least 1000.")
        )
    path = Path(author=author)
    _apply(path, data)
    path.save()
    path_changed(path.pk)
    return path


@transaction.atomic
def update_path(*, path: Path, by: Any, data: PathInput) -> Path:
    _check_editor(path, by)
    _apply(path, data)
    path.save()
    path_changed(path.pk)
    return path


def _cycle_through(path: Path, candidate: Path, edges: dict[int, set[int]]) -> list[int] | None:
    """The chain candidate → … → path if `candidate` already requires `path`
    (directly or through other prerequisites), else None."""
    if candidate.pk == path.pk:
        return [path.pk]
    seen = {candidate.pk}
    stack: list[list[int]] = [[candidate.pk]]
    while stack:
        chain = stack.pop()
        for nxt in edges.get(chain[-1], ()):
            if nxt == path.pk:
                return [*chain, nxt]
            if nxt not in seen:
                seen.add(nxt)
                stack.append([*chain, nxt])
    return None


@transaction.atomic
def set_prerequisites(*, path: Path, by: Any, prerequisites: list[Path]) -> None:
    """Replace the path's prerequisites; refused when one of them already
    requires this path, directly or through a longer chain (a cycle)."""
    _check_editor(path, by)
    edges: dict[int, set[int]] = defaultdict(set)
    through = Path.prerequisites.through
    for from_id, to_id in through.objects.exclude(from_path_id=path.pk).values_list(
        "from_path_id", "to_path_id"
    ):
        edges[from_id].add(to_id)
    titles = dict(Path.objects.values_list("pk", "title"))
    for candidate in prerequisites:
        chain = _cycle_through(path, candidate, edges)
        if chain is None:
            continue
        if chain == [path.pk]:
            raise ValidationError({"prerequisites": _("A path cannot be its own prerequisite.")})
        names = " → ".join(f"“{titles.get(pk, pk)}”" for pk in [path.pk, *chain])
        raise ValidationError(
            {
                "prerequisites": _(
                    "“%(title)s” cannot be a prerequisite of this path: it would make a "
                    "cycle (%(chain)s)."
                )
                % {"title": candidate.title, "chain": names}
            }
        )
    path.prerequisites.set(prerequisites)
    path_changed(path.pk)


def _clean_step(data: StepInput) -> dict[str, Any]:
    errors: dict[str, str] = {}
    values: dict[str, Any] = {
        "kind": data.kind,
        "title": data.title.strip(),
        "notes": data.notes,
        "notes_html": render_markdown(data.notes),
        "minutes": data.minutes,
        "pass_percent": data.pass_percent,
        "post": None,
        "url": "",
        "resource_kind": "",
    }
    if data.kind not in StepKind.values:
        raise ValidationError({"kind": _("Choose what kind of step this is.")})
    if not 0 < data.minutes <= 100_000:
        errors["minutes"] = _("Give the estimated time in minutes (at least 1).")
    if not 1 <= data.pass_percent <= 100:
        errors["pass_percent"] = _("The pass mark is a percentage from 1 to 100.")
    if data.kind in (StepKind.POST, StepKind.QUESTION):
        wanted = (Kind.TUTORIAL, Kind.ARTICLE) if data.kind == StepKind.POST else (Kind.QUESTION,)
        post = (
            Post.objects.filter(
                pk=data.post_id, kind__in=wanted, status=Status.PUBLISHED, deleted_at__isnull=True
            ).first()
            if data.post_id
            else None
        )
        if post is None:
            errors["post_id"] = (
                _("Give the number of a published tutorial or article.")
                if data.kind == StepKind.POST
                else _("Give the number of a published question.")
            )
        values["post"] = post
    elif data.kind == StepKind.RESOURCE:
        if not values["title"]:
            errors["title"] = _("Give the resource a title.")
        if not data.url.startswith(("https://", "http://")):
            errors["url"] = _("Give the resource's web address (http or https).")
        values["url"] = data.url
        values["resource_kind"] = data.resource_kind or "other"
    elif not values["title"]:
        errors["title"] = _("Give the quiz a title.")
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def add_step(*, path: Path, by: Any, data: StepInput) -> Step:
    _check_editor(path, by)
    Path.objects.select_for_update().filter(pk=path.pk).first()
    if Step.objects.filter(path=path).count() >= MAX_STEPS:
        raise ValidationError(_("A path may have at most %(n)d steps.") % {"n": MAX_STEPS})
    values = _clean_step(data)
    last = Step.objects.filter(path=path).aggregate(m=Max("position"))["m"]
    step = Step.objects.create(path=path, position=(last or 0) + 1, **values)
    _recount(path)
    path_changed(path.pk)
    return step


@transaction.atomic
def remove_step(*, step: Step, by: Any) -> None:
    path = step.path
    _check_editor(path, by)
    step.delete()
    _recount(path)
    path_changed(path.pk)


@transaction.atomic
def move_step(*, step: Step, by: Any, direction: str) -> None:
    """Swap the step with its neighbour above ("up") or below ("down")."""
    path = step.path
    _check_editor(path, by)
    steps = list(Step.objects.select_for_update().filter(path=path).order_by("position", "pk"))
    index = next(i for i, s in enumerate(steps) if s.pk == step.pk)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(steps):
        return
    steps[index], steps[other] = steps[other], steps[index]
    for position, item in enumerate(steps, start=1):
        if item.position != position:
            Step.objects.filter(pk=item.pk).update(position=position)
    path_changed(path.pk)


@transaction.atomic
def add_quiz_question(*, step: Step, by: Any, data: QuizQuestionInput) -> QuizQuestion:
    _check_editor(step.path, by)
    if step.kind != StepKind.QUIZ:
        raise ValidationError(_("Only quiz steps have questions."))
    if QuizQuestion.objects.filter(step=step).count() >= MAX_QUIZ_QUESTIONS:
        raise ValidationError(
            _("A quiz may have at most %(n)d questions.") % {"n": MAX_QUIZ_QUESTIONS}
        )
    errors: dict[str, str] = {}
    if not data.prompt.strip():
        errors["prompt"] = _("Write the question.")
    choices = [(text.strip(), correct) for text, correct in data.choices if text.strip()]
    if data.kind in (QuizQuestionKind.SINGLE, QuizQuestionKind.MULTIPLE):
        right = sum(1 for _text, correct in choices if correct)
        if not 2 <= len(choices) <= MAX_CHOICES:
            errors["choices"] = _("Give from 2 to %(n)d choices.") % {"n": MAX_CHOICES}
        elif data.kind == QuizQuestionKind.SINGLE and right != 1:
            errors["choices"] = _("Mark exactly one choice as correct.")
        elif right < 1:
            errors["choices"] = _("Mark at least one choice as correct.")
    elif data.kind == QuizQuestionKind.NUMERIC:
        if data.numeric_answer is None or not math.isfinite(data.numeric_answer):
            errors["numeric_answer"] = _("Give the correct number.")
        if not math.isfinite(data.tolerance) or data.tolerance < 0:
            errors["tolerance"] = _("The tolerance is a number of zero or more.")
    else:
        errors["kind"] = _("Choose the kind of question.")
    if errors:
        raise ValidationError(errors)
    last = QuizQuestion.objects.filter(step=step).aggregate(m=Max("position"))["m"]
    question = QuizQuestion.objects.create(
        step=step,
        position=(last or 0) + 1,
        kind=data.kind,
        prompt=data.prompt,
        prompt_html=render_markdown(data.prompt),
        numeric_answer=data.numeric_answer if data.kind == QuizQuestionKind.NUMERIC else None,
        tolerance=data.tolerance if data.kind == QuizQuestionKind.NUMERIC else 0,
        explanation=data.explanation,
    )
    if data.kind != QuizQuestionKind.NUMERIC:
        QuizChoice.objects.bulk_create(
            QuizChoice(question=question, position=i, text=text, is_correct=correct)
            for i, (text, correct) in enumerate(choices, start=1)
        )
    path_changed(step.path_id)
    return question


@transaction.atomic
def remove_quiz_question(*, question: QuizQuestion, by: Any) -> None:
    _check_editor(question.step.path, by)
    step_path_id = question.step.path_id
    question.delete()
    path_changed(step_path_id)
