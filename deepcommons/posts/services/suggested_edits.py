"""Suggested edits: members without the `edit_without_review` privilege
propose changes to others' posts; a reviewer approves (the change is
applied as the proposer's revision) or rejects them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.posts import hooks
from deepcommons.posts.models import Post, SuggestedEdit, SuggestedEditStatus
from deepcommons.posts.services.guards import check_can_write, check_not_locked
from deepcommons.posts.services.posts import (
    PostInput,
    _apply,
    check_new_tags,
    validate_post_input,
)

EDIT_COMMENT_MAX = 200


def _input_from(post: Post, *, title: str, body: str, tags: list[str]) -> PostInput:
    """The post's other fields as they are, with the suggested title, body and tags."""
    return PostInput(
        title=title,
        body=body,
        tags=tags,
        space=post.space,
        summary=post.summary,
        difficulty=post.difficulty,
        prerequisites=post.prerequisites,
        series=post.series,
        series_position=post.series_position,
        status=post.status,
    )


@transaction.atomic
def suggest_edit(*, post: Post, by: User, data: PostInput, comment: str = "") -> SuggestedEdit:
    """Propose `data`'s title, body and tags for `post` (one pending per member and post)."""
    check_can_write(by)
    check_not_locked(post, by)
    if not post.can_take_suggested_edit_from(by):
        raise PermissionDenied(_("You cannot suggest an edit to this post."))
    if len(comment) > EDIT_COMMENT_MAX:
        message = _("The edit summary is limited to %(max)d characters.")
        raise ValidationError({"comment": [message % {"max": EDIT_COMMENT_MAX}]})
    names = validate_post_input(kind=post.kind, data=data)
    current = [t.name for t in post.tags.all()] if post.is_top_level else []
    if post.is_top_level:
        check_new_tags(names=names, user=by, keep=current)
    title = data.title.strip() if post.is_top_level else ""
    if (title, data.body, names) == (post.title if post.is_top_level else "", post.body, current):
        raise ValidationError({"body": [_("Your edit changes nothing.")]})
    if SuggestedEdit.objects.filter(post=post, proposer=by, status="pending").exists():
        raise ValidationError(
            _("You already have a suggested edit waiting for review on this post.")
        )
    try:
        with transaction.atomic():
            return SuggestedEdit.objects.create(
                post=post, proposer=by, title=title, body=data.body, tags=names, comment=comment
            )
    except IntegrityError:
        raise ValidationError(
            _("You already have a suggested edit waiting for review on this post.")
        ) from None


def _pending_row(edit: SuggestedEdit) -> SuggestedEdit:
    row = SuggestedEdit.objects.select_for_update().get(pk=edit.pk)
    if row.status != SuggestedEditStatus.PENDING:
        raise ValidationError(_("This suggested edit has already been reviewed."))
    return row


@transaction.atomic
def approve_suggested_edit(*, edit: SuggestedEdit, by: User) -> Post:
    """Apply the edit as a revision by its proposer; publishes "edit-approved"."""
    if not edit.can_be_reviewed_by(by):
        raise PermissionDenied(_("You cannot review this suggested edit."))
    row = _pending_row(edit)
    post = Post.objects.select_related("parent").get(pk=row.post_id)
    if post.is_deleted:
        raise ValidationError(_("The post has been deleted."))
    data = _input_from(post, title=row.title, body=row.body, tags=row.tags)
    names = validate_post_input(kind=post.kind, data=data)
    _apply(post=post, data=data, names=names, by=row.proposer, note=row.comment)
    now = timezone.now()
    SuggestedEdit.objects.filter(pk=row.pk).update(
        status=SuggestedEditStatus.APPROVED, reviewer=by, reviewed_at=now
    )
    edit.status, edit.reviewer, edit.reviewed_at = SuggestedEditStatus.APPROVED, by, now
    edit.post = post
    hooks.publish("edit-approved", post, edit=edit, by=by)
    return post


@transaction.atomic
def reject_suggested_edit(*, edit: SuggestedEdit, by: User, reason: str = "") -> SuggestedEdit:
    """Turn the edit down, with `reason` shown to its proposer; publishes "edit-rejected"."""
    if not edit.can_be_reviewed_by(by):
        raise PermissionDenied(_("You cannot review this suggested edit."))
    row = _pending_row(edit)
    now = timezone.now()
    note = reason.strip()[:200]
    SuggestedEdit.objects.filter(pk=row.pk).update(
        status=SuggestedEditStatus.REJECTED, reviewer=by, reviewed_at=now, review_note=note
    )
    edit.status, edit.reviewer, edit.reviewed_at, edit.review_note = (
        SuggestedEditStatus.REJECTED,
        by,
        now,
        note,
    )
    hooks.publish("edit-rejected", edit.post, edit=edit, by=by, reason=note)
    return edit
