from __future__ import annotations

from datetime import datetime

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
