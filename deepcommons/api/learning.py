"""Learning paths and notebooks: the same reads and services as /learn/.

Path and quiz JSON never carries a correct answer: choices have no
correctness flag and numeric questions no answer or tolerance until a
submission's graded result.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from deepcommons.api import common
from deepcommons.api.schemas import ERRORS
from deepcommons.core.pagination import keyset_page
from deepcommons.learning import services
from deepcommons.learning.models import Enrolment, Notebook, Path, QuizQuestion, Step, StepKind
from deepcommons.learning.services.quizzes import QuizResult

router = Router(tags=["learning"])
PER_PAGE = 20


class PathOut(Schema):
    id: int
    title: str
    summary_html: str
    difficulty: str
    space: str | None
    author: str
    estimated_minutes: int
    step_count: int
    enrolment_count: int
    completion_count: int
    prerequisite_ids: list[int]
    url: str
    created_at: datetime


class PathPage(Schema):
    items: list[PathOut]
    next_cursor: str | None


class ChoiceOut(Schema):
    id: int
    text: str


class QuizQuestionOut(Schema):
    id: int
    kind: str
    prompt_html: str
    choices: list[ChoiceOut]


class StepOut(Schema):
    id: int
    position: int
    kind: str
    title: str
    notes_html: str
    minutes: int
    post_id: int | None
    url: str
    resource_kind: str
    pass_percent: int | None
    questions: list[QuizQuestionOut]


class PathDetailOut(PathOut):
    steps: list[StepOut]


class ProgressOut(Schema):
    path_id: int
    enrolled_at: datetime
    completed_at: datetime | None
    done_step_ids: list[int]
    done: int
    total: int
    percent: int
    next_step_id: int | None
    certificate_url: str | None


class QuizIn(Schema):
    # Question id → a list of choice ids, or the number (as text or a number).
    answers: dict[str, Any]


class QuestionResultOut(Schema):
    question_id: int
    right: bool
    correct_choice_ids: list[int]
    correct_number: float | None
    explanation: str


class QuizResultOut(Schema):
    attempt_id: int
    correct: int
    total: int
    percent: int
    passed: bool
    completed_path: bool
    results: list[QuestionResultOut]
    progress: ProgressOut


class NotebookOut(Schema):
    id: int
    post_id: int
    title: str
    filename: str
    size: int
    cell_count: int
    html: str
    github_url: str
    colab_url: str
    kaggle_url: str
    download_url: str
    created_at: datetime


def _path_out(path: Path, prerequisite_ids: list[int]) -> dict[str, Any]:
    return {
        "id": path.pk,
        "title": path.title,
        "summary_html": path.summary_html,
        "difficulty": path.difficulty,
        "space": path.space.slug if path.space else None,
        "author": path.author.username,
        "estimated_minutes": path.estimated_minutes,
        "step_count": path.step_count,
        "enrolment_count": path.enrolment_count,
        "completion_count": path.completion_count,
        "prerequisite_ids": prerequisite_ids,
        "url": path.get_absolute_url(),
        "created_at": path.created_at,
    }


def _question_out(question: QuizQuestion) -> dict[str, Any]:
    # Deliberately no is_correct, numeric_answer, tolerance or explanation.
    return {
        "id": question.pk,
        "kind": question.kind,
        "prompt_html": question.prompt_html,
        "choices": [{"id": c.pk, "text": c.text} for c in question.choices.all()],
    }


def _step_out(step: Step, questions: list[QuizQuestion]) -> dict[str, Any]:
    return {
        "id": step.pk,
        "position": step.position,
        "kind": step.kind,
        "title": step.display_title,
        "notes_html": step.notes_html,
        "minutes": step.minutes,
        "post_id": step.post_id,
        "url": step.url if step.kind == StepKind.RESOURCE else "",
        "resource_kind": step.resource_kind,
        "pass_percent": step.pass_percent if step.kind == StepKind.QUIZ else None,
        "questions": [_question_out(q) for q in questions],
    }


def _visible_path(request: HttpRequest, path_id: int) -> Path:
    path = get_object_or_404(Path.objects.select_related("author", "space"), pk=path_id)
    if not path.is_visible_to(request.user):
        raise Http404
    return path


def _steps(path: Path) -> list[Step]:
    return list(Step.objects.filter(path=path).select_related("post").order_by("position", "pk"))


def _enrolment(request: HttpRequest, path: Path) -> Enrolment:
    user = common.signed_in_user(request)
    enrolment = Enrolment.objects.filter(path=path, user=user).first()
    if enrolment is None:
        raise common.ServiceRefused([{"field": None, "message": _("Enrol in the path first.")}])
    return enrolment


def _progress_out(enrolment: Enrolment, steps: list[Step]) -> dict[str, Any]:
    progress = services.path_progress(enrolment, steps)
    return {
        "path_id": enrolment.path_id,
        "enrolled_at": enrolment.enrolled_at,
        "completed_at": enrolment.completed_at,
        "done_step_ids": sorted(progress.done),
        "done": progress.done_count,
        "total": progress.total,
        "percent": progress.percent,
        "next_step_id": progress.next_step.pk if progress.next_step else None,
        "certificate_url": enrolment.certificate_url() if enrolment.is_complete else None,
    }


@router.get(
    "/learning/paths",
    response={200: PathPage, 400: ERRORS[400]},
    auth=None,
    operation_id="deepcommons_api_learning_path_list",
)
def list_paths(request: HttpRequest, cursor: str = "", space: str = "") -> dict[str, Any]:
    """The paths the caller may see, newest first (as /learn/)."""
    paths = Path.objects.visible_to(request.user).for_list()
    if space:
        paths = paths.filter(space__slug=space)
    page = keyset_page(paths, field="created_at", cursor=cursor, per_page=PER_PAGE)
    through = Path.prerequisites.through
    prereqs: dict[int, list[int]] = {}
    for from_id, to_id in through.objects.filter(
        from_path_id__in=[p.pk for p in page.items]
    ).values_list("from_path_id", "to_path_id"):
        prereqs.setdefault(from_id, []).append(to_id)
    return {
        "items": [_path_out(p, sorted(prereqs.get(p.pk, []))) for p in page.items],
        "next_cursor": page.next_cursor,
    }


@router.get(
    "/learning/paths/{path_id}",
    response={200: PathDetailOut, 404: ERRORS[404]},
    auth=None,
    operation_id="deepcommons_api_learning_path_detail",
)
def path_detail(request: HttpRequest, path_id: int) -> dict[str, Any]:
    """A path with its steps and its quizzes' questions, without answers."""
    path = _visible_path(request, path_id)
    steps = _steps(path)
    questions: dict[int, list[QuizQuestion]] = {}
    for question in QuizQuestion.objects.filter(
        step__in=[s for s in steps if s.kind == StepKind.QUIZ]
    ).prefetch_related("choices"):
        questions.setdefault(question.step_id, []).append(question)
    out = _path_out(path, sorted(path.prerequisites.values_list("pk", flat=True)))
    out["steps"] = [_step_out(s, questions.get(s.pk, [])) for s in steps]
    return out


