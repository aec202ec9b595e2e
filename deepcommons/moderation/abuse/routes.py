"""Which write routes count against which rate-limit action.

Pages are named by their URL name (`request.resolver_match.view_name`); the
API by method and path under /api/v1/ (django-ninja serves every method of a
path from one URL pattern, so its URL name does not tell a create from a list).
Only POSTs are counted: GETs and other reads never use up a limit.
"""

from __future__ import annotations

import re

from django.http import HttpRequest

PAGE_ACTIONS: dict[str, str] = {
    "posts:question-create": "topic",
    "posts:discussion-create": "topic",
    "posts:article-create": "topic",
    "posts:tutorial-create": "topic",
    "posts:answer-create": "reply",
    "posts:reply-create": "reply",
    "posts:comment-create": "comment",
    "posts:post-vote": "vote",
    "social:conversation-create": "message",
    "social:conversation-detail": "message",
    "social:message-report": "flag",
    "moderation:flag": "flag",
    "account_signup": "register",
    "socialaccount_signup": "register",
}

API_ACTIONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^/api/v1/(questions|discussions|articles|tutorials)/?$"), "topic"),
    (re.compile(r"^/api/v1/questions/\d+/answers/?$"), "reply"),
    (re.compile(r"^/api/v1/discussions/\d+/replies/?$"), "reply"),
    (re.compile(r"^/api/v1/posts/\d+/comments/?$"), "comment"),
    (re.compile(r"^/api/v1/posts/\d+/vote/?$"), "vote"),
    (re.compile(r"^/api/v1/conversations/?$"), "message"),
    (re.compile(r"^/api/v1/conversations/\d+/messages/?$"), "message"),
    (re.compile(r"^/api/v1/conversations/\d+/messages/\d+/report/?$"), "flag"),
    (re.compile(r"^/api/v1/(.+/)?flags/?$"), "flag"),
]


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def action_for(request: HttpRequest) -> str | None:
    """The rate-limit action a request counts against, or None."""
    if request.method != "POST":
        return None
    if is_api(request):
        for pattern, action in API_ACTIONS:
            if pattern.match(request.path_info):
                return action
        return None
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    return PAGE_ACTIONS.get(match.view_name)
