"""The JSON API at /api/v1/ (django-ninja). Errors are always JSON."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer, django_auth

from deepcommons.accounts.services import authenticate_api_token
from deepcommons.api.common import ServiceRefused
from deepcommons.core import ratelimit
from deepcommons.core.pagination import InvalidCursor

RATE_SCOPE = "api-token-fail"


class Throttled(Exception):
    pass


class BearerTokenAuth(HttpBearer):
    """`Authorization: Bearer dc_…` with a personal token from the settings page.

    Wrong tokens are counted per client address; past the limit the API
    answers 429 until the window ends.
    """

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        ip = ratelimit.client_ip(request)
        if ratelimit.is_limited(RATE_SCOPE, ip, settings.API_TOKEN_FAILURES_PER_IP):
            raise Throttled
        user = authenticate_api_token(token)
        if user is None:
            ratelimit.record(RATE_SCOPE, ip, settings.API_TOKEN_FAILURES_PER_IP)
            return None
        request.user = user
        return user


api = NinjaAPI(
    title="DeepCommons API",
    version="1",
    description="JSON API of DeepCommons. Authenticate with `Authorization: Bearer <token>`; "
    "create tokens on your settings page or with `manage.py create_api_token`.",
    auth=[BearerTokenAuth(), django_auth],
    urls_namespace="api",
    docs_url="/docs",
)


def _error(request: HttpRequest, status: int, message: str, **extra: Any) -> HttpResponse:
    return api.create_response(request, {"message": message, **extra}, status=status)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"field": ".".join(str(p) for p in e.get("loc", [])[1:]) or None, "message": e.get("msg")}
        for e in exc.errors
    ]
    return _error(request, 422, _("The request is not valid."), errors=errors)


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, _("Authentication required: send a valid Bearer token."))


@api.exception_handler(Throttled)
def on_throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    response = _error(request, 429, _("Too many failed attempts. Try again later."))
    response["Retry-After"] = "900"
    return response


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, _("Not found."))


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, _("You do not have permission to do that."))


@api.exception_handler(ServiceRefused)
def on_service_refused(request: HttpRequest, exc: ServiceRefused) -> HttpResponse:
    message = exc.errors[0]["message"] if exc.errors else "Bad request."
    return _error(request, 400, message, errors=exc.errors)


@api.exception_handler(InvalidCursor)
def on_invalid_cursor(request: HttpRequest, exc: InvalidCursor) -> HttpResponse:
    # A client should only send back a `next_cursor` it got from the same list
    # and sort; anything else is a client bug, so say so rather than restart.
    return _error(request, 400, _("The cursor does not belong to this list and sort."))


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, str(exc))


@api.exception_handler(Exception)
def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    import logging

    logging.getLogger(__name__).exception("API error")
    return _error(request, 500, _("Internal error."))


def not_found(request: HttpRequest) -> HttpResponse:
    """Unknown paths under /api/ answer JSON, not the HTML 404 page."""
    from django.http import JsonResponse

    return JsonResponse({"message": _("Not found.")}, status=404)


# Each route module has one Router; all are registered here, and only here,
# in the order the OpenAPI document lists them.
from deepcommons.api import (  # noqa: E402
    answers,
    articles,
    badges,
    blocks,
    bookmarks,
    bounties,
    careers,
    comments,
    competitions,
    conversations,
    discussions,
    events,
    feed,
    flags,
    follows,
    images,
    leaderboards,
    learning,
    messages,
    moderation,
    notifications,
    ops,
    orgs,
    questions,
    search,
    tutorials,
    users,
    votes,
)

ROUTE_MODULES = (
    users,
    questions,
    discussions,
    articles,
    tutorials,
    answers,
    comments,
    votes,
    bookmarks,
    search,
    images,
    follows,
    blocks,
    feed,
    notifications,
    conversations,
    messages,
    badges,
    leaderboards,
    bounties,
    flags,
    moderation,
    events,
    competitions,
    orgs,
    careers,
    learning,
    ops,
)
for module in ROUTE_MODULES:
    api.add_router("/", module.router)