@router.post(
    "/learning/paths/{path_id}/enrol",
    response={201: ProgressOut, **ERRORS},
    operation_id="deepcommons_api_learning_path_enrol",
)
def enrol(request: HttpRequest, path_id: int) -> Status:
    path = _visible_path(request, path_id)
    enrolment = common.call(services.enrol_in_path, path=path, user=common.signed_in_user(request))
    return Status(201, _progress_out(enrolment, _steps(path)))


@router.get(
    "/learning/paths/{path_id}/progress",
    response={200: ProgressOut, **ERRORS},
    operation_id="deepcommons_api_learning_path_progress",
)
def progress(request: HttpRequest, path_id: int) -> dict[str, Any]:
    path = _visible_path(request, path_id)
    enrolment = _enrolment(request, path)
    if not enrolment.is_complete:
        services.refresh_progress(enrolment=enrolment)
    return _progress_out(enrolment, _steps(path))


@router.post(
    "/learning/paths/{path_id}/steps/{step_id}/done",
    response={200: ProgressOut, **ERRORS},
    operation_id="deepcommons_api_learning_step_done",
)
def step_done(request: HttpRequest, path_id: int, step_id: int) -> dict[str, Any]:
    path = _visible_path(request, path_id)
    step = get_object_or_404(Step, pk=step_id, path=path)
    enrolment = _enrolment(request, path)
    common.call(services.mark_step_done, enrolment=enrolment, step=step, user=request.user)
    enrolment.refresh_from_db()
    return _progress_out(enrolment, _steps(path))


def _result_out(result: QuizResult, enrolment: Enrolment, steps: list[Step]) -> dict[str, Any]:
    attempt = result.attempt
    return {
        "attempt_id": attempt.pk,
        "correct": attempt.correct,
        "total": attempt.total,
        "percent": attempt.percent,
        "passed": attempt.passed,
        "completed_path": result.completed_path,
        "results": [
            {
                "question_id": r.question.pk,
                "right": r.right,
                "correct_choice_ids": sorted(r.correct_choice_ids),
                "correct_number": r.correct_number,
                "explanation": r.question.explanation,
            }
            for r in result.results
        ],
        "progress": _progress_out(enrolment, steps),
    }


@router.post(
    "/learning/paths/{path_id}/steps/{step_id}/quiz",
    response={200: QuizResultOut, **ERRORS},
    operation_id="deepcommons_api_learning_quiz_submit",
)
def submit_quiz(
    request: HttpRequest, path_id: int, step_id: int, payload: QuizIn
) -> dict[str, Any]:
    """Grade the answers; the result reveals the correct ones."""
    path = _visible_path(request, path_id)
    step = get_object_or_404(Step, pk=step_id, path=path)
    enrolment = _enrolment(request, path)
    result = common.call(
        services.submit_quiz,
        enrolment=enrolment,
        step=step,
        user=request.user,
        answers=payload.answers,
    )
    enrolment.refresh_from_db()
    return _result_out(result, enrolment, _steps(path))


@router.get(
    "/learning/notebooks/{notebook_id}",
    response={200: NotebookOut, 404: ERRORS[404]},
    auth=None,
    operation_id="deepcommons_api_learning_notebook_detail",
)
def notebook_detail(request: HttpRequest, notebook_id: int) -> dict[str, Any]:
    notebook = get_object_or_404(
        Notebook.objects.select_related("post", "post__parent"), pk=notebook_id
    )
    post = notebook.post
    if not post.is_visible_to(request.user) or (
        post.parent is not None and not post.parent.is_visible_to(request.user)
    ):
        raise Http404
    return {
        "id": notebook.pk,
        "post_id": notebook.post_id,
        "title": notebook.title,
        "filename": notebook.filename,
        "size": notebook.size,
        "cell_count": notebook.cell_count,
        "html": notebook.rendered_html,
        "github_url": notebook.github_url,
        "colab_url": notebook.colab_url,
        "kaggle_url": notebook.kaggle_url,
        "download_url": f"{notebook.get_absolute_url()}download/",
        "created_at": notebook.created_at,
    }
