from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.moderation import services
from deepcommons.moderation.forms import CloseForm, MergeForm, MoveForm, ReasonForm
from deepcommons.moderation.models import CloseVote, Flag
from deepcommons.moderation.views.common import error_text
from deepcommons.posts.models import Kind, Post


def _post(post_id: int) -> Post:
    return get_object_or_404(Post.objects.select_related("parent", "space", "author"), pk=post_id)


def _can_moderate(post: Post, user: Any) -> bool:
    return bool(
        user.is_authenticated and (post.is_moderated_by(user) or user.can_use_moderation_tools())
    )


@require_GET
def post_panel(request: HttpRequest, post_id: int) -> HttpResponse:
    """The flag button for members and the moderator buttons, loaded by htmx into a post."""
    user = request.user
    if not user.is_authenticated:
        return HttpResponse(status=204)
    post = _post(post_id)
    if not post.is_visible_to(user):
        raise Http404
    moderates = _can_moderate(post, user)
    context: dict[str, Any] = {
        "post": post,
        "moderates": moderates,
        "is_question": post.kind == Kind.QUESTION,
        "can_flag": post.author_id != user.pk and not post.is_deleted,
        "has_open_flag": Flag.objects.open().filter(post=post, flagger=user).exists(),
    }
    if post.kind == Kind.QUESTION and user.can_vote_to_close():
        context["my_close_vote"] = CloseVote.objects.active().filter(post=post, voter=user).first()
        context["close_votes"] = CloseVote.objects.active().filter(post=post).count()
        context["votes_needed"] = services.votes_needed()
        context["close_form"] = CloseForm(auto_id=f"close-{post.pk}-%s")
    if moderates:
        context["move_form"] = MoveForm(auto_id=f"move-{post.pk}-%s")
        context["merge_form"] = MergeForm(auto_id=f"merge-{post.pk}-%s")
        context["open_flags"] = Flag.objects.open().filter(post=post).count()
    return render(request, "moderation/post_panel.html", context)


def _toggle(name: str) -> Callable[..., Any]:
    return getattr(services, name)  # type: ignore[no-any-return]


SIMPLE_ACTIONS = {
    "lock": "lock_post",
    "unlock": "unlock_post",
    "pin": "pin_post",
    "unpin": "unpin_post",
    "feature": "feature_post",
    "unfeature": "unfeature_post",
    "reopen": "reopen_post",
    "delete": "delete_post",
    "undelete": "undelete_post",
    "release": "release_post",
}


@login_required
@require_POST
def post_action(request: AuthenticatedHttpRequest, post_id: int, action: str) -> HttpResponse:
    """One moderator action on a post; errors come back as a message on the post."""
    post = _post(post_id)
    if not post.is_visible_to(request.user):
        raise Http404
    if not _can_moderate(post, request.user):
        raise PermissionDenied
    reason = ReasonForm(request.POST)
    note = reason.cleaned_data["reason"] if reason.is_valid() else ""
    try:
        if action in SIMPLE_ACTIONS:
            kwargs: dict[str, Any] = {"post": post, "by": request.user}
            if action != "reopen":
                kwargs["reason"] = note
            _toggle(SIMPLE_ACTIONS[action])(**kwargs)
        elif action == "close":
            form = CloseForm(request.POST)
            if not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            services.close_post(
                post=post,
                by=request.user,
                reason=form.cleaned_data["reason"],
                duplicate_of=form.cleaned_data["duplicate_of"],
            )
        elif action == "move":
            move = MoveForm(request.POST)
            if not move.is_valid():
                raise ValidationError([e for errors in move.errors.values() for e in errors])
            services.move_post(post=post, space=move.cleaned_data["space"], by=request.user)
        elif action == "merge":
            merge = MergeForm(request.POST)
            if not merge.is_valid():
                raise ValidationError([e for errors in merge.errors.values() for e in errors])
            target = services.merge_questions(
                source=post, target=merge.cleaned_data["target"], by=request.user, reason=note
            )
            flash.success(request, _("Merged."))
            return redirect(target)
        else:
            raise Http404
    except ValidationError as error:
        flash.error(request, error_text(error))
    else:
        flash.success(request, _("Done."))
    return redirect(post.get_absolute_url())


@login_required
@require_POST
def close_vote(request: AuthenticatedHttpRequest, post_id: int) -> HttpResponse:
    post = _post(post_id)
    if not post.is_visible_to(request.user):
        raise Http404
    kind = request.POST.get("kind", "close")
    form = CloseForm(request.POST)
    try:
        if request.POST.get("retract"):
            services.retract_close_vote(post=post, voter=request.user)
        else:
            duplicate_of = None
            reason = ""
            if kind == "close":
                if not form.is_valid():
                    raise ValidationError([e for errors in form.errors.values() for e in errors])
                reason = form.cleaned_data["reason"]
                duplicate_of = form.cleaned_data["duplicate_of"]
            services.cast_close_vote(
                post=post, voter=request.user, kind=kind, reason=reason, duplicate_of=duplicate_of
            )
    except ValidationError as error:
        flash.error(request, error_text(error))
    else:
        flash.success(request, _("Your vote is counted."))
    return redirect(post.get_absolute_url())
