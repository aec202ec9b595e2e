"""Browsing paths, enrolling, finishing steps, quizzes and certificates."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.core.pagecache import cache_anonymous
from deepcommons.core.pagination import page_or_first
from deepcommons.learning import services
from deepcommons.learning.models import Enrolment, Path, StepKind
from deepcommons.learning.models.paths import may_author_paths
from deepcommons.learning.services.quizzes import quiz_questions
from deepcommons.learning.views.common import own_enrolment, path_step, path_steps, visible_path
from deepcommons.spaces.models import Space

PER_PAGE = 30


@cache_anonymous
def path_list(request: HttpRequest) -> HttpResponse:
    """Every path the viewer may see, newest first, with their own progress."""
    space = None
    if slug := request.GET.get("space", ""):
        space = Space.objects.filter(slug=slug).first()
    user = request.user
    staff = user.is_authenticated and bool(user.is_moderator or user.is_operator)
    paths = Path.objects.visible_to(user, staff=staff).in_space(space).for_list()
    page = page_or_first(
        paths, field="created_at", cursor=request.GET.get("cursor", ""), per_page=PER_PAGE
    )
    progress: dict[int, dict[str, Any]] = {}
    if request.user.is_authenticated:
        rows = (
            Enrolment.objects.filter(user=request.user, path__in=[p.pk for p in page.items])
            .annotate(done=Count("completions"))
            .values("path_id", "done", "completed_at")
        )
        progress = {row["path_id"]: dict(row) for row in rows}
    items = []
    for path in page.items:
        row = progress.get(path.pk)
        percent = None
        if row is not None:
            percent = round(100 * row["done"] / path.step_count) if path.step_count else 0
            percent = min(percent, 100)
        items.append(
            {"path": path, "percent": percent, "completed": bool(row and row["completed_at"])}
        )
    context = {
        "page": page,
        "items": items,
        "space": space,
        "spaces": Space.objects.filter(learning_paths__is_published=True)
        .distinct()
        .order_by("slug"),
        "can_author": may_author_paths(user, staff=staff),
    }
    return render(request, "learning/path_list.html", context)


def _detail_context(request: HttpRequest, path: Path) -> dict[str, Any]:
    enrolment = own_enrolment(request.user, path)
    if enrolment is not None and not enrolment.is_complete:
        services.refresh_progress(enrolment=enrolment)
    steps = path_steps(path)
    progress = services.path_progress(enrolment, steps)
    prerequisites = list(path.prerequisites.order_by("title"))
    finished: set[int] = set()
    if request.user.is_authenticated and prerequisites:
        finished = set(
            Enrolment.objects.filter(
                user=request.user, path__in=prerequisites, completed_at__isnull=False
            ).values_list("path_id", flat=True)
        )
    return {
        "path": path,
        "steps": steps,
        "enrolment": enrolment,
        "progress": progress,
        "prerequisites": [(p, p.pk in finished) for p in prerequisites],
        "can_edit": path.can_be_edited_by(request.user),
        "StepKind": StepKind,
    }


@cache_anonymous
def path_detail(request: HttpRequest, path_id: int) -> HttpResponse:
    path = visible_path(request, path_id)
    return render(request, "learning/path_detail.html", _detail_context(request, path))


@login_required
@require_POST
def path_enrol(request: AuthenticatedHttpRequest, path_id: int) -> HttpResponse:
    path = visible_path(request, path_id)
    try:
        services.enrol_in_path(path=path, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(path.get_absolute_url())


@login_required
@require_POST
def path_leave(request: AuthenticatedHttpRequest, path_id: int) -> HttpResponse:
    path = visible_path(request, path_id)
    enrolment = own_enrolment(request.user, path)
    if enrolment is None:
        raise Http404
    try:
        services.leave_path(enrolment=enrolment, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(path.get_absolute_url())


@login_required
@require_POST
def step_done(request: AuthenticatedHttpRequest, path_id: int, step_id: int) -> HttpResponse:
    path = visible_path(request, path_id)
    step = path_step(path, step_id)
    enrolment = own_enrolment(request.user, path)
    if enrolment is None:
        messages.error(request, _("Enrol in the path to record your progress."))
        return redirect(path.get_absolute_url())
    try:
        if services.mark_step_done(enrolment=enrolment, step=step, user=request.user):
            messages.success(request, _("You completed this path. Well done!"))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(f"{path.get_absolute_url()}#step-{step.pk}")


def _answers_from(request: HttpRequest, questions: list[Any]) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in questions:
        key = f"q{question.pk}"
        if question.kind == "numeric":
            answers[str(question.pk)] = request.POST.get(key, "")
        else:
            answers[str(question.pk)] = request.POST.getlist(key)
    return answers


def quiz(request: HttpRequest, path_id: int, step_id: int) -> HttpResponse:
    """The quiz form (no answers in it) and, after a POST, the graded result."""
    path = visible_path(request, path_id)
    step = path_step(path, step_id)
    if step.kind != StepKind.QUIZ:
        raise Http404
    questions = quiz_questions(step)
    enrolment = own_enrolment(request.user, path)
    context: dict[str, Any] = {
        "path": path,
        "step": step,
        "questions": questions,
        "enrolment": enrolment,
        "result": None,
        "error": "",
        "given": {},
        "last": None,
    }
    status = 200
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if enrolment is None:
            context["error"] = _("Enrol in the path to take its quizzes.")
            return render(request, "learning/quiz.html", context, status=400)
        answers = _answers_from(request, questions)
        context["given"] = answers
        try:
            result = services.submit_quiz(
                enrolment=enrolment, step=step, user=request.user, answers=answers
            )
        except ValidationError as exc:
            context["error"] = " ".join(exc.messages)
            status = 400
        else:
            context["result"] = result
            context["by_question"] = {r.question.pk: r for r in result.results}
    elif enrolment is not None:
        context["last"] = enrolment.attempts.filter(step=step).first()
    return render(request, "learning/quiz.html", context, status=status)


@cache_anonymous
def certificate(request: HttpRequest, certificate_id: Any) -> HttpResponse:
    """The public page of a completed path: who, what, when."""
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("user", "path", "path__space"),
        certificate_id=certificate_id,
        completed_at__isnull=False,
    )
    return render(request, "learning/certificate.html", {"enrolment": enrolment})
