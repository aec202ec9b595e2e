"""The bell, the notifications page, email preferences and one-click unsubscribe."""

from __future__ import annotations

from itertools import groupby

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.core.htmx import is_htmx
from deepcommons.core.pagination import page_or_first
from deepcommons.social import services
from deepcommons.social.forms import PreferencesForm
from deepcommons.social.models import Notification, NotificationPreference
from deepcommons.social.services import emails

PAGE_SIZE = 30


def bell_poll_seconds() -> int:
    return int(getattr(settings, "SOCIAL_BELL_POLL_SECONDS", 30))


@never_cache
def notification_bell(request: HttpRequest) -> HttpResponse:
    """The bell with the unread count, polled by htmx. Anonymous users get an empty 204."""
    if not request.user.is_authenticated:
        return HttpResponse(status=204)
    return render(request, "social/_bell.html")


@login_required
def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Newest first, grouped by day, keyset-paginated by (created_at, id)."""
    user = request.user
    result = page_or_first(
        Notification.objects.for_user(user).select_related("actor"),
        field="created_at",
        cursor=request.GET.get("cursor", ""),
        per_page=PAGE_SIZE,
    )
    page = result.items
    days = [
        (day, list(items))
        for day, items in groupby(page, key=lambda n: timezone.localdate(n.created_at))
    ]
    return render(
        request,
        "social/notification_list.html",
        {"days": days, "next_cursor": result.next_cursor},
    )


@login_required
def notification_open(request: AuthenticatedHttpRequest, notification_id: int) -> HttpResponse:
    """Mark a notification read and go to what it is about."""
    notification = get_object_or_404(
        Notification.objects.for_user(request.user),
        pk=notification_id,
    )
    services.mark_read(user=request.user, notification_ids=[notification.pk])
    url = notification.url
    if not url_has_allowed_host_and_scheme(url, {request.get_host()}):
        url = "/notifications/"
    return redirect(url)


@login_required
@require_POST
def notification_read(request: AuthenticatedHttpRequest, notification_id: int) -> HttpResponse:
    notification = get_object_or_404(
        Notification.objects.for_user(request.user),
        pk=notification_id,
    )
    services.mark_read(user=request.user, notification_ids=[notification.pk])
    if is_htmx(request):
        notification.refresh_from_db()
        return render(request, "social/_notification.html", {"notification": notification})
    return redirect("social:notification-list")


@login_required
@require_POST
def notification_read_all(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.mark_all_read(user=request.user)
    messages.success(request, _("All notifications are marked read."))
    return redirect("social:notification-list")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    current = NotificationPreference.objects.channels_for(user=user)
    form = PreferencesForm(request.POST or None, initial_channels=current)
    if request.method == "POST":
        if form.is_valid():
            services.set_preferences(user=user, channels=form.cleaned_data)
            messages.success(request, _("Your notification settings have been saved."))
            return redirect("social:preferences")
        messages.error(request, _("Please correct the errors below."))
    return render(
        request,
        "social/preferences.html",
        {
            "form": form,
            "section": "notifications",
            "has_verified_email": bool(emails.verified_email(user)),
        },
        status=400 if form.errors else 200,
    )


# RFC 8058: mail clients POST here without cookies or a CSRF token; the signed
# token in the URL is the authorisation, so only this view is exempt.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    found = emails.read_unsubscribe_token(token)
    if found is None:
        return render(request, "social/unsubscribe.html", {"invalid": True}, status=404)
    user, kind = found
    label = None if kind == emails.ALL_KINDS else services_kind_label(kind)
    if request.method == "POST":
        emails.unsubscribe(user=user, kind=kind)
        return render(request, "social/unsubscribe.html", {"done": True, "label": label})
    return render(request, "social/unsubscribe.html", {"label": label, "token": token})


def services_kind_label(kind: str) -> str:
    from deepcommons.social.kinds import get_kind

    return str(get_kind(kind).label)
