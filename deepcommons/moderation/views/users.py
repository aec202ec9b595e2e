from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.accounts.models import User
from deepcommons.core.forms import add_service_errors
from deepcommons.moderation import services
from deepcommons.moderation.forms import ReasonForm, SilenceForm, SuspendForm
from deepcommons.moderation.models import AuditEntry, Flag, FlaggerRecord
from deepcommons.moderation.views.common import error_text, require_moderator
from deepcommons.posts.models import Post


def _user(username: str) -> User:
    return get_object_or_404(User.objects.by_username(username))


def _context(user: User, **forms: Any) -> dict[str, Any]:
    record = FlaggerRecord.objects.filter(user=user).first()
    return {
        "member": user,
        "posts": Post.objects.filter(author=user).select_related("parent")[:20],
        "flags_received": Flag.objects.filter(post__author=user).select_related("flagger", "post")[
            :20
        ],
        "flags_on_user": Flag.objects.filter(user=user).select_related("flagger")[:20],
        "record": record,
        "history": AuditEntry.objects.for_target(user).select_related("actor")[:30],
        "suspend_form": forms.get("suspend_form") or SuspendForm(),
        "silence_form": forms.get("silence_form") or SilenceForm(),
    }


@login_required
@require_GET
def user_moderation(request: AuthenticatedHttpRequest, username: str) -> HttpResponse:
    """A member's posts, flags and moderation history, with suspend, silence and destroy."""
    require_moderator(request)
    return render(request, "moderation/user.html", _context(_user(username)))


@login_required
@require_POST
def user_action(request: AuthenticatedHttpRequest, username: str, action: str) -> HttpResponse:
    moderator = require_moderator(request)
    user = _user(username)
    page = reverse("moderation:user", args=[user.username])
    if action == "suspend":
        form = SuspendForm(request.POST)
        if form.is_valid():
            try:
                services.suspend_user(
                    user=user,
                    by=moderator,
                    days=form.cleaned_data["days"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                flash.success(request, _("Suspended."))
                return redirect(page)
        context = _context(user, suspend_form=form)
        return render(request, "moderation/user.html", context, status=400)
    if action == "silence":
        silence = SilenceForm(request.POST)
        if silence.is_valid():
            try:
                services.silence_user(
                    user=user,
                    by=moderator,
                    days=silence.cleaned_data["days"],
                    reason=silence.cleaned_data["reason"],
                )
            except ValidationError as error:
                add_service_errors(silence, error)
            else:
                flash.success(request, _("Silenced."))
                return redirect(page)
        context = _context(user, silence_form=silence)
        return render(request, "moderation/user.html", context, status=400)
    reason_form = ReasonForm(request.POST)
    reason = reason_form.cleaned_data["reason"] if reason_form.is_valid() else ""
    try:
        if action == "unsuspend":
            services.unsuspend_user(user=user, by=moderator, reason=reason)
        elif action == "unsilence":
            services.unsilence_user(user=user, by=moderator, reason=reason)
        elif action == "destroy":
            if request.POST.get("confirm") != user.username:
                raise ValidationError(_("Type the username to confirm."))
            counts = services.destroy_spammer(user=user, by=moderator, reason=reason)
            flash.success(
                request,
                _("Destroyed: %(posts)d posts, %(comments)d comments, %(votes)d votes undone.")
                % counts,
            )
            return redirect(page)
        else:
            raise Http404
    except ValidationError as error:
        flash.error(request, error_text(error))
    else:
        flash.success(request, _("Done."))
    return redirect(page)


@login_required
@require_GET
def suspended(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What a suspended or silenced member sees: why, and until when."""
    return render(request, "moderation/suspended.html", {"member": request.user})
