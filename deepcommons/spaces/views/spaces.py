"""The list of spaces, a new space for staff, each space's About page and its
settings page for its moderators. Each space's post list lives in posts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.accounts.models import User
from deepcommons.core.forms import add_service_errors
from deepcommons.spaces import services
from deepcommons.spaces.forms import ModeratorAddForm, SpaceCreateForm, SpaceSettingsForm
from deepcommons.spaces.models import Space
from deepcommons.spaces.moderation import request_powers


def space_list(request: HttpRequest) -> HttpResponse:
    spaces = Space.objects.by_activity()
    context = {"spaces": spaces, "can_create": Space.can_be_created_by(request.user)}
    return render(request, "spaces/space_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def space_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A new space, for whoever may add spaces in the admin (see Space.can_be_created_by)."""
    if not Space.can_be_created_by(request.user):
        raise PermissionDenied
    form = SpaceCreateForm(request.POST or None, initial={"colour": "#2563eb"})
    if request.method == "POST" and form.is_valid():
        try:
            space = services.create_space(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("The space %(name)s has been created. Appoint its moderators here.")
                % {"name": space.name},
            )
            return redirect("spaces:space-settings", space_slug=space.slug)
    # The text stays in the boxes, with the messages next to it.
    return render(
        request, "spaces/space_create.html", {"form": form}, status=400 if form.errors else 200
    )


def _moderators(space: Space) -> list[User]:
    return list(space.moderators.order_by("username"))


def space_about(request: HttpRequest, space_slug: str) -> HttpResponse:
    """Description in both languages, rules and moderators: for everyone."""
    space = get_object_or_404(Space, slug=space_slug)
    return render(
        request,
        "spaces/space_about.html",
        {
            "space": space,
            "moderators": _moderators(space),
            "can_manage": space.can_be_managed_by(request.user, powers=request_powers(request)),
        },
    )


def _managed_space(request: HttpRequest, space_slug: str) -> Space:
    """The space, if the viewer may change its settings (else 403)."""
    space = get_object_or_404(Space, slug=space_slug)
    if not space.can_be_managed_by(request.user, powers=request_powers(request)):
        raise PermissionDenied
    return space


def _settings_page(
    request: HttpRequest,
    space: Space,
    *,
    form: SpaceSettingsForm | None = None,
    add_form: ModeratorAddForm | None = None,
) -> HttpResponse:
    if form is None:
        form = SpaceSettingsForm(
            initial={
                "description_en": space.description_en,
                "description_zh": space.description_zh,
                "rules": space.rules,
                "icon": space.icon,
                "colour": space.colour,
            }
        )
    context: dict[str, Any] = {
        "space": space,
        "form": form,
        "add_form": add_form or ModeratorAddForm(),
        "moderators": _moderators(space),
        "can_appoint": Space.can_appoint_moderators(request.user, powers=request_powers(request)),
    }
    failed = form.errors or (add_form is not None and add_form.errors)
    return render(request, "spaces/space_settings.html", context, status=400 if failed else 200)


@login_required
@require_http_methods(["GET", "POST"])
def space_settings(request: AuthenticatedHttpRequest, space_slug: str) -> HttpResponse:
    space = _managed_space(request, space_slug)
    if request.method != "POST":
        return _settings_page(request, space)
    form = SpaceSettingsForm(request.POST)
    if form.is_valid():
        try:
            services.update_space_settings(space=space, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The space's settings have been saved."))
            return redirect("spaces:space-settings", space_slug=space.slug)
    # The text stays in the boxes, with the messages next to it.
    return _settings_page(request, space, form=form)


@login_required
@require_POST
def space_moderator_add(request: AuthenticatedHttpRequest, space_slug: str) -> HttpResponse:
    space = _managed_space(request, space_slug)
    if not Space.can_appoint_moderators(request.user, powers=request_powers(request)):
        raise PermissionDenied
    add_form = ModeratorAddForm(request.POST)
    if add_form.is_valid():
        try:
            user = services.add_space_moderator(
                space=space,
                username=add_form.cleaned_data["username"],
                by=request.user,
            )
        except ValidationError as exc:
            add_service_errors(add_form, exc)
        else:
            messages.success(
                request, _("%(name)s now moderates this space.") % {"name": user.username}
            )
            return redirect("spaces:space-settings", space_slug=space.slug)
    return _settings_page(request, space, add_form=add_form)


@login_required
@require_POST
def space_moderator_remove(request: AuthenticatedHttpRequest, space_slug: str) -> HttpResponse:
    """Site staff remove a moderator; a moderator may remove only themselves."""
    space = _managed_space(request, space_slug)
    user = get_object_or_404(space.moderators.all(), username=request.POST.get("username", ""))
    by: User = request.user
    services.remove_space_moderator(space=space, user=user, by=by)
    if user.pk == by.pk:
        messages.success(request, _("You no longer moderate this space."))
        # Powers changed mid-request; a fresh check decides where to go.
        if not space.can_be_managed_by(by):
            return redirect("spaces:space-about", space_slug=space.slug)
    else:
        messages.success(
            request, _("%(name)s no longer moderates this space.") % {"name": user.username}
        )
    return redirect("spaces:space-settings", space_slug=space.slug)
