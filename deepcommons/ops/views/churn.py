"""The members at churn risk: their CSV, and the button that sends them the digest.

Both read the same list the Activity and churn page shows: the activity
snapshot's members ranked by contribution × (1 − P(alive)), the first ?top=
of them, for the page's space.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from deepcommons.accounts.http import AuthenticatedHttpRequest
from deepcommons.ops.services.digest import send_reengagement
from deepcommons.ops.views.activity import at_risk_head, at_risk_members, at_risk_row, parse_top
from deepcommons.ops.views.common import operator_required, page_view_for


def _members(request: HttpRequest) -> tuple[list[dict[str, Any]], list[str], str, int]:
    view = page_view_for(request, "activity")
    notes = list(view.messages)
    churn = view.data.get("churn", {}) if not view.reason else {}
    available = churn.get("members", [])
    top = parse_top(request, len(available), notes)
    scope = view.space.slug if view.space else ""
    return at_risk_members(view.data, top) if available else [], notes, scope, top


@operator_required
def at_risk_csv(request: HttpRequest) -> HttpResponse:
    members, _notes, scope, _top = _members(request)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([*at_risk_head(), "user_id"])
    for rank, member in enumerate(members, start=1):
        writer.writerow(
            ["" if v is None else v for v in at_risk_row(rank, member)] + [member["user_id"]]
        )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"churn-risk-{scope}" if scope else "churn-risk"
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@require_POST
@operator_required
def reengage(request: AuthenticatedHttpRequest) -> HttpResponse:
    members, notes, scope, top = _members(request)
    query = {k: v for k, v in (("space", scope), ("top", str(top))) if v}
    target = reverse("ops:activity") + ("?" + urlencode(query) if query else "")
    for note in notes:
        messages.error(request, note)
    if not members:
        messages.error(request, _("There are no members at churn risk to send the digest to."))
        return redirect(target + "#at-risk")
    result = send_reengagement(user_ids=[m["user_id"] for m in members], by=request.user)
    messages.success(
        request,
        ngettext(
            "Re-engagement digest sent to %(sent)d member.",
            "Re-engagement digest sent to %(sent)d members.",
            result.sent,
        )
        % {"sent": result.sent}
        + " "
        + _(
            "Skipped: %(opted_out)d who turned these digests off, %(already)d who already got "
            "one this week, %(inactive)d deactivated."
        )
        % {
            "opted_out": result.opted_out,
            "already": result.already_sent,
            "inactive": result.inactive,
        },
    )
    return redirect(target + "#at-risk")
