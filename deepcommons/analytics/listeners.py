"""What feeds the activity log: post hooks and one visit per member per day.

Analytics sits above every other app, so it listens: posts publish their
changes after commit (deepcommons.posts.hooks), and a middleware records a
member's first request of the day (cached, so later requests cost nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from deepcommons.analytics.models import ActivityKind
from deepcommons.analytics.services import record_activity, record_visit


def on_post_event(event: str, post: Any, **data: Any) -> None:
    """Log creations, comments, votes and acceptances by the person who acted."""
    parent_author = post.parent.author if post.parent_id and post.parent else None
    if event == "created":
        kind = ActivityKind.ANSWER if post.parent_id else ActivityKind.POST
        record_activity(user=post.author, kind=kind, target_user=parent_author, obj=post)
    elif event == "published":
        record_activity(user=post.author, kind=ActivityKind.POST, obj=post)
    elif event == "commented":
        comment = data["comment"]
        record_activity(
            user=comment.author, kind=ActivityKind.COMMENT, target_user=post.author, obj=post
        )
    elif event == "voted" and data.get("value"):
        record_activity(
            user=data["user"],
            kind=ActivityKind.VOTE,
            target_user=post.author,
            obj=post,
            value=float(data["value"]),
        )
    elif event == "accepted":
        record_activity(
            user=data["by"], kind=ActivityKind.ACCEPT, target_user=post.author, obj=post
        )


class RecordVisitMiddleware:
    """One "visit" event per signed-in member per day (checked in the cache first)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and response.status_code < 400
            and not request.path.startswith(("/static/", "/media/", "/healthz"))
        ):
            record_visit(user=user)
        return response
