"""Actions on any post: vote, accept, bookmark, delete and undelete (comments: comments.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.core.htmx import is_htmx
from deepcommons.posts import services
from deepcommons.posts.models import Kind, Post, annotate_viewer_state
from deepcommons.posts.views.common import get_post_or_404

ALL_KINDS = [k.value for k in Kind]


def _back(post: Post) -> HttpResponse:
    return redirect(post.get_absolute_url())


@login_required
@require_POST
def post_vote(request: AuthenticatedHttpRequest, post_id: int) -> HttpResponse:
    post = get_post_or_404(request, post_id, *ALL_KINDS)
    user = request.user
    try:
        value = int(request.POST.get("value", ""))
        services.vote(post=post, user=user, value=value)
    except (ValueError, ValidationError) as exc:
        message = exc.messages[0] if isinstance(exc, ValidationError) else _("Invalid vote.")
        if is_htmx(request):
            return HttpResponse(message, status=400)
        messages.error(request, message)
        return _back(post)
    except PermissionDenied as exc:
        message = str(exc) or _("You cannot vote on this post.")
        if is_htmx(request):
            return HttpResponse(message, status=403)
        messages.error(request, message)
        return _back(post)
    if is_htmx(request):
        post.refresh_from_db(fields=["score", "upvotes", "downvotes"])
        annotate_viewer_state([post], user)
        context = {"post": post, "can_see_split": user.can_see_vote_split()}
        return render(request, "posts/_parts.html#vote-box", context)
    return _back(post)


@login_required
@require_POST
def answer_accept(request: AuthenticatedHttpRequest, post_id: int) -> HttpResponse:
    answer = get_post_or_404(request, post_id, Kind.ANSWER)
    user = request.user
    question = answer.parent
    assert question is not None
    if question.accepted_answer_id == answer.pk:
        services.unaccept_answer(question=question, by=user)
        messages.success(request, _("The answer is no longer accepted."))
    else:
        try:
            services.accept_answer(answer=answer, by=user)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("You accepted this answer."))
    return _back(answer)


@login_required
@require_POST
def post_bookmark(request: AuthenticatedHttpRequest, post_id: int) -> HttpResponse:
    post = get_post_or_404(request, post_id, *ALL_KINDS)
    user = request.user
    if request.POST.get("action") == "remove":
        services.unbookmark_post(post=post, user=user)
    else:
        services.bookmark_post(post=post, user=user)
    if is_htmx(request):
        post.refresh_from_db(fields=["bookmark_count"])
        annotate_viewer_state([post], user)
        return render(request, "posts/_parts.html#bookmark-button", {"post": post})
    return _back(post)


@login_required
@require_POST
def post_delete(request: AuthenticatedHttpRequest, post_id: int) -> HttpResponse:
    post = get_post_or_404(request, post_id, *ALL_KINDS)
    services.delete_post(post=post, by=request.user)
    messages.success(request, _("The post has been deleted. You can still undelete it."))
    return _back(post)


@login_required
@require_POST
def post_undelete(request: AuthenticatedHttpRequest, post_id: int) -> HttpResponse:
    post = get_post_or_404(request, post_id, *ALL_KINDS)
    services.undelete_post(post=post, by=request.user)
    messages.success(request, _("The post has been restored."))
    return _back(post)
