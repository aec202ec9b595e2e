"""A suggested edit: its diff against the post, and the reviewer's approve or reject."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.core.diff import diff_lines
from deepcommons.posts import services
from deepcommons.posts.models import Kind, Revision, SuggestedEdit
from deepcommons.posts.views.common import get_post_or_404

ALL_KINDS = [k.value for k in Kind]


def _edit_or_404(request: AuthenticatedHttpRequest, edit_id: int) -> SuggestedEdit:
    """The edit, for its proposer and its reviewers only."""
    edit = get_object_or_404(SuggestedEdit.objects.select_related("proposer"), pk=edit_id)
    edit.post = get_post_or_404(request, edit.post_id, *ALL_KINDS)
    if edit.proposer_id != request.user.pk and not edit.can_be_reviewed_by(request.user):
        raise Http404
    return edit


@login_required
def suggested_edit_detail(request: AuthenticatedHttpRequest, edit_id: int) -> HttpResponse:
    edit = _edit_or_404(request, edit_id)
    post = edit.post
    current = Revision(
        title=post.title, body=post.body, tag_names=[t.name for t in post.tags.all()]
    )
    proposed = Revision(title=edit.title, body=edit.body, tag_names=edit.tags)
    return render(
        request,
        "posts/suggested_edit_detail.html",
        {
            "edit": edit,
            "post": post,
            "lines": diff_lines(current.as_text(), proposed.as_text()),
            "can_review": edit.is_pending and edit.can_be_reviewed_by(request.user),
        },
    )


@login_required
@require_POST
def suggested_edit_review(request: AuthenticatedHttpRequest, edit_id: int) -> HttpResponse:
    edit = _edit_or_404(request, edit_id)
    action = request.POST.get("action")
    try:
        if action == "approve":
            services.approve_suggested_edit(edit=edit, by=request.user)
            messages.success(request, _("The suggested edit has been applied."))
        elif action == "reject":
            reason = request.POST.get("reason", "")
            services.reject_suggested_edit(edit=edit, by=request.user, reason=reason)
            messages.success(request, _("The suggested edit has been rejected."))
        else:
            messages.error(request, _("Choose approve or reject."))
            return redirect("posts:suggested-edit-detail", edit_id=edit.pk)
    except (ValidationError, PermissionDenied) as exc:
        message = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, message or _("You cannot review this suggested edit."))
        return redirect("posts:suggested-edit-detail", edit_id=edit.pk)
    return redirect(edit.post.get_absolute_url())
