"""Request and response shapes shared by several API modules."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Schema


class ErrorOut(Schema):
    message: str


class PublicUserOut(Schema):
    username: str
    display_name: str
    bio_html: str
    location: str
    website: str
    github: str
    google_scholar: str
    orcid: str
    skills: list[str]
    research_interests: list[str]
    avatar_url: str | None
    date_joined: datetime
    profile_url: str


class MeOut(PublicUserOut):
    email: str
    preferred_language: str
    timezone: str
    is_staff: bool
    groups: list[str]


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
    # The up/down split: null unless the caller holds `see_vote_split`.
    upvotes: int | None = None
    downvotes: int | None = None
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
    # Moderation state; status "held" means awaiting review (author and moderators only).
    closed: bool = False
    close_reason: str = ""
    duplicate_of: int | None = None
    locked: bool = False
    pinned: bool = False
    featured: bool = False
    merged_into: int | None = None
    url: str


class PostPage(Schema):
    items: list[PostOut]
    next_cursor: str | None


class OkOut(Schema):
    ok: bool


# The error answers of an endpoint that needs a signed-in caller and may refuse.
ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
