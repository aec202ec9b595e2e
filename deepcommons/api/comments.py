"""Comments on any post: list, add, read, edit and delete."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from deepcommons.api import common
from deepcommons.api.schemas import ERRORS, ErrorOut, OkOut
from deepcommons.posts import services
from deepcommons.posts.models import Comment

router = Router(tags=["content"])


class CommentIn(Schema):
    body: str


class CommentOut(Schema):
    id: int
    post_id: int
    author: str
    body: str
    body_html: str
    created_at: datetime
    edited_at: datetime | None


def _comment_out(comment: Comment) -> dict[str, Any]:
    return {
        "id": comment.pk,
        "post_id": comment.post_id,
        "author": comment.author.username,
        "body": comment.body,
        "body_html": comment.body_html,
        "created_at": comment.created_at,
        "edited_at": comment.edited_at,
    }


# Operation ids are those of the OpenAPI document from before this module was
# split out of api/content.py; clients generated from it use them.
@router.get(
    "/posts/{post_id}/comments",
    response={200: list[CommentOut], 404: ErrorOut},
    auth=None,
    operation_id="deepcommons_api_content_list_comments",
)
def list_comments(request: HttpRequest, post_id: int) -> list[dict[str, Any]]:
    post = common.any_visible_post(request, post_id)
    comments = Comment.objects.filter(post=post, deleted_at__isnull=True).select_related("author")
    return [_comment_out(c) for c in comments]


@router.post(
    "/posts/{post_id}/comments",
    response={201: CommentOut, **ERRORS},
    operation_id="deepcommons_api_content_create_comment",
)
def create_comment(request: HttpRequest, post_id: int, payload: CommentIn) -> Status:
    post = common.any_visible_post(request, post_id)
    comment = common.call(
        services.add_comment, post=post, author=common.signed_in_user(request), body=payload.body
    )
    return Status(201, _comment_out(comment))


@router.get(
    "/comments/{comment_id}",
    response={200: CommentOut, 404: ErrorOut},
    auth=None,
    operation_id="deepcommons_api_content_read_comment",
)
def read_comment(request: HttpRequest, comment_id: int) -> dict[str, Any]:
    comment = get_object_or_404(
        Comment.objects.select_related("author", "post"), pk=comment_id, deleted_at__isnull=True
    )
    if not comment.post.is_visible_to(request.user):
        raise Http404
    return _comment_out(comment)


@router.api_operation(
    ["PATCH", "PUT"],
    "/comments/{comment_id}",
    response={200: CommentOut, **ERRORS},
    operation_id="update_comment",
)
def update_comment(request: HttpRequest, comment_id: int, payload: CommentIn) -> dict[str, Any]:
    """Replace the text: the author at any time, moderators of the post too.

    An edit more than five minutes after posting sets `edited_at`."""
    user = common.signed_in_user(request)
    comment = get_object_or_404(
        Comment.objects.select_related("author", "post__parent"),
        pk=comment_id,
        deleted_at__isnull=True,
    )
    if not comment.post.is_visible_to(user):
        raise Http404
    common.call(services.edit_comment, comment=comment, by=user, body=payload.body)
    return _comment_out(comment)


@router.delete(
    "/comments/{comment_id}",
    response={200: OkOut, **ERRORS},
    operation_id="deepcommons_api_content_delete_comment",
)
def delete_comment(request: HttpRequest, comment_id: int) -> dict[str, Any]:
    comment = get_object_or_404(Comment, pk=comment_id, deleted_at__isnull=True)
    services.delete_comment(comment=comment, by=common.signed_in_user(request))
    return {"ok": True}
