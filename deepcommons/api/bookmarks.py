"""Bookmarking any post."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from deepcommons.api import common
from deepcommons.api.schemas import ERRORS, OkOut
from deepcommons.posts import services

router = Router(tags=["content"])


# Operation ids as in the OpenAPI document from before this module was split out.
@router.post(
    "/posts/{post_id}/bookmark",
    response={200: OkOut, **ERRORS},
    operation_id="deepcommons_api_content_bookmark",
)
def bookmark(request: HttpRequest, post_id: int) -> dict[str, Any]:
    post = common.any_visible_post(request, post_id)
    services.bookmark_post(post=post, user=common.signed_in_user(request))
    return {"ok": True}


@router.delete(
    "/posts/{post_id}/bookmark",
    response={200: OkOut, **ERRORS},
    operation_id="deepcommons_api_content_unbookmark",
)
def unbookmark(request: HttpRequest, post_id: int) -> dict[str, Any]:
    post = common.any_visible_post(request, post_id)
    services.unbookmark_post(post=post, user=common.signed_in_user(request))
    return {"ok": True}
