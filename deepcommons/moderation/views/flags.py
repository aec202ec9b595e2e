from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.accounts.models import User
from deepcommons.core.forms import add_service_errors
from deepcommons.moderation import services
from deepcommons.moderation.forms import FlagForm
from deepcommons.posts.models import Comment, Post
from deepcommons.social.models import Message


def flag_target(kind: str, target_id: int, user: Any) -> Any:
    """The post, comment, message or user to flag; 404 for what the member cannot see."""
    if kind == "post":
        post = get_object_or_404(Post.objects.select_related("parent", "author"), pk=target_id)
        # A deleted post is returned so the service can say why it cannot be
        # flagged; drafts and held posts stay hidden from everyone else.
        if not (post.is_visible_to(user) or (post.is_deleted and not post.is_draft)):
            raise Http404
        return post
    if kind == "comment":
        comment = get_object_or_404(Comment.objects.select_related("post"), pk=target_id)
        if not comment.post.is_visible_to(user):
            raise Http404
        return comment
    if kind == "message":
        message = get_object_or_404(Message.objects.select_related("sender"), pk=target_id)
        if not message.conversation.participants.active().filter(user=user).exists():
            raise Http404
        return message
    if kind == "user":
        return get_object_or_404(User.objects.active(), pk=target_id)
    raise Http404


def _back_url(target: Any) -> str:
    if isinstance(target, Comment):
        return target.post.get_absolute_url()
    if isinstance(target, Message):
        return target.conversation.get_absolute_url()
    return target.get_absolute_url()


@login_required
@require_http_methods(["GET", "POST"])
def flag_create(request: AuthenticatedHttpRequest, kind: str, target_id: int) -> HttpResponse:
    """Flag a post, comment, message (participants only) or user for the moderators."""
    target = flag_target(kind, target_id, request.user)
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.flag(
                flagger=request.user,
                target=target,
                reason=data["reason"],
                text=data["text"],
                duplicate_of=data["duplicate_of"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            flash.success(request, _("Thank you. Moderators will look at it."))
            return redirect(_back_url(target))
    return render(
        request,
        "moderation/flag_create.html",
        {"form": form, "target": target, "kind": kind, "back": _back_url(target)},
        status=400 if form.errors else 200,
    )
