from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest

from deepcommons.accounts.models import User
from deepcommons.posts.models import Post


def require_moderator(request: HttpRequest) -> User:
    user = request.user
    if not (user.is_authenticated and user.is_moderator):
        raise PermissionDenied
    return user  # type: ignore[return-value]


def author_history(author_ids: set[int]) -> dict[int, dict[str, int]]:
    """Posts and deleted posts per author, in one query."""
    rows = (
        Post.objects.filter(author_id__in=author_ids)
        .values("author_id")
        .annotate(posts=Count("pk"), deleted=Count("pk", filter=Q(deleted_at__isnull=False)))
    )
    return {row["author_id"]: {"posts": row["posts"], "deleted": row["deleted"]} for row in rows}


def error_text(error: Exception) -> str:
    messages = getattr(error, "messages", None)
    if messages:
        return " ".join(str(m) for m in messages)
    return str(error) or "—"
