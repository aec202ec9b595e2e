"""Editing any post, its revision history, diffs and rollback."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.core.diff import diff_lines
from deepcommons.posts import services
from deepcommons.posts.forms import (
    ArticleForm,
    ChildForm,
    DiscussionForm,
    QuestionForm,
    TutorialForm,
    add_service_errors,
)
from deepcommons.posts.models import Kind, Post, Revision
from deepcommons.posts.services import PostInput
from deepcommons.posts.views.common import get_post_or_404

ALL_KINDS = [k.value for k in Kind]
FORMS: dict[str, type[Form]] = {
    Kind.QUESTION: QuestionForm,
    Kind.DISCUSSION: DiscussionForm,
    Kind.ARTICLE: ArticleForm,
    Kind.TUTORIAL: TutorialForm,
    Kind.ANSWER: ChildForm,
    Kind.REPLY: ChildForm,
}


def _initial(post: Post) -> dict[str, Any]:
    return {
        "title": post.title,
        "body": post.body,
        "tags": " ".join(t.name for t in post.tags.all()),
        "space": post.space_id,
        "summary": post.summary,
        "series": post.series_id,
        "series_position": post.series_position,
        "difficulty": post.difficulty,
        "prerequisites": post.prerequisites,
        "publish": post.status == "published",
    }


def _make_form(post: Post, *args: Any, **kwargs: Any) -> Form:
    form_class = FORMS[post.kind]
    if issubclass(form_class, ArticleForm):
        # The author's series, also when a moderator edits.
        return form_class(*args, author=post.author, **kwargs)
    return form_class(*args, **kwargs)


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request: AuthenticatedHttpRequest, post_id: int) -> HttpResponse:
    """Edit directly (the author, moderators, members with `edit_without_review`),
    or suggest an edit for review (other members)."""
    post = get_post_or_404(request, post_id, *ALL_KINDS)
    user = request.user
    suggesting = not post.can_be_edited_by(user)
    if suggesting and not post.can_take_suggested_edit_from(user):
        if post.is_locked:
            raise PermissionDenied(_("This post is locked: only moderators can change it."))
        raise PermissionDenied
    if request.method == "POST":
        form = _make_form(post, request.POST, request.FILES)
        if form.is_valid():
            data = (
                form.to_input()  # type: ignore[attr-defined]
                if hasattr(form, "to_input")
                else PostInput(body=form.cleaned_data["body"])
            )
            comment = request.POST.get("edit_comment", "")
            try:
                if suggesting:
                    services.suggest_edit(post=post, by=user, data=data, comment=comment)
                else:
                    services.edit_post(post=post, by=user, data=data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc) or _("You cannot edit this post."))
            else:
                if suggesting:
                    messages.success(
                        request,
                        _("Thank you! Your edit will be reviewed before it appears on the post."),
                    )
                else:
                    messages.success(request, _("Your changes have been saved."))
                return redirect(post.get_absolute_url())
    else:
        form = _make_form(post, initial=_initial(post))
    return render(
        request,
        "posts/post_form.html",
        {
            "form": form,
            "kind": post.kind,
            "post": post,
            "editing": True,
            "suggesting": suggesting,
            "edit_comment": request.POST.get("edit_comment", ""),
        },
        status=400 if form.errors else 200,
    )


def _revisions_of(request: HttpRequest, post_id: int) -> tuple[Post, list[Revision]]:
    post = get_post_or_404(request, post_id, *ALL_KINDS)
    revisions = list(post.revisions.select_related("author"))
    return post, revisions


def post_revisions(request: HttpRequest, post_id: int) -> HttpResponse:
    post, revisions = _revisions_of(request, post_id)
    return render(
        request,
        "posts/revision_list.html",
        {"post": post, "revisions": revisions, "can_edit": post.can_be_edited_by(request.user)},
    )


def revision_diff(request: HttpRequest, post_id: int) -> HttpResponse:
    """Side-by-side diff of revisions `a` (older) and `b` (newer)."""
    post, revisions = _revisions_of(request, post_id)
    by_number = {r.number: r for r in revisions}
    try:
        a = by_number[int(request.GET.get("a", ""))]
        b = by_number[int(request.GET.get("b", ""))]
    except (KeyError, ValueError):
        if len(revisions) < 2:
            messages.info(request, _("This post has only one revision."))
            return redirect("posts:post-revisions", post_id=post.pk)
        b, a = revisions[0], revisions[1]
    return render(
        request,
        "posts/revision_diff.html",
        {
            "post": post,
            "a": a,
            "b": b,
            "lines": diff_lines(a.as_text(), b.as_text()),
            "old_label": _("Revision %(n)d") % {"n": a.number},
            "new_label": _("Revision %(n)d") % {"n": b.number},
            "revisions": revisions,
        },
    )


@login_required
@require_POST
def revision_rollback(request: AuthenticatedHttpRequest, post_id: int, number: int) -> HttpResponse:
    post = get_post_or_404(request, post_id, *ALL_KINDS)
    revision = get_object_or_404(Revision, post=post, number=number)
    try:
        services.rollback_post(post=post, revision=revision, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Rolled back to revision %(n)d.") % {"n": number})
    return redirect(post.get_absolute_url())
