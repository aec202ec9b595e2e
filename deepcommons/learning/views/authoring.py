"""Writing paths: the path form and the step and quiz editors."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.core.forms import add_service_errors
from deepcommons.learning import services
from deepcommons.learning.forms import PathForm, QuizQuestionForm, StepForm
from deepcommons.learning.models import Path, QuizQuestion, Step, StepKind
from deepcommons.learning.models.paths import may_author_paths
from deepcommons.learning.views.common import path_steps


def _editable_path(request: AuthenticatedHttpRequest, path_id: int) -> Path:
    path = get_object_or_404(Path.objects.select_related("author", "space"), pk=path_id)
    if not path.can_be_edited_by(request.user):
        if not path.is_visible_to(request.user):
            raise Http404
        raise PermissionDenied
    return path


def _editor(
    request: AuthenticatedHttpRequest,
    path: Path,
    *,
    form: PathForm | None = None,
    step_form: StepForm | None = None,
    status: int = 200,
) -> HttpResponse:
    initial = {
        "title": path.title,
        "summary": path.summary,
        "difficulty": path.difficulty,
        "space": path.space_id,
        "prerequisites": list(path.prerequisites.values_list("pk", flat=True)),
        "is_published": path.is_published,
    }
    context = {
        "path": path,
        "form": form or PathForm(initial=initial, path=path),
        "step_form": step_form or StepForm(),
        "steps": path_steps(path),
        "StepKind": StepKind,
    }
    return render(request, "learning/path_edit.html", context, status=status)


@login_required
def path_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not may_author_paths(request.user):
        raise PermissionDenied(
            _("Writing learning paths needs moderator rights or reputation of at least 1000.")
        )
    form = PathForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                path = services.create_path(author=request.user, data=form.to_input())
                services.set_prerequisites(
                    path=path,
                    by=request.user,
                    prerequisites=list(form.cleaned_data["prerequisites"]),
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("learning:path-edit", path_id=path.pk)
    status = 400 if form.errors else 200
    return render(request, "learning/path_create.html", {"form": form}, status=status)


@login_required
def path_edit(request: AuthenticatedHttpRequest, path_id: int) -> HttpResponse:
    path = _editable_path(request, path_id)
    if request.method != "POST":
        return _editor(request, path)
    form = PathForm(request.POST, path=path)
    if form.is_valid():
        try:
            with transaction.atomic():
                services.update_path(path=path, by=request.user, data=form.to_input())
                services.set_prerequisites(
                    path=path,
                    by=request.user,
                    prerequisites=list(form.cleaned_data["prerequisites"]),
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("learning:path-edit", path_id=path.pk)
    path.refresh_from_db()
    return _editor(request, path, form=form, status=400)


@login_required
@require_POST
def step_add(request: AuthenticatedHttpRequest, path_id: int) -> HttpResponse:
    path = _editable_path(request, path_id)
    form = StepForm(request.POST)
    if form.is_valid():
        try:
            step = services.add_step(path=path, by=request.user, data=form.to_input())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if step.kind == StepKind.QUIZ:
                return redirect("learning:quiz-edit", step_id=step.pk)
            return redirect(f"{path.get_absolute_url()}edit/#step-{step.pk}")
    return _editor(request, path, step_form=form, status=400)


def _editable_step(request: AuthenticatedHttpRequest, step_id: int) -> Step:
    step = get_object_or_404(Step.objects.select_related("path", "post"), pk=step_id)
    _editable_path(request, step.path_id)
    return step


@login_required
@require_POST
def step_move(request: AuthenticatedHttpRequest, step_id: int) -> HttpResponse:
    step = _editable_step(request, step_id)
    services.move_step(step=step, by=request.user, direction=request.POST.get("direction", ""))
    return redirect(f"{step.path.get_absolute_url()}edit/#step-{step.pk}")


@login_required
@require_POST
def step_remove(request: AuthenticatedHttpRequest, step_id: int) -> HttpResponse:
    step = _editable_step(request, step_id)
    path = step.path
    services.remove_step(step=step, by=request.user)
    return redirect("learning:path-edit", path_id=path.pk)


@login_required
def quiz_edit(request: AuthenticatedHttpRequest, step_id: int) -> HttpResponse:
    """The questions of a quiz step, with their answers (editors only), and
    a form to add one."""
    step = _editable_step(request, step_id)
    if step.kind != StepKind.QUIZ:
        return redirect("learning:path-edit", path_id=step.path_id)
    form = QuizQuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_quiz_question(step=step, by=request.user, data=form.to_input())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("learning:quiz-edit", step_id=step.pk)
    context: dict[str, Any] = {
        "step": step,
        "path": step.path,
        "form": form,
        "questions": list(QuizQuestion.objects.filter(step=step).prefetch_related("choices")),
    }
    return render(request, "learning/quiz_edit.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def quiz_question_remove(request: AuthenticatedHttpRequest, question_id: int) -> HttpResponse:
    question = get_object_or_404(QuizQuestion.objects.select_related("step__path"), pk=question_id)
    _editable_path(request, question.step.path_id)
    step_id = question.step_id
    services.remove_quiz_question(question=question, by=request.user)
    return redirect("learning:quiz-edit", step_id=step_id)
