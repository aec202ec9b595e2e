"""Reputation reads: leaderboards (period, space, tag) and a member's
reputation history (the ledger rows, public as on the profile's tab)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from deepcommons.accounts.models import User
from deepcommons.api.schemas import ErrorOut
from deepcommons.core.pagination import keyset_page
from deepcommons.reputation.leaderboards import PERIODS, reputation_leaders, top_answerers
from deepcommons.reputation.models import ReputationChange
from deepcommons.spaces.models import Space, Tag

router = Router(tags=["reputation"])
PAGE = 50


class LeaderOut(Schema):
    rank: int
    username: str
    display_name: str
    value: int
    answers: int


class LedgerRowOut(Schema):
    amount: int
    reason: str
    cause: str
    post_id: int | None
    post_url: str | None
    created_at: datetime


class LedgerPage(Schema):
    reputation: int
    items: list[LedgerRowOut]
    next_cursor: str | None


def _leaders(entries: list[Any]) -> list[dict[str, Any]]:
    return [
        {
            "rank": e.rank,
            "username": e.user.username,
            "display_name": e.user.display_name,
            "value": e.value,
            "answers": e.answers,
        }
        for e in entries
    ]


@router.get(
    "/leaderboards",
    response={200: list[LeaderOut], 400: ErrorOut},
    auth=None,
    operation_id="deepcommons_api_reputation_leaderboard",
)
def leaderboard(
    request: HttpRequest, period: str = "week", space: str = "", tag: str = ""
) -> list[dict[str, Any]]:
    """Reputation gained in `period` (week, month, year, all), optionally in a
    space (its slug) or a tag (its name); the same board as /leaderboards/."""
    if period not in PERIODS:
        raise HttpError(400, _("Unknown period: use week, month, year or all."))
    space_id = tag_id = None
    if space:
        found = Space.objects.filter(slug=space).first()
        if found is None:
            raise HttpError(400, _("There is no such space."))
        space_id = found.pk
    if tag:
        found_tag = Tag.objects.filter(name=tag.lower()[:100]).first()
        if found_tag is None:
            raise HttpError(400, _("There is no such tag."))
        tag_id = found_tag.pk
    return _leaders(reputation_leaders(period=period, space_id=space_id, tag_id=tag_id))


@router.get(
    "/tags/{name}/top-answerers",
    response={200: list[LeaderOut], 400: ErrorOut, 404: ErrorOut},
    auth=None,
    operation_id="deepcommons_api_reputation_tag_top_answerers",
)
def tag_top_answerers(request: HttpRequest, name: str, days: int = 0) -> list[dict[str, Any]]:
    """Top answerers in the tag by answer score; `days` limits to recent answers (0: all time)."""
    if days < 0 or days > 3660:
        raise HttpError(400, _("days must be between 0 and 3660."))
    tag = get_object_or_404(Tag, name=name.lower())
    return _leaders(top_answerers(tag_id=tag.pk, days=days or None))


@router.get(
    "/users/{username}/reputation",
    response={200: LedgerPage, 400: ErrorOut, 404: ErrorOut},
    auth=None,
    operation_id="deepcommons_api_reputation_user_history",
)
def user_reputation(request: HttpRequest, username: str, cursor: str = "") -> dict[str, Any]:
    """The member's reputation changes, newest first; pass `next_cursor` back for more.
    Posts that are deleted or unpublished give no link."""
    user = get_object_or_404(User.objects.active().by_username(username))
    rows = ReputationChange.objects.filter(user=user).select_related("post", "post__parent")
    rows = rows.defer(
        "post__body", "post__body_html", "post__parent__body", "post__parent__body_html"
    )
    page = keyset_page(rows, field="created_at", cursor=cursor, per_page=PAGE)
    items = []
    for row in page.items:
        post = row.post
        live = post is not None and post.deleted_at is None and post.status == "published"
        items.append(
            {
                "amount": row.amount,
                "reason": row.reason,
                "cause": row.cause,
                "post_id": row.post_id if live else None,
                "post_url": post.get_absolute_url() if live and post else None,
                "created_at": row.created_at,
            }
        )
    return {"reputation": user.reputation, "items": items, "next_cursor": page.next_cursor}
