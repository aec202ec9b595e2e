"""What the organisation views share: loading an organisation, the manager
check, and the context of the tabs above every organisation page."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from deepcommons.orgs.models import Organisation, OrgPost


def load_org(org_slug: str) -> Organisation:
    return get_object_or_404(Organisation, slug=org_slug)


def managed_org(request: HttpRequest, org_slug: str) -> Organisation:
    """The organisation, when the signed-in member manages it; else 403."""
    org = load_org(org_slug)
    if not org.can_manage(request.user):
        raise PermissionDenied
    return org


def load_post(org: Organisation, post_id: int) -> OrgPost:
    post = get_object_or_404(OrgPost.objects.live(), org=org, pk=post_id)
    post.org = org
    return post


def org_context(request: HttpRequest, org: Organisation, tab: str) -> dict[str, Any]:
    role = org.role_of(request.user)
    return {
        "org": org,
        "tab": tab,
        "role": role,
        "can_manage": org.can_manage(request.user),
        "is_following": False,
    }
