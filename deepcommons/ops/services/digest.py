"""The re-engagement digest: what is new, sent to members at churn risk.

An operator sends it from the Activity and churn page to the members most
at risk. It goes through social's notifications as the kind
REENGAGEMENT_KIND ("ops.reengagement"), which members see on their
notification preferences and may turn off: a member whose channel for it is
"off" is skipped, not notified. Each member gets it at most once per ISO
week (the notification's dedupe key names the week), however often the
button is pressed; members who are inactive (deactivated) are skipped too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from deepcommons.accounts.models import User
from deepcommons.social.kinds import register_kind
from deepcommons.social.models import Channel, Notification, NotificationPreference

REENGAGEMENT_KIND = "ops.reengagement"
#: How many new posts the digest lists.
DIGEST_POSTS = 5


def register() -> None:
    """Register the notification kind (from OpsConfig.ready)."""
    register_kind(
        REENGAGEMENT_KIND,
        _("What is new, when I have not been around for a while"),
        "ops/notifications/reengagement.html",
        Channel.IMMEDIATE,
    )


def week_key(now: datetime | None = None) -> str:
    year, week, _day = (now or timezone.now()).isocalendar()
    return f"{REENGAGEMENT_KIND}:{year}-W{week:02d}"


@dataclass(frozen=True)
class DigestResult:
    sent: int
    opted_out: int
    already_sent: int
    inactive: int

    @property
    def skipped(self) -> int:
        return self.opted_out + self.already_sent + self.inactive


def _new_posts() -> list[dict[str, str]]:
    from deepcommons.posts.models import Post

    posts = (
        Post.objects.visible_to(None)
        .top_level()
        .in_period("week")
        .order_by("-score", "-created_at", "-pk")[:DIGEST_POSTS]
    )
    return [{"title": post.title, "url": post.get_absolute_url()} for post in posts]


def send_reengagement(*, user_ids: Iterable[int], by: User | None) -> DigestResult:
    """Notify each of `user_ids` once this week, unless they turned the kind off.

    Returns how many were sent and why the others were skipped. `by` is the
    operator who pressed the button (recorded in the notification's data, not
    shown as its actor).
    """
    from deepcommons.social.services.notifications import deliver_fan_out

    ids = sorted({int(i) for i in user_ids})
    key = week_key()
    opted_out = set(
        NotificationPreference.objects.filter(
            user_id__in=ids, kind=REENGAGEMENT_KIND, channel=Channel.OFF
        ).values_list("user_id", flat=True)
    )
    already = set(
        Notification.objects.filter(recipient_id__in=ids, dedupe_key=key).values_list(
            "recipient_id", flat=True
        )
    )
    active = set(User.objects.active().filter(pk__in=ids).values_list("pk", flat=True))
    inactive = set(ids) - active
    recipients = [i for i in ids if i in active and i not in opted_out and i not in already]
    sent = 0
    if recipients:
        sent = deliver_fan_out(
            recipient_ids=recipients,
            follower_of=None,
            kind=REENGAGEMENT_KIND,
            actor_id=None,
            target=None,
            data={"posts": _new_posts(), "sent_by": by.pk if by is not None else None},
            dedupe_key=key,
        )
    return DigestResult(
        sent=sent,
        opted_out=len(opted_out - inactive),
        already_sent=len((already - opted_out) - inactive),
        inactive=len(inactive),
    )
