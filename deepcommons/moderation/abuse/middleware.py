"""One middleware enforces the anti-abuse rate limits for pages and the API.

It runs after authentication, finds the action a POST counts against
(`routes.action_for`), refuses with 429 when a counter is used up and counts
the request only when the view accepted it (a status below 400), so refused,
invalid or forbidden attempts never use up a member's allowance.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from deepcommons.accounts.models import User
from deepcommons.accounts.services import authenticate_api_token
from deepcommons.core import ratelimit
from deepcommons.core.htmx import is_htmx
from deepcommons.moderation.abuse import rates, routes

TEMPLATE = "moderation/abuse/rate_limited.html"
SKIPPED_FIELDS = {"csrfmiddlewaretoken"}
TEXT_FIELDS = {"body", "text", "message", "content", "description", "summary"}
LINE_FIELDS = {"title"}


class RateLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        buckets = getattr(request, "_abuse_buckets", None)
        if buckets and response.status_code < 400:
            rates.record(buckets)
        return response

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        if not rates.enabled():
            return None
        action = routes.action_for(request)
        if action is None:
            return None
        buckets = rates.buckets_for(action, user=_caller(request), ip=ratelimit.client_ip(request))
        full = rates.exhausted(buckets)
        if full is not None:
            return too_many_requests(request, full)
        request._abuse_buckets = buckets  # type: ignore[attr-defined]
        return None


def _caller(request: HttpRequest) -> User | None:
    """The signed-in member, or the owner of the API's bearer token."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user  # type: ignore[return-value]
    if routes.is_api(request):
        header = request.headers.get("Authorization", "")
        scheme, _sep, token = header.partition(" ")
        if scheme.lower() == "bearer" and token:
            return authenticate_api_token(token.strip())
    return None


def too_many_requests(request: HttpRequest, bucket: rates.Bucket) -> HttpResponse:
    """429 with `Retry-After`: JSON for the API, a notice for htmx, else a page.

    Neither keeps the member from their text: htmx swaps the notice in before
    the form that posted (nothing else on the page changes), and the full page
    carries every posted field in a form that sends them again.
    """
    retry_after = bucket.retry_after()
    limit_message = rates.describe(bucket)
    wait_message = rates.describe_wait(retry_after)
    if routes.is_api(request):
        response: HttpResponse = JsonResponse(
            {"message": f"{limit_message} {wait_message}", "retry_after": retry_after},
            status=429,
        )
    else:
        context = {
            "limit_message": limit_message,
            "wait_message": wait_message,
            "retry_after": retry_after,
        }
        if is_htmx(request):
            response = TemplateResponse(request, f"{TEMPLATE}#notice", context, status=429)
            response["HX-Retarget"] = "this"
            response["HX-Reswap"] = "beforebegin"
        else:
            context["kept_fields"] = kept_fields(request)
            context["back_url"] = _back_url(request)
            response = TemplateResponse(request, TEMPLATE, context, status=429)
        response.render()  # type: ignore[attr-defined]
    response["Retry-After"] = str(retry_after)
    return response


def kept_fields(request: HttpRequest) -> list[dict[str, str]]:
    """The posted fields, so the 429 page can show the text and send it again."""
    fields = []
    for name, values in request.POST.lists():
        if name in SKIPPED_FIELDS:
            continue
        for value in values:
            if name in TEXT_FIELDS or "\n" in value or len(value) > 200:
                shown, label = "textarea", _("Your text")
            elif name in LINE_FIELDS:
                shown, label = "input", _("Title")
            else:
                shown, label = "hidden", ""
            fields.append({"name": name, "value": value, "shown": shown, "label": label})
    return fields


def _back_url(request: HttpRequest) -> str:
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return request.get_full_path()
