"""Discussions: replies in order, replies to replies, jump to the first unread."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.core.pagecache import cache_anonymous
from deepcommons.posts import services
from deepcommons.posts.forms import ChildForm, add_service_errors
from deepcommons.posts.models import Draft, Kind, Post, ReadMark, annotate_viewer_state
from deepcommons.posts.views.common import (
    counts_views,
    get_post_or_404,
    visible_posts,
)


def _context(
    request: HttpRequest, discussion: Post, form: ChildForm | None = None
) -> dict[str, Any]:
    prefetch_related_objects([discussion], "tags")
    replies = list(
        visible_posts(request)
        .filter(parent=discussion, kind=Kind.REPLY)
        .select_related("author", "reply_to__author")
        .order_by("created_at", "pk")
    )
    annotate_viewer_state([discussion, *replies], request.user)
    first_unread = None
    user = request.user
    if user.is_authenticated:
        mark = ReadMark.objects.filter(user=user, post=discussion).first()
        last_read = mark.last_read_reply_id if mark else 0
        first_unread = next((r for r in replies if r.pk > last_read), None)
        if replies:
            services.mark_read(user=user, discussion=discussion, reply_id=replies[-1].pk)
    if form is None:
        draft = (
            Draft.objects.filter(user=request.user, key=f"reply-{discussion.pk}").first()
            if request.user.is_authenticated
            else None
        )
        form = ChildForm(
            initial={"body": draft.body if draft else "", "reply_to": request.GET.get("reply_to")}
        )
        form.fields["body"].label = _("Your reply")
    return {
        "post": discussion,
        "replies": replies,
        "reply_form": form,
        "first_unread": first_unread,
        "reply_draft_key": f"reply-{discussion.pk}",
    }


@counts_views
@cache_anonymous
def discussion_detail(request: HttpRequest, post_id: int) -> HttpResponse:
    discussion = get_post_or_404(request, post_id, Kind.DISCUSSION)
    return render(request, "posts/discussion_detail.html", _context(request, discussion))


@login_required
@require_POST
def reply_create(request: AuthenticatedHttpRequest, post_id: int) -> HttpResponse:
    discussion = get_post_or_404(request, post_id, Kind.DISCUSSION)
    user = request.user
    form = ChildForm(request.POST)
    if form.is_valid():
        reply_to = None
        if form.cleaned_data.get("reply_to"):
            reply_to = Post.objects.filter(
                pk=form.cleaned_data["reply_to"], parent=discussion, kind=Kind.REPLY
            ).first()
        try:
            reply = services.create_child(
                parent=discussion, author=user, body=form.cleaned_data["body"], reply_to=reply_to
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error("body", str(exc) or _("You cannot reply here."))
        else:
            services.discard_draft(user=user, key=f"reply-{discussion.pk}")
            messages.success(request, _("Your reply has been posted."))
            return redirect(reply)
    return render(
        request, "posts/discussion_detail.html", _context(request, discussion, form), status=400
    )
