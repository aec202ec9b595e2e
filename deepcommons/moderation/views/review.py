from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.core.pagination import page_or_first
from deepcommons.moderation import services
from deepcommons.moderation.forms import ReviewForm
from deepcommons.moderation.models import CloseVote, Flag, Outcome, Queue, ReviewItem
from deepcommons.moderation.services.review import QUEUE_OUTCOMES
from deepcommons.moderation.views.common import author_history, error_text

PAGE_SIZE = 20
ITEM_QUEUES = (
    Queue.FIRST_POSTS,
    Queue.LATE_ANSWERS,
    Queue.LOW_QUALITY,
    Queue.CLOSE_VOTES,
    Queue.HELD,
)


def suggested_edit_model() -> Any:
    try:
        return apps.get_model("posts", "SuggestedEdit")
    except LookupError:
        return None


def _pending_edits() -> QuerySet[Any] | None:
    model = suggested_edit_model()
    if model is None:
        return None
    return model.objects.pending().select_related("post__author", "post__parent", "proposer")


def _tabs(user: Any) -> list[dict[str, Any]]:
    """Each queue the viewer may review, with its pending count (three queries)."""
    counts = ReviewItem.objects.counts()
    counts[Queue.FLAGS] = Flag.objects.open().count()
    edits = _pending_edits()
    counts[Queue.SUGGESTED_EDITS] = edits.count() if edits is not None else 0
    return [
        {"queue": queue, "label": queue.label, "count": counts.get(queue.value, 0)}
        for queue in Queue
        if services.can_review(user, queue)
    ]


@login_required
@require_GET
def review(request: AuthenticatedHttpRequest, queue: str = "") -> HttpResponse:
    """The review queues: one tab per queue, each item with its context and actions."""
    user = request.user
    if not services.can_review_any(user):
        raise PermissionDenied
    if not queue:
        queue = Queue.FIRST_POSTS if services.can_review(user) else Queue.SUGGESTED_EDITS
    if queue not in Queue.values:
        raise Http404
    if not services.can_review(user, queue):
        raise PermissionDenied
    cursor = request.GET.get("cursor", "")
    context: dict[str, Any] = {"tabs": _tabs(user), "queue": Queue(queue)}
    posts = []
    if queue in ITEM_QUEUES:
        page = page_or_first(
            ReviewItem.objects.pending().in_queue(queue).for_page(),
            field="created_at",
            cursor=cursor,
            per_page=PAGE_SIZE,
        )
        items = page.items
        context["next_cursor"] = page.next_cursor
        posts = [item.post for item in items]
        outcomes = [(o, Outcome(o).label) for o in QUEUE_OUTCOMES[queue]]
        context.update(items=items, outcomes=outcomes)
    elif queue == Queue.FLAGS:
        flag_page = page_or_first(
            Flag.objects.open().for_queue().select_related("flagger__flagger_record"),
            field="created_at",
            cursor=cursor,
            per_page=PAGE_SIZE,
        )
        context["flags"] = flag_page.items
        context["next_cursor"] = flag_page.next_cursor
        posts = [f.post for f in flag_page.items if f.post is not None]
    else:
        edits = _pending_edits()
        if edits is None:
            context["edits"] = []
        else:
            edit_page = page_or_first(
                edits, field="created_at", cursor=cursor, per_page=PAGE_SIZE, descending=False
            )
            context["edits"] = edit_page.items
            context["next_cursor"] = edit_page.next_cursor
            posts = [e.post for e in edit_page.items]
    post_ids = [p.pk for p in posts]
    history = author_history({p.author_id for p in posts})
    flags_by_post: dict[int, list[Flag]] = {}
    votes_by_post: dict[int, list[CloseVote]] = {}
    if queue != Queue.FLAGS and post_ids:
        for f in Flag.objects.open().filter(post_id__in=post_ids).select_related("flagger"):
            flags_by_post.setdefault(f.post_id, []).append(f)  # type: ignore[arg-type]
    if queue == Queue.CLOSE_VOTES and post_ids:
        for v in CloseVote.objects.active().filter(post_id__in=post_ids).select_related("voter"):
            votes_by_post.setdefault(v.post_id, []).append(v)
    for post in posts:
        post.history = history.get(post.author_id, {"posts": 0, "deleted": 0})  # type: ignore[attr-defined]
        post.open_flags = flags_by_post.get(post.pk, [])  # type: ignore[attr-defined]
        post.active_close_votes = votes_by_post.get(post.pk, [])  # type: ignore[attr-defined]
    return render(request, "moderation/review.html", context)


def _back(item_queue: str) -> HttpResponse:
    return redirect(reverse("moderation:review-queue", args=[item_queue]))


@login_required
@require_POST
def review_decide(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    item = get_object_or_404(ReviewItem, pk=item_id)
    if not services.can_review(request.user, item.queue):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    if not form.is_valid():
        flash.error(request, _("Choose one of the actions."))
        return _back(item.queue)
    outcome = form.cleaned_data["outcome"]
    try:
        services.review_item(
            item=item, outcome=outcome, by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        flash.error(request, error_text(error))
        return _back(item.queue)
    if outcome == Outcome.EDITED:
        return redirect(reverse("posts:post-edit", args=[item.post_id]))
    flash.success(request, _("Reviewed."))
    return _back(item.queue)


@login_required
@require_POST
def flag_decide(request: AuthenticatedHttpRequest, flag_id: int) -> HttpResponse:
    """Mark a flag helpful or declined; "delete" also deletes the flagged post."""
    flag = get_object_or_404(Flag.objects.select_related("post", "comment"), pk=flag_id)
    if not services.can_handle_flags(request.user):
        raise PermissionDenied
    decision = request.POST.get("decision", "")
    if decision not in ("helpful", "declined", "delete"):
        flash.error(request, _("Choose one of the actions."))
        return _back(Queue.FLAGS)
    note = request.POST.get("note", "")[:500]
    try:
        if decision == "delete" and flag.post is not None and not flag.post.is_deleted:
            services.delete_post(post=flag.post, by=request.user, reason=note)
            services.resolve_flags_on_post(post=flag.post, helpful=True, by=request.user)
        elif decision == "delete" and flag.comment is not None:
            services.delete_comment(comment=flag.comment, by=request.user, reason=note)
        services.resolve_flags(
            flags=[flag], helpful=decision != "declined", by=request.user, note=note
        )
    except ValidationError as error:
        flash.error(request, error_text(error))
    else:
        flash.success(request, _("Flag handled."))
    return _back(Queue.FLAGS)


@login_required
@require_POST
def edit_decide(request: AuthenticatedHttpRequest, edit_id: int) -> HttpResponse:
    model = suggested_edit_model()
    if model is None:
        raise Http404
    edit = get_object_or_404(model.objects.select_related("post"), pk=edit_id)
    if not services.can_review(request.user, Queue.SUGGESTED_EDITS):
        raise PermissionDenied
    approve = request.POST.get("decision") == "approve"
    try:
        services.review_suggested_edit(
            edit=edit, approve=approve, by=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        flash.error(request, error_text(error))
    else:
        flash.success(request, _("Edit approved.") if approve else _("Edit rejected."))
    return _back(Queue.SUGGESTED_EDITS)
