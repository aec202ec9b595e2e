"""Endpoints for posts, comments, votes and bookmarks. They call the same
services as the pages, so rules (limits, permissions, counters) are shared."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from deepcommons.accounts.models import User
from deepcommons.api.api import api
from deepcommons.api.schemas import ErrorOut
from deepcommons.core.pagination import keyset_page
from deepcommons.posts import services
from deepcommons.posts.models import Comment, Kind, Post
from deepcommons.posts.querysets import SORT_FIELDS
from deepcommons.posts.services import PostInput
from deepcommons.spaces.models import Space

router = Router(tags=["content"])
PER_PAGE = 20
TOP_KINDS = {
    "questions": Kind.QUESTION,
    "discussions": Kind.DISCUSSION,
    "articles": Kind.ARTICLE,
    "tutorials": Kind.TUTORIAL,
}
CHILD_KINDS = {"answers": Kind.ANSWER, "replies": Kind.REPLY}
ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class PostIn(Schema):
    title: str = ""
    body: str
    tags: list[str] | str = []
    space: str | None = None
    summary: str = ""
    difficulty: str = ""
    prerequisites: str = ""
    draft: bool = False


class PostPatch(Schema):
    title: str | None = None
    body: str | None = None
    tags: list[str] | str | None = None
    space: str | None = None
    summary: str | None = None
    difficulty: str | None = None
    prerequisites: str | None = None


class ChildIn(Schema):
    body: str
    reply_to: int | None = None


class CommentIn(Schema):
    body: str


class VoteIn(Schema):
    value: int


class PostOut(Schema):
    id: int
    kind: str
    status: str
    title: str
    summary: str
    body: str
    body_html: str
    author: str
    space: str | None
    tags: list[str]
    score: int
    answer_count: int
    comment_count: int
    view_count: int
    accepted_answer_id: int | None
    parent_id: int | None
    reply_to_id: int | None
    difficulty: str
    reading_minutes: int
    created_at: datetime
    edited_at: datetime | None
    is_deleted: bool
    url: str


class PostPage(Schema):
    items: list[PostOut]
    next_cursor: str | None


class CommentOut(Schema):
    id: int
    post_id: int
    author: str
    body: str
    body_html: str
    created_at: datetime
    edited_at: datetime | None


class VoteOut(Schema):
    post_id: int
    value: int
    score: int


class OkOut(Schema):
    ok: bool


def _post_out(post: Post) -> dict[str, Any]:
    tags = [t.name for t in post.tags.all()] if post.is_top_level else []
    return {
        "id": post.pk,
        "kind": post.kind,
        "status": post.status,
        "title": post.title,
        "summary": post.summary,
        "body": post.body,
        "body_html": post.body_html,
        "author": post.author.username,
        "space": post.space.slug if post.space else None,
        "tags": tags,
        "score": post.score,
        "answer_count": post.answer_count,
        "comment_count": post.comment_count,
        "view_count": post.view_count,
        "accepted_answer_id": post.accepted_answer_id,
        "parent_id": post.parent_id,
        "reply_to_id": post.reply_to_id,
        "difficulty": post.difficulty,
        "reading_minutes": post.reading_minutes,
        "created_at": post.created_at,
        "edited_at": post.edited_at,
        "is_deleted": post.is_deleted,
        "url": post.get_absolute_url(),
    }


def _user(request: HttpRequest) -> User:
    user = request.user
    if not user.is_authenticated:
        raise HttpError(401, "Authentication required.")
    return user  # type: ignore[return-value]


def _get(request: HttpRequest, post_id: int, kind: str) -> Post:
    post = get_object_or_404(
        Post.objects.select_related("author", "space", "parent"), pk=post_id, kind=kind
    )
    if not post.is_visible_to(request.user):
        raise Http404
    if post.parent is not None and not post.parent.is_visible_to(request.user):
        raise Http404
    prefetch_related_objects([post], "tags")
    return post


def _space(slug: str | None) -> Space | None:
    if not slug:
        return None
    space = Space.objects.filter(slug=slug).first()
    if space is None:
        raise HttpError(400, f"Unknown space: {slug}")
    return space


def _call(fn: Any, **kwargs: Any) -> Any:
    """Run a service; its ValidationError becomes a 400 with per-field messages."""
    try:
        return fn(**kwargs)
    except ValidationError as exc:
        errors = (
            [{"field": f, "message": m} for f, ms in exc.message_dict.items() for m in ms]
            if hasattr(exc, "error_dict")
            else [{"field": None, "message": m} for m in exc.messages]
        )
        raise _BadRequest(errors) from None


class _BadRequest(Exception):
    def __init__(self, errors: list[dict[str, Any]]) -> None:
        self.errors = errors


@api.exception_handler(_BadRequest)
def _on_bad_request(request: HttpRequest, exc: _BadRequest) -> Any:
    message = exc.errors[0]["message"] if exc.errors else "Bad request."
    return api.create_response(request, {"message": message, "errors": exc.errors}, status=400)


def _register_top_level(plural: str, kind: str) -> None:
    @router.get(
        f"/{plural}",
        response={200: PostPage, 400: ErrorOut},
        auth=None,
        operation_id=f"list_{plural}",
    )
    def list_posts(
        request: HttpRequest,
        sort: str = "latest",
        cursor: str = "",
        space: str | None = None,
        tag: str | None = None,
    ) -> dict[str, Any]:
        """Published posts; sort is latest, active, hot, top or unanswered."""
        if sort not in SORT_FIELDS:
            raise HttpError(400, "sort must be one of: " + ", ".join(SORT_FIELDS))
        queryset = Post.objects.visible_to(request.user).published().filter(kind=kind)
        if space:
            queryset = queryset.filter(space__slug=space)
        if tag:
            queryset = queryset.filter(tags__name=tag)
        if sort == "unanswered":
            queryset = queryset.unanswered()
        page = keyset_page(
            queryset.for_list(), field=SORT_FIELDS[sort], cursor=cursor, per_page=PER_PAGE
        )
        return {"items": [_post_out(p) for p in page.items], "next_cursor": page.next_cursor}

    @router.post(
        f"/{plural}", response={201: PostOut, **ERRORS}, operation_id=f"create_{plural[:-1]}"
    )
    def create(request: HttpRequest, payload: PostIn) -> Status:
        data = PostInput(
            title=payload.title,
            body=payload.body,
            tags=payload.tags,
            space=_space(payload.space),
            summary=payload.summary,
            difficulty=payload.difficulty,
            prerequisites=payload.prerequisites,
            status="draft" if payload.draft else "published",
        )
        post = _call(services.create_post, author=_user(request), kind=kind, data=data)
        return Status(201, _post_out(post))

    _add_item_routes(plural, kind, name=plural[:-1])


def _add_item_routes(plural: str, kind: str, *, name: str) -> None:
    """GET, PATCH and DELETE /<plural>/<post_id> for one kind of post."""

    @router.get(
        f"/{plural}/{{post_id}}",
        response={200: PostOut, 404: ErrorOut},
        auth=None,
        operation_id=f"get_{name}",
    )
    def read(request: HttpRequest, post_id: int) -> dict[str, Any]:
        return _post_out(_get(request, post_id, kind))

    @router.patch(
        f"/{plural}/{{post_id}}",
        response={200: PostOut, **ERRORS},
        operation_id=f"update_{name}",
    )
    def update(request: HttpRequest, post_id: int, payload: PostPatch) -> dict[str, Any]:
        return _update(request, _get(request, post_id, kind), payload)

    @router.delete(
        f"/{plural}/{{post_id}}",
        response={200: OkOut, **ERRORS},
        operation_id=f"delete_{name}",
    )
    def delete(request: HttpRequest, post_id: int) -> dict[str, Any]:
        services.delete_post(post=_get(request, post_id, kind), by=_user(request))
        return {"ok": True}


def _update(request: HttpRequest, post: Post, payload: PostPatch) -> dict[str, Any]:
    user = _user(request)
    if not post.can_be_edited_by(user):
        raise PermissionDenied
    current_tags = [t.name for t in post.tags.all()]
    data = PostInput(
        title=payload.title if payload.title is not None else post.title,
        body=payload.body if payload.body is not None else post.body,
        tags=payload.tags if payload.tags is not None else current_tags,
        space=_space(payload.space) if payload.space is not None else post.space,
        summary=payload.summary if payload.summary is not None else post.summary,
        difficulty=payload.difficulty if payload.difficulty is not None else post.difficulty,
        prerequisites=(
            payload.prerequisites if payload.prerequisites is not None else post.prerequisites
        ),
        series=post.series,
        series_position=post.series_position,
        status=post.status,
    )
    _call(services.edit_post, post=post, by=user, data=data)
    post = _get(request, post.pk, post.kind)
    return _post_out(post)


def _register_children(plural: str, kind: str, parent_plural: str, parent_kind: str) -> None:
    @router.get(
        f"/{parent_plural}/{{post_id}}/{plural}",
        response={200: list[PostOut], 404: ErrorOut},
        auth=None,
        operation_id=f"list_{plural}",
    )
    def list_children(request: HttpRequest, post_id: int) -> list[dict[str, Any]]:
        parent = _get(request, post_id, parent_kind)
        children = (
            Post.objects.visible_to(request.user)
            .filter(parent=parent, kind=kind)
            .select_related("author", "space")
            .order_by("created_at", "pk")
        )
        return [_post_out(c) for c in children]

    @router.post(
        f"/{parent_plural}/{{post_id}}/{plural}",
        response={201: PostOut, **ERRORS},
        operation_id=f"create_{plural}",
    )
    def create_child(request: HttpRequest, post_id: int, payload: ChildIn) -> Status:
        parent = _get(request, post_id, parent_kind)
        reply_to = None
        if payload.reply_to:
            reply_to = Post.objects.filter(pk=payload.reply_to, parent=parent).first()
        child = _call(
            services.create_child,
            parent=parent,
            author=_user(request),
            body=payload.body,
            reply_to=reply_to,
        )
        return Status(201, _post_out(child))

    _add_item_routes(plural, kind, name=f"{plural}_item")


for _plural, _kind in TOP_KINDS.items():
    _register_top_level(_plural, _kind)
_register_children("answers", Kind.ANSWER, "questions", Kind.QUESTION)
_register_children("replies", Kind.REPLY, "discussions", Kind.DISCUSSION)


def _any_post(request: HttpRequest, post_id: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("author", "parent"), pk=post_id)
    if not post.is_visible_to(request.user):
        raise Http404
    return post


@router.post("/answers/{post_id}/accept", response={200: PostOut, **ERRORS})
def accept(request: HttpRequest, post_id: int) -> dict[str, Any]:
    """The asker accepts this answer (replacing an earlier choice)."""
    answer = _get(request, post_id, Kind.ANSWER)
    _call(services.accept_answer, answer=answer, by=_user(request))
    assert answer.parent_id is not None
    return _post_out(_get(request, answer.parent_id, Kind.QUESTION))


@router.delete("/answers/{post_id}/accept", response={200: PostOut, **ERRORS})
def unaccept(request: HttpRequest, post_id: int) -> dict[str, Any]:
    answer = _get(request, post_id, Kind.ANSWER)
    assert answer.parent is not None
    services.unaccept_answer(question=answer.parent, by=_user(request))
    return _post_out(_get(request, answer.parent.pk, Kind.QUESTION))


@router.post("/posts/{post_id}/vote", response={200: VoteOut, **ERRORS})
def vote(request: HttpRequest, post_id: int, payload: VoteIn) -> dict[str, Any]:
    """value: 1 (up or like), -1 (down; questions and answers only) or 0 (retract)."""
    post = _any_post(request, post_id)
    value = _call(services.vote, post=post, user=_user(request), value=payload.value)
    post.refresh_from_db(fields=["score"])
    return {"post_id": post.pk, "value": value, "score": post.score}


@router.post("/posts/{post_id}/bookmark", response={200: OkOut, **ERRORS})
def bookmark(request: HttpRequest, post_id: int) -> dict[str, Any]:
    services.bookmark_post(post=_any_post(request, post_id), user=_user(request))
    return {"ok": True}


@router.delete("/posts/{post_id}/bookmark", response={200: OkOut, **ERRORS})
def unbookmark(request: HttpRequest, post_id: int) -> dict[str, Any]:
    services.unbookmark_post(post=_any_post(request, post_id), user=_user(request))
    return {"ok": True}


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


@router.get("/posts/{post_id}/comments", response={200: list[CommentOut], 404: ErrorOut}, auth=None)
def list_comments(request: HttpRequest, post_id: int) -> list[dict[str, Any]]:
    post = _any_post(request, post_id)
    comments = Comment.objects.filter(post=post, deleted_at__isnull=True).select_related("author")
    return [_comment_out(c) for c in comments]


@router.post("/posts/{post_id}/comments", response={201: CommentOut, **ERRORS})
def create_comment(request: HttpRequest, post_id: int, payload: CommentIn) -> Status:
    post = _any_post(request, post_id)
    comment = _call(services.add_comment, post=post, author=_user(request), body=payload.body)
    return Status(201, _comment_out(comment))


@router.get("/comments/{comment_id}", response={200: CommentOut, 404: ErrorOut}, auth=None)
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
    user = _user(request)
    comment = get_object_or_404(
        Comment.objects.select_related("author", "post__parent"),
        pk=comment_id,
        deleted_at__isnull=True,
    )
    if not comment.post.is_visible_to(user):
        raise Http404
    _call(services.edit_comment, comment=comment, by=user, body=payload.body)
    return _comment_out(comment)


@router.delete("/comments/{comment_id}", response={200: OkOut, **ERRORS})
def delete_comment(request: HttpRequest, comment_id: int) -> dict[str, Any]:
    comment = get_object_or_404(Comment, pk=comment_id, deleted_at__isnull=True)
    services.delete_comment(comment=comment, by=_user(request))
    return {"ok": True}


api.add_router("/", router)
