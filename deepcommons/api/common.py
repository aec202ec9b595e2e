"""What the post endpoints share: the caller, loading a post they may see, the
JSON shape of a post, and one function per operation that the route modules
(questions, discussions, articles, tutorials, answers) call from their
literal routes. They use the same services as the pages, so rules (limits,
permissions, counters) are shared."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Status
from ninja.errors import HttpError

from deepcommons.accounts.models import User
from deepcommons.api.schemas import ChildIn, PostIn, PostPatch
from deepcommons.core.pagination import keyset_page
from deepcommons.posts import services
from deepcommons.posts.models import Post
from deepcommons.posts.querysets import SORT_FIELDS, TOP_PERIODS
from deepcommons.posts.services import PostInput
from deepcommons.spaces.models import Space

T = TypeVar("T")
PER_PAGE = 20


class ServiceRefused(Exception):
    """A service's ValidationError, answered as a 400 listing each field's message."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        self.errors = errors


def call(fn: Callable[..., T], **kwargs: Any) -> T:
    """Run a service; its ValidationError becomes ServiceRefused (a 400), a
    PermissionDenied with a reason (a privilege, a lock, a suspension) a 403
    that says it."""
    try:
        return fn(**kwargs)
    except PermissionDenied as exc:
        if str(exc):
            raise HttpError(403, str(exc)) from None
        raise
    except ValidationError as exc:
        errors = (
            [{"field": f, "message": m} for f, ms in exc.message_dict.items() for m in ms]
            if hasattr(exc, "error_dict")
            else [{"field": None, "message": m} for m in exc.messages]
        )
        raise ServiceRefused(errors) from None


def signed_in_user(request: HttpRequest) -> User:
    """The caller; a 401 for anonymous requests to endpoints with `auth=None`."""
    user = request.user
    if not user.is_authenticated:
        raise HttpError(401, "Authentication required.")
    return user  # type: ignore[return-value]


def post_out(post: Post, viewer: Any = None) -> dict[str, Any]:
    """The JSON of `post`; the vote split only when `viewer` may see it."""
    tags = [t.name for t in post.tags.all()] if post.is_top_level else []
    split = viewer is not None and viewer.is_authenticated and viewer.can_see_vote_split()
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
        "upvotes": post.upvotes if split else None,
        "downvotes": post.downvotes if split else None,
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
        "closed": post.closed_at is not None,
        "close_reason": post.close_reason,
        "duplicate_of": post.duplicate_of_id,
        "locked": post.locked_at is not None,
        "pinned": post.pinned_at is not None,
        "featured": post.featured_at is not None,
        "merged_into": post.merged_into_id,
        "url": post.get_absolute_url(),
    }


def visible_post(request: HttpRequest, post_id: int, kind: str) -> Post:
    """The post of `kind` if the caller may see it (and its thread), else 404."""
    post = get_object_or_404(
        Post.objects.select_related("author", "space", "parent"), pk=post_id, kind=kind
    )
    if not post.is_visible_to(request.user):
        raise Http404
    if post.parent is not None and not post.parent.is_visible_to(request.user):
        raise Http404
    prefetch_related_objects([post], "tags")
    return post


def any_visible_post(request: HttpRequest, post_id: int) -> Post:
    """A post of any kind the caller may see, else 404 (votes, bookmarks, comments)."""
    post = get_object_or_404(Post.objects.select_related("author", "parent"), pk=post_id)
    if not post.is_visible_to(request.user):
        raise Http404
    return post


def _space(slug: str | None) -> Space | None:
    if not slug:
        return None
    space = Space.objects.filter(slug=slug).first()
    if space is None:
        raise HttpError(400, f"Unknown space: {slug}")
    return space


def list_posts(
    request: HttpRequest,
    kind: str,
    *,
    sort: str,
    period: str,
    cursor: str,
    space: str | None,
    tag: str | None,
) -> dict[str, Any]:
    """One page of published posts of `kind`: `Post.objects.listing`, the
    same read as the list pages, so the same arguments give the same rows."""
    if sort not in SORT_FIELDS:
        raise HttpError(400, "sort must be one of: " + ", ".join(SORT_FIELDS))
    if period not in TOP_PERIODS:
        raise HttpError(400, "period must be one of: " + ", ".join(TOP_PERIODS))
    queryset = Post.objects.visible_to(request.user).listing(
        kinds=[kind], sort=sort, period=period, space=space or None, tag=tag or None
    )
    # A page's rows leave the bodies in the database; the API returns them, and
    # reading each deferred body per row would cost two queries a post.
    queryset = queryset.defer(None).defer("author__bio", "author__bio_html")
    page = keyset_page(queryset, field=SORT_FIELDS[sort], cursor=cursor, per_page=PER_PAGE)
    return {
        "items": [post_out(p, request.user) for p in page.items],
        "next_cursor": page.next_cursor,
    }


def create_post(request: HttpRequest, kind: str, payload: PostIn) -> Status:
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
    post = call(services.create_post, author=signed_in_user(request), kind=kind, data=data)
    return Status(201, post_out(post, request.user))


def update_post(
    request: HttpRequest, post_id: int, kind: str, payload: PostPatch
) -> dict[str, Any]:
    """Apply the fields given in `payload`; the others keep their values."""
    post = visible_post(request, post_id, kind)
    user = signed_in_user(request)
    if not post.can_be_edited_by(user):
        if post.is_locked:
            raise HttpError(403, _("This post is locked: only moderators can change it."))
        raise HttpError(403, user.privilege_refusal("edit_without_review") or _("Not allowed."))
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
    call(services.edit_post, post=post, by=user, data=data)
    return post_out(visible_post(request, post.pk, post.kind), request.user)


def delete_post(request: HttpRequest, post_id: int, kind: str) -> dict[str, Any]:
    services.delete_post(post=visible_post(request, post_id, kind), by=signed_in_user(request))
    return {"ok": True}


def list_children(
    request: HttpRequest, post_id: int, *, parent_kind: str, kind: str
) -> list[dict[str, Any]]:
    """Answers of a question or replies of a discussion, oldest first."""
    parent = visible_post(request, post_id, parent_kind)
    children = (
        Post.objects.visible_to(request.user)
        .filter(parent=parent, kind=kind)
        .select_related("author", "space")
        .order_by("created_at", "pk")
    )
    return [post_out(c, request.user) for c in children]


def create_child(
    request: HttpRequest, post_id: int, *, parent_kind: str, payload: ChildIn
) -> Status:
    parent = visible_post(request, post_id, parent_kind)
    reply_to = None
    if payload.reply_to:
        reply_to = Post.objects.filter(pk=payload.reply_to, parent=parent).first()
    child = call(
        services.create_child,
        parent=parent,
        author=signed_in_user(request),
        body=payload.body,
        reply_to=reply_to,
    )
    return Status(201, post_out(child, request.user))
