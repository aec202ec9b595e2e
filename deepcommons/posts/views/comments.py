"""Comments on questions, answers, articles and tutorials: add, edit, delete.

Each works with htmx (the fragment is swapped in place) and without
JavaScript (a plain page and a redirect back to the post).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.core.htmx import is_htmx
from deepcommons.posts import services
from deepcommons.posts.forms import CommentForm, add_service_errors
from deepcommons.posts.models import Comment, Kind, Post
from deepcommons.posts.views.common import (
    comments_prefetch,
    get_post_or_404,
    moderates,
)

ALL_KINDS = [k.value for k in Kind]


def _back(post: Post) -> HttpResponse:
    return redirect(post.get_absolute_url())


@login_required
@require_POST
def comment_create(request: AuthenticatedHttpRequest, post_id: int) -> HttpResponse:
    post = get_post_or_404(request, post_id, *ALL_KINDS)
    user = request.user
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.add_comment(post=post, author=user, body=form.cleaned_data["body"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error("body", str(exc) or _("You cannot comment on this post."))
        else:
            if is_htmx(request):
                return _comment_block(request, post, CommentForm())
            return _back(post)
    if is_htmx(request):
        return _comment_block(request, post, form)
    # Without JavaScript: show the form again with the text and the message.
    return render(request, "posts/comment_form.html", {"post": post, "form": form}, status=400)


def _comment_block(request: HttpRequest, post: Post, form: CommentForm) -> HttpResponse:
    post = Post.objects.get(pk=post.pk)
    prefetch_related_objects([post], comments_prefetch(request))
    return render(request, "posts/_parts.html#comments", {"post": post, "comment_form": form})


def _get_comment(request: HttpRequest, comment_id: int) -> Comment:
    """A live comment on a post the viewer may see (else 404)."""
    comment = get_object_or_404(Comment.objects.select_related("author"), pk=comment_id)
    if comment.is_deleted:
        raise Http404
    # Loads the post with its thread, so later permission checks cost nothing.
    comment.post = get_post_or_404(request, comment.post_id, *ALL_KINDS)
    return comment


@require_GET
def comment_detail(request: HttpRequest, comment_id: int) -> HttpResponse:
    """The comment as shown on its post (htmx: "Cancel" while editing)."""
    comment = _get_comment(request, comment_id)
    if not is_htmx(request):
        return _back(comment.post)
    context = {"comment": comment, "post": comment.post, "mod": moderates(request, comment.post)}
    return render(request, "posts/_parts.html#comment", context)


@login_required
@require_http_methods(["GET", "POST"])
def comment_edit(request: AuthenticatedHttpRequest, comment_id: int) -> HttpResponse:
    """The author (at any time) or a moderator of the post edits a comment in place."""
    comment = _get_comment(request, comment_id)
    user = request.user
    mod = moderates(request, comment.post)
    if not comment.can_be_edited_by(user, is_moderator=mod):
        raise PermissionDenied
    if request.method == "POST":
        form = CommentForm(request.POST)
        if form.is_valid():
            try:
                services.edit_comment(comment=comment, by=user, body=form.cleaned_data["body"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if is_htmx(request):
                    context = {"comment": comment, "post": comment.post, "mod": mod}
                    return render(request, "posts/_parts.html#comment", context)
                return _back(comment.post)
    else:
        form = CommentForm(initial={"body": comment.body})
    context = {"comment": comment, "post": comment.post, "form": form, "editing": True}
    if is_htmx(request):
        # htmx swaps only 2xx answers, so the form with its errors comes back as 200.
        return render(request, "posts/_parts.html#comment-edit-form", context)
    return render(request, "posts/comment_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def comment_delete(request: AuthenticatedHttpRequest, comment_id: int) -> HttpResponse:
    comment = get_object_or_404(Comment.objects.select_related("post"), pk=comment_id)
    if comment.deleted_at is not None:
        raise Http404
    services.delete_comment(comment=comment, by=request.user)
    return _back(comment.post)
