"""Organisations: the directory, one organisation, its members and posts,
publishing a post (managers) and following. Same QuerySet methods and
services as the pages under /orgs/."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from deepcommons.api import common
from deepcommons.api.schemas import ERRORS
from deepcommons.core.pagination import keyset_page
from deepcommons.orgs import services
from deepcommons.orgs.models import Organisation, OrgKind, OrgMembership, OrgPost
from deepcommons.social.models import Follow

router = Router(tags=["orgs"])
PER_PAGE = 30


class OrgOut(Schema):
    slug: str
    name: str
    name_en: str
    name_zh: str
    kind: str
    description: str
    description_html: str
    website: str
    links: list[dict[str, str]]
    locations: str
    size: str
    verified: bool
    verified_at: datetime | None
    follower_count: int
    url: str


class OrgPage(Schema):
    items: list[OrgOut]
    next_cursor: str | None


class MemberOut(Schema):
    username: str
    name: str
    role: str
    title: str


class OrgPostOut(Schema):
    id: int
    org: str
    kind: str
    title: str
    body: str
    body_html: str
    sponsored: bool
    author: str | None
    created_at: datetime
    url: str


class OrgPostPage(Schema):
    items: list[OrgPostOut]
    next_cursor: str | None


class OrgPostIn(Schema):
    kind: str
    title: str
    body: str
    sponsored: bool = False


class FollowOut(Schema):
    following: bool
    follower_count: int


def org_out(org: Organisation) -> dict[str, Any]:
    return {
        "slug": org.slug,
        "name": org.name,
        "name_en": org.name_en,
        "name_zh": org.name_zh,
        "kind": org.kind,
        "description": org.description,
        "description_html": org.description_html,
        "website": org.website,
        "links": org.display_links()[1 if org.website else 0 :],
        "locations": org.locations,
        "size": org.size,
        "verified": org.is_verified,
        "verified_at": org.verified_at,
        "follower_count": org.follower_count,
        "url": org.get_absolute_url(),
    }


def post_out(post: OrgPost, org: Organisation) -> dict[str, Any]:
    post.org = org
    return {
        "id": post.pk,
        "org": org.slug,
        "kind": post.kind,
        "title": post.title,
        "body": post.body,
        "body_html": post.body_html,
        "sponsored": post.sponsored,
        "author": post.author.username if post.author else None,
        "created_at": post.created_at,
        "url": post.get_absolute_url(),
    }


@router.get(
    "/orgs",
    response={200: OrgPage, 400: ERRORS[400]},
    auth=None,
    operation_id="deepcommons_api_orgs_list",
)
def list_orgs(
    request: HttpRequest,
    kind: str = "",
    verified: bool | None = None,
    q: str = "",
    cursor: str = "",
) -> dict[str, Any]:
    """The directory, by English name (as /orgs/), with the same filters."""
    if kind and kind not in OrgKind.values:
        raise HttpError(400, "Unknown kind.")
    page = keyset_page(
        Organisation.objects.filtered(kind=kind, verified=verified, q=q.strip()[:100]),
        field="name_en",
        cursor=cursor,
        per_page=PER_PAGE,
        descending=False,
    )
    return {"items": [org_out(o) for o in page.items], "next_cursor": page.next_cursor}


@router.get(
    "/orgs/{org_slug}",
    response={200: OrgOut, 404: ERRORS[404]},
    auth=None,
    operation_id="deepcommons_api_orgs_detail",
)
def org_detail(request: HttpRequest, org_slug: str) -> dict[str, Any]:
    return org_out(get_object_or_404(Organisation, slug=org_slug))


@router.get(
    "/orgs/{org_slug}/members",
    response={200: list[MemberOut], 404: ERRORS[404]},
    auth=None,
    operation_id="deepcommons_api_orgs_members",
)
def org_members(request: HttpRequest, org_slug: str) -> list[dict[str, Any]]:
    org = get_object_or_404(Organisation, slug=org_slug)
    rows = OrgMembership.objects.filter(org=org).select_related("user").order_by("created_at", "pk")
    return [
        {"username": m.user.username, "name": m.user.name, "role": m.role, "title": m.title}
        for m in rows
    ]


@router.get(
    "/orgs/{org_slug}/posts",
    response={200: OrgPostPage, 400: ERRORS[400], 404: ERRORS[404]},
    auth=None,
    operation_id="deepcommons_api_orgs_posts",
)
def org_posts(request: HttpRequest, org_slug: str, cursor: str = "") -> dict[str, Any]:
    """The organisation's posts, newest first (as its Posts tab)."""
    org = get_object_or_404(Organisation, slug=org_slug)
    page = keyset_page(
        OrgPost.objects.live().filter(org=org).select_related("author"),
        field="created_at",
        cursor=cursor,
        per_page=20,
    )
    return {"items": [post_out(p, org) for p in page.items], "next_cursor": page.next_cursor}


@router.post(
    "/orgs/{org_slug}/posts",
    response={201: OrgPostOut, **ERRORS},
    operation_id="deepcommons_api_orgs_post_create",
)
def create_org_post(request: HttpRequest, org_slug: str, payload: OrgPostIn) -> Status:
    """Publish as the organisation: owners and admins; sponsored posts within the cap."""
    user = common.signed_in_user(request)
    org = get_object_or_404(Organisation, slug=org_slug)
    if not org.can_manage(user):
        raise HttpError(403, "Only the organisation's owners and admins can publish.")
    post = common.call(
        services.publish_org_post,
        org=org,
        by=user,
        kind=payload.kind,
        title=payload.title,
        body=payload.body,
        sponsored=payload.sponsored,
    )
    return Status(201, post_out(post, org))


def _follow_state(user: Any, org: Organisation) -> dict[str, Any]:
    org.refresh_from_db(fields=["follower_count"])
    return {
        "following": Follow.objects.is_following(user=user, target=org),
        "follower_count": org.follower_count,
    }


@router.post(
    "/orgs/{org_slug}/follow",
    response={200: FollowOut, **ERRORS},
    operation_id="deepcommons_api_orgs_follow",
)
def follow_org(request: HttpRequest, org_slug: str) -> dict[str, Any]:
    user = common.signed_in_user(request)
    org = get_object_or_404(Organisation, slug=org_slug)
    services.follow_org(user=user, org=org)
    return _follow_state(user, org)


@router.delete(
    "/orgs/{org_slug}/follow",
    response={200: FollowOut, **ERRORS},
    operation_id="deepcommons_api_orgs_unfollow",
)
def unfollow_org(request: HttpRequest, org_slug: str) -> dict[str, Any]:
    user = common.signed_in_user(request)
    org = get_object_or_404(Organisation, slug=org_slug)
    services.unfollow_org(user=user, org=org)
    return _follow_state(user, org)
