"""Questions and their answers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Value, When, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from deepcommons.accounts.models import User
from deepcommons.core.htmx import is_htmx
from deepcommons.posts import services
from deepcommons.posts.forms import ChildForm, CommentForm, QuestionForm, add_service_errors
from deepcommons.posts.models import Draft, Kind, Post, annotate_viewer_state
from deepcommons.posts.views.common import (
    cache_anonymous,
    comments_prefetch,
    counts_views,
    get_post_or_404,
    visible_posts,
)

ANSWER_SORTS = ["votes", "newest", "oldest"]


def _draft_for(request: HttpRequest, key: str) -> Draft | None:
    if not request.user.is_authenticated:
        return None
    return Draft.objects.filter(user=request.user, key=key).first()


@login_required
@require_http_methods(["GET", "POST"])
def question_create(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if request.method == "POST":
        form = QuestionForm(request.POST)
        if form.is_valid():
            try:
                question = services.create_post(
                    author=user, kind=Kind.QUESTION, data=form.to_input()
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                services.discard_draft(user=user, key="question")
                messages.success(request, _("Your question has been posted."))
                return redirect(question)
    else:
        draft = _draft_for(request, "question")
        initial: dict[str, Any] = {"space": request.GET.get("space")}
        if draft:
            initial.update(title=draft.title, body=draft.body)
        form = QuestionForm(initial=initial)
    return render(
        request,
        "posts/post_form.html",
        {"form": form, "kind": Kind.QUESTION, "draft_key": "question"},
        status=400 if form.errors else 200,
    )


def _answers(request: HttpRequest, question: Post, sort: str) -> list[Post]:
    order: list[Any] = [
        Case(
            When(pk=question.accepted_answer_id or 0, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ]
    order += {
        "votes": ["-score", "created_at"],
        "newest": ["-created_at", "-pk"],
        "oldest": ["created_at", "pk"],
    }[sort]
    answers = (
        visible_posts(request)
        .filter(parent=question, kind=Kind.ANSWER)
        .select_related("author")
        .prefetch_related(comments_prefetch(request))
        .order_by(*order)
    )
    return list(answers)


def _detail_context(request: HttpRequest, question: Post, **extra: Any) -> dict[str, Any]:
    sort = request.GET.get("answers", "votes")
    if sort not in ANSWER_SORTS:
        sort = "votes"
    answers = _answers(request, question, sort)
    annotate_viewer_state([question, *answers], request.user)
    answer_form = extra.pop("answer_form", None)
    if answer_form is None:
        draft = _draft_for(request, f"answer-{question.pk}")
        answer_form = ChildForm(initial={"body": draft.body if draft else ""})
    return {
        "post": question,
        "answers": answers,
        "answer_sort": sort,
        "answer_sorts": ANSWER_SORTS,
        "answer_form": answer_form,
        "answer_draft_key": f"answer-{question.pk}",
        "comment_form": CommentForm(),
        "can_accept": question.can_accept_answers(request.user),
        **extra,
    }


def _load_question(request: HttpRequest, post_id: int) -> Post:
    question = get_post_or_404(request, post_id, Kind.QUESTION)
    # One query each for tags and comments, whatever their number.
    prefetch_related_objects([question], "tags", comments_prefetch(request))
    return question


@counts_views
@cache_anonymous
def question_detail(request: HttpRequest, post_id: int) -> HttpResponse:
    question = _load_question(request, post_id)
    context = _detail_context(request, question)
    if is_htmx(request) and request.GET.get("answers"):
        return render(request, "posts/question_detail.html#answer-list", context)
    return render(request, "posts/question_detail.html", context)


@login_required
@require_POST
def answer_create(request: HttpRequest, post_id: int) -> HttpResponse:
    question = _load_question(request, post_id)
    user: User = request.user  # type: ignore[assignment]
    form = ChildForm(request.POST)
    if form.is_valid():
        try:
            answer = services.create_child(
                parent=question, author=user, body=form.cleaned_data["body"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            services.discard_draft(user=user, key=f"answer-{question.pk}")
            messages.success(request, _("Your answer has been posted."))
            return redirect(answer)
    context = _detail_context(request, question, answer_form=form)
    return render(request, "posts/question_detail.html", context, status=400)
