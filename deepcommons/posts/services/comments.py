"""Comments on posts: adding, editing and deleting, with the post's comment count."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.posts import hooks, screening
from deepcommons.posts.models import COMMENT_EDIT_GRACE, COMMENT_MAX, Comment, Post, Status
from deepcommons.posts.services.guards import check_can_write, check_not_locked
from deepcommons.posts.services.posts import render_body


def _clean_comment_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise ValidationError({"body": [_("The comment cannot be empty.")]})
    if len(body) > COMMENT_MAX:
        raise ValidationError(
            {
                "body": [
                    _("The comment is %(n)d characters long; the limit is %(max)d.")
                    % {"n": len(body), "max": COMMENT_MAX}
                ]
            }
        )
    return body


@transaction.atomic
def add_comment(*, post: Post, author: User, body: str) -> Comment:
    """A comment by `author`: on their own post (or an answer to their own
    question) always, elsewhere with the `comment` privilege. Screens may
    refuse it (ValidationError)."""
    if not post.takes_comments:
        raise ValidationError(_("This kind of post does not take comments."))
    check_can_write(author)
    if post.is_deleted or post.status != Status.PUBLISHED:
        raise PermissionDenied
    check_not_locked(post, author)
    if not post.can_be_commented_by(author):
        raise PermissionDenied(author.privilege_refusal("comment"))
    body = _clean_comment_body(body)
    try:
        screening.screen(author=author, kind="comment", data={"body": body, "parent": post})
    except ValidationError as exc:
        raise ValidationError({"body": exc.messages}) from None
    comment = Comment.objects.create(
        post=post, author=author, body=body, body_html=render_body(body)
    )
    Post.objects.filter(pk=post.pk).update(comment_count=F("comment_count") + 1)
    Post.objects.filter(pk=post.thread.pk).update(last_activity_at=timezone.now())
    hooks.publish("commented", post, comment=comment)
    return comment


@transaction.atomic
def edit_comment(*, comment: Comment, by: User, body: str) -> Comment:
    """Replace a comment's text (same limits as a new one). The author may edit
    at any time, the post's moderators too; an edit later than
    COMMENT_EDIT_GRACE after posting is marked with `edited_at`."""
    check_can_write(by)
    if not comment.can_be_edited_by(by):
        raise PermissionDenied
    check_not_locked(comment.post, by)
    body = _clean_comment_body(body)
    if body == comment.body:
        return comment
    now = timezone.now()
    comment.body = body
    comment.body_html = render_body(body)
    fields = ["body", "body_html"]
    if now - comment.created_at > COMMENT_EDIT_GRACE:
        comment.edited_at = now
        fields.append("edited_at")
    comment.save(update_fields=fields)
    hooks.publish("comment-edited", comment.post, comment=comment, by=by)
    return comment


@transaction.atomic
def delete_comment(*, comment: Comment, by: User) -> None:
    if not comment.can_be_deleted_by(by):
        raise PermissionDenied
    if Comment.objects.filter(pk=comment.pk, deleted_at__isnull=True).update(
        deleted_at=timezone.now()
    ):
        Post.objects.filter(pk=comment.post_id).update(
            comment_count=Greatest(F("comment_count") - 1, 0)
        )
        hooks.publish("uncommented", comment.post, comment=comment)
