"""Questions and their answers."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Q, Value, When, prefetch_related_objects
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.core.htmx import is_htmx
from deepcommons.core.pagecache import cache_anonymous, cached_partials
from deepcommons.posts import services
from deepcommons.posts.forms import ChildForm, CommentForm, QuestionForm, add_service_errors
from deepcommons.posts.models import Draft, Kind, Post, SuggestedEdit
from deepcommons.posts.pagecache import ThreadViewer, thread_viewer
from deepcommons.posts.views.common import (
    comments_prefetch,
    counts_views,
    get_post_or_404,
    get_thread_or_404,
    moderates,
    viewer_privileges,
    visible_posts,
)

TEMPLATE = "posts/question_detail.html"
ANSWER_SORTS = ["votes", "newest", "oldest"]
# The partials every viewer in the same state shares (the rest is live).
SHARED_PARTS = ["question-main", "answer-list"]


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
            except PermissionDenied as exc:
                form.add_error(None, str(exc) or _("You cannot post now."))
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
    rows = list(answers)
    for answer in rows:
        # Comment permissions read the question (answers to one's own question).
        answer.parent = question
    return rows


def _answer_sort(request: HttpRequest) -> str:
    sort = request.GET.get("answers", "votes")
    return sort if sort in ANSWER_SORTS else "votes"


def _thread_context(
    request: HttpRequest, question: Post, viewer: ThreadViewer, sort: str
) -> dict[str, Any]:
    """What the question's body and its answers render from (queries run here)."""
    prefetch_related_objects([question], "tags", comments_prefetch(request))
    answers = _answers(request, question, sort)
    viewer.annotate([question, *answers])
    return {
        "post": question,
        "answers": answers,
        "answer_sort": sort,
        "answer_sorts": ANSWER_SORTS,
        "comment_form": CommentForm(),
        "can_accept": question.can_accept_answers(request.user),
        "can_see_split": "see_vote_split" in viewer.privileges,
    }


def _thread_html(
    request: HttpRequest, question: Post, sort: str, names: list[str]
) -> dict[str, SafeString]:
    """The question page's partials `names`, shared by every viewer in the same state."""
    viewer = thread_viewer(
        request.user,
        question.pk,
        moderator=moderates(request, question),
        privileges=viewer_privileges(request),
    )
    return cached_partials(
        request,
        TEMPLATE,
        names,
        parts=viewer.parts(sort),
        context=partial(_thread_context, request, question, viewer, sort),
    )


def _detail_context(
    request: HttpRequest, question: Post, answer_form: ChildForm | None = None
) -> dict[str, Any]:
    """The page: the shared body and answers from the page cache, the rest live."""
    shared = _thread_html(request, question, _answer_sort(request), SHARED_PARTS)
    if answer_form is None:
        draft = _draft_for(request, f"answer-{question.pk}")
        answer_form = ChildForm(initial={"body": draft.body if draft else ""})
    return {
        "post": question,
        "question_html": shared["question-main"],
        "answers_html": shared["answer-list"],
        "answer_form": answer_form,
        "answer_draft_key": f"answer-{question.pk}",
        "duplicate_of": _duplicate_of(request, question),
        "suggested_edits": _pending_edits(request, question),
    }


def _duplicate_of(request: HttpRequest, question: Post) -> Post | None:
    """The original a closed duplicate points to, if the viewer may see it."""
    if not question.duplicate_of_id:
        return None
    originals = visible_posts(request).filter(pk=question.duplicate_of_id)
    return originals.only("pk", "title", "kind").first()


def _pending_edits(request: HttpRequest, question: Post) -> list[SuggestedEdit]:
    """Suggested edits waiting in this thread, for reviewers only (one query)."""
    user = request.user
    if not user.is_authenticated:
        return []
    if "edit_without_review" not in viewer_privileges(request) and not moderates(request, question):
        return []
    edits = SuggestedEdit.objects.pending().filter(Q(post=question) | Q(post__parent=question))
    return list(edits.exclude(proposer=user).select_related("proposer", "post"))


@counts_views
@cache_anonymous
def question_detail(request: HttpRequest, post_id: int) -> HttpResponse:
    # The page's live header shows the space, not the author (the byline is cached).
    question = get_thread_or_404(request, post_id, Kind.QUESTION, related=("space",))
    if question.merged_into_id:
        # Merged into another question: its answers live there now.
        return HttpResponsePermanentRedirect(
            Post(pk=question.merged_into_id, kind=Kind.QUESTION).get_absolute_url()
        )
    if is_htmx(request) and request.GET.get("answers"):
        # Re-sorting the answers needs neither the question's body nor the draft.
        answers = _thread_html(request, question, _answer_sort(request), ["answer-list"])
        return HttpResponse(answers["answer-list"])
    return render(request, TEMPLATE, _detail_context(request, question))


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
        except PermissionDenied as exc:
            # Closed, locked, or the member is silenced: say why, keep the text.
            form.add_error("body", str(exc) or _("You cannot answer this question."))
        else:
            services.discard_draft(user=user, key=f"answer-{question.pk}")
            messages.success(request, _("Your answer has been posted."))
            return redirect(answer)
    context = _detail_context(request, question, answer_form=form)
    return render(request, TEMPLATE, context, status=400)
