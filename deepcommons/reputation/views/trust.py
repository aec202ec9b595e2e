"""Trust levels on the member's own profile, the staff's level form, and the
privileges page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.accounts.models import TrustLevel, User
from deepcommons.accounts.privileges import PRIVILEGES
from deepcommons.accounts.profiles import get_profile_or_404
from deepcommons.reputation.services.trust import next_level_checks, set_trust_level


def render_trust_summary(request: HttpRequest, profile: User) -> str:
    """The profile's trust part: level and next-level checklist for the member
    themself; the level form for staff; nothing for anyone else."""
    viewer = request.user
    own = viewer.is_authenticated and viewer.pk == profile.pk
    # Staff only (no query): moderators change trust through the admin.
    staff = viewer.is_authenticated and viewer.is_staff
    if not own and not staff:
        return ""
    target, checks = next_level_checks(profile) if own else (None, [])
    context = {
        "profile": profile,
        "own": own,
        "staff": staff,
        "level_label": TrustLevel(profile.trust_level).label,
        "target_label": TrustLevel(target).label if target is not None else "",
        "checks": checks,
        "levels": TrustLevel.choices,
    }
    return render_to_string("reputation/_trust_summary.html", context, request=request)


@login_required
@require_POST
def trust_level_set(request: AuthenticatedHttpRequest, username: str) -> HttpResponse:
    """Staff set a member's level by hand (leader is only ever set here)."""
    profile = get_profile_or_404(username)
    if not (request.user.is_staff or request.user.is_moderator):
        raise PermissionDenied
    try:
        level = int(request.POST.get("level", ""))
    except ValueError:
        level = -1
    locked = request.POST.get("locked") == "on"
    try:
        set_trust_level(user=profile, level=level, locked=locked, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(name)s's trust level is now %(level)s.")
            % {"name": profile.name, "level": TrustLevel(level).label},
        )
    return redirect(profile.get_absolute_url())


def privilege_list(request: HttpRequest) -> HttpResponse:
    """Every privilege with its threshold; for a member, held or how much more is needed."""
    user = request.user
    rows = []
    for privilege in PRIVILEGES:
        held = user.is_authenticated and user.has_privilege(privilege.name)
        missing = 0
        if user.is_authenticated and not held:
            missing = privilege.threshold - user.reputation
        rows.append({"privilege": privilege, "held": held, "missing": missing})
    return render(request, "reputation/privilege_list.html", {"rows": rows})
