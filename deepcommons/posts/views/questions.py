"""Questions and their answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Value, When, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.core.fragments import cached_fragment
from deepcommons.core.htmx import is_htmx
from deepcommons.posts import services
from deepcommons.posts.forms import ChildForm, CommentForm, QuestionForm, add_service_errors
from deepcommons.posts.models import Draft, Kind, Post
from deepcommons.posts.pagecache import ThreadViewer, thread_viewer
from deepcommons.posts.views.common import (
    cache_anonymous,
    comments_prefetch,
    counts_views,
    get_post_or_404,
    get_thread_or_404,
    moderates,
    visible_posts,
)

ANSWER_SORTS = ["votes", "newest", "oldest"]


def _draft_for(request: HttpRequest, key: str) -> Draft | None:
    if not request.user.is_authenticated:
        return None
    return Draft.objects.filter(user=request.user, key=key).first()


@login_required
@require_http_methods(["GET", "POST"])
def question_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
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


def _answer_sort(request: HttpRequest) -> str:
    sort = request.GET.get("answers", "votes")
    return sort if sort in ANSWER_SORTS else "votes"


def _thread_context(request: HttpRequest, question: Post, viewer: ThreadViewer) -> dict[str, Any]:
    """What the question's body and its answers render from (queries run here)."""
    prefetch_related_objects([question], "tags", comments_prefetch(request))
    sort = _answer_sort(request)
    answers = _answers(request, question, sort)
    viewer.annotate([question, *answers])
    return {
        "post": question,
        "answers": answers,
        "answer_sort": sort,
        "answer_sorts": ANSWER_SORTS,
        "comment_form": CommentForm(),
        "can_accept": question.can_accept_answers(request.user),
    }


def _thread_fragment(request: HttpRequest, question: Post) -> Callable[[str], Any]:
    """`part(name)`: a partial of the question page from the shared fragment cache.

    The partials' context (and its queries) is built once, on the first miss.
    """
    viewer = thread_viewer(request.user, question.pk)
    parts: tuple[object, ...] = (
        question.pk,
        viewer.version,
        _answer_sort(request),
        moderates(request, question),
        *viewer.signature(),
    )
    context: dict[str, Any] = {}

    def part(name: str) -> Any:
        def render() -> str:
            if not context:
                context.update(_thread_context(request, question, viewer))
            return render_to_string(f"posts/question_detail.html#{name}", context, request)

        return cached_fragment(request, name=f"question-{name}", parts=parts, render=render)

    return part


def _detail_context(request: HttpRequest, question: Post, **extra: Any) -> dict[str, Any]:
    """The page: the shared body and answers from the fragment cache, the rest live."""
    part = _thread_fragment(request, question)
    answer_form = extra.pop("answer_form", None)
    if answer_form is None:
        draft = _draft_for(request, f"answer-{question.pk}")
        answer_form = ChildForm(initial={"body": draft.body if draft else ""})
    return {
        "post": question,
        "question_html": part("question-main"),
        "answers_html": part("answer-list"),
        "answer_form": answer_form,
        "answer_draft_key": f"answer-{question.pk}",
        **extra,
    }


@counts_views
@cache_anonymous
def question_detail(request: HttpRequest, post_id: int) -> HttpResponse:
    # The page's live header shows the space, not the author (the byline is cached).
    question = get_thread_or_404(request, post_id, Kind.QUESTION, related=("space",))
    if is_htmx(request) and request.GET.get("answers"):
        # Re-sorting the answers needs neither the question's body nor the draft.
        return HttpResponse(_thread_fragment(request, question)("answer-list"))
    return render(request, "posts/question_detail.html", _detail_context(request, question))


@login_required
@require_POST
def answer_create(request: AuthenticatedHttpRequest, post_id: int) -> HttpResponse:
    question = get_post_or_404(request, post_id, Kind.QUESTION)
    user = request.user
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
