"""Profile pages, account self-service (settings, tokens, export, deletion) and
the language switch."""

from __future__ import annotations

import json

from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from deepcommons.accounts import services
from deepcommons.accounts.forms import ApiTokenForm, AvatarForm, DeleteAccountForm, ProfileForm
from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.accounts.models import DELETED_USERNAME, ApiToken, User
from deepcommons.accounts.profiles import (
    get_profile_or_404,
    profile_page_context,
    stats_for,
    summary_sections,
)
from deepcommons.core.htmx import is_htmx
from deepcommons.core.pagination import page_or_first


def profile_detail(request: HttpRequest, username: str) -> HttpResponse:
    """The Summary tab: the member's own words, their figures and the other tabs."""
    profile = get_profile_or_404(username)
    if profile.username != username:
        return redirect(profile.get_absolute_url(), permanent=True)
    context = profile_page_context(profile, tab="summary")
    context["sections"] = summary_sections(request, profile)
    return render(request, "accounts/profile_detail.html", context)


MEMBERS_PER_PAGE = 24
# Each directory order: (field, descending). Both are columns, so the list
# pages by keyset; "most posts" would need a stored counter to do the same.
MEMBER_SORTS: dict[str, tuple[str, bool]] = {
    "newest": ("date_joined", True),
    "name": ("username", False),
}


def user_list(request: HttpRequest) -> HttpResponse:
    """The members directory: active members, searchable by name, newest or
    by username, a page of cards in a constant number of queries."""
    sort = request.GET.get("sort", "newest")
    if sort not in MEMBER_SORTS:
        sort = "newest"
    field, descending = MEMBER_SORTS[sort]
    q = request.GET.get("q", "").strip()[:50]
    members = User.objects.active().search(q)
    page = page_or_first(
        members,
        field=field,
        cursor=request.GET.get("cursor", ""),
        per_page=MEMBERS_PER_PAGE,
        descending=descending,
    )
    stats = stats_for(page.items)
    for member in page.items:
        member.stats = stats[member.pk]  # type: ignore[attr-defined]
    context = {
        "members": page.items,
        "page": page,
        "q": q,
        "sort": sort,
        "sorts": list(MEMBER_SORTS),
    }
    if is_htmx(request):
        return render(request, "accounts/user_list.html#member-page", context)
    return render(request, "accounts/user_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=User.objects.get(pk=user.pk))
        if form.is_valid():
            services.update_profile(user=user, data=form.cleaned_data)
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:profile-edit")
        messages.error(request, _("Please correct the errors below."))
    else:
        form = ProfileForm(instance=user)
    return render(
        request,
        "accounts/profile_edit.html",
        {"form": form, "avatar_form": AvatarForm(), "section": "profile"},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def avatar_edit(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        if "remove" in request.POST:
            services.remove_avatar(user=user)
            messages.success(request, _("Your avatar has been removed."))
            return redirect("accounts:profile-edit")
        avatar_form = AvatarForm(request.POST, request.FILES)
        if avatar_form.is_valid():
            try:
                services.set_avatar(user=user, upload=avatar_form.cleaned_data["avatar"])
            except ValidationError as exc:
                avatar_form.add_error("avatar", exc)
            else:
                messages.success(request, _("Your avatar has been updated."))
                return redirect("accounts:profile-edit")
    else:
        avatar_form = AvatarForm()
    return render(
        request,
        "accounts/profile_edit.html",
        {"form": ProfileForm(instance=user), "avatar_form": avatar_form, "section": "profile"},
        status=400 if avatar_form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    new_key = None
    if request.method == "POST":
        form = ApiTokenForm(request.POST)
        if form.is_valid():
            _token, new_key = services.create_api_token(user=user, name=form.cleaned_data["name"])
            messages.success(request, _("Token created. Copy it now: it will not be shown again."))
            form = ApiTokenForm()
    else:
        form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=user)
    return render(
        request,
        "accounts/token_list.html",
        {"form": form, "tokens": tokens, "new_key": new_key, "section": "tokens"},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def token_revoke(request: AuthenticatedHttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    services.revoke_api_token(token=token)
    messages.success(request, _("Token revoked."))
    return redirect("accounts:token-list")


@login_required
def account_data(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/account_data.html",
        {"delete_form": DeleteAccountForm(user=request.user), "section": "data"},
    )


@login_required
@require_POST
def account_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    data = services.export_account_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = (
        f'attachment; filename="deepcommons-{request.user.username}-{stamp}.json"'
    )
    return response


@login_required
@reauthentication_required
@require_http_methods(["GET", "POST"])
def account_delete(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    if user.username == DELETED_USERNAME:
        raise Http404
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        logout(request)
        services.delete_account(user=user)
        messages.success(request, _("Your account has been deleted. Goodbye."))
        return redirect("home")
    return render(
        request,
        "accounts/account_data.html",
        {"delete_form": form, "section": "data"},
        status=400 if form.errors else 200,
    )


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; remembered in a cookie and, for a member, on
    the account (which then wins on every device)."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or request.headers.get("referer") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES):
        translation.activate(language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=False,
        )
        if request.user.is_authenticated:
            services.set_preferred_language(user=request.user, language=language)
    return response
