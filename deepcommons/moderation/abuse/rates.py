"""The one table of anti-abuse rate limits, and who gets which rate.

Each action has rates in `core.ratelimit` notation ("3/d", "1/30s") for
several kinds of caller:

- "first_day": a trust-level-0 member whose account is under 24 hours old;
- "tl0" … "tl4": a member, by trust level (the highest key at or below the
  member's level applies);
- "ip": every caller from one client address (members and visitors alike).

Operators change them with `ABUSE_RATE_LIMITS` in settings, merged over the
defaults per action (`{"vote": {"tl0": "30/d"}}`); a rate of None removes that
rule. `ABUSE_RATE_LIMITS_ENABLED = False` turns them all off (the tests do).
Moderators and staff are never limited.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from deepcommons.accounts.models import User
from deepcommons.core import ratelimit

# Defaults follow Discourse (and agree with reputation.trust.LIMITS): new
# members 3 topics and 10 replies on their first day, 20 topics a day after,
# 30 s between posts below trust level 2 (10 s from it), 50 likes a day
# (x1.5 at TL2, x2 at TL3, x3 at TL4), registrations 5 per address an hour.
DEFAULT_RATES: dict[str, dict[str, str | None]] = {
    "topic": {"first_day": "3/d", "tl0": "20/d", "tl2": "50/d", "ip": "30/h"},
    "reply": {"first_day": "10/d", "tl0": "50/d", "tl1": "100/d", "tl2": "500/d", "ip": "120/h"},
    "comment": {"first_day": "20/d", "tl0": "50/d", "tl1": "100/d", "tl2": "500/d", "ip": "200/h"},
    # Between any two posts (topics, replies, comments), per member.
    "post_interval": {"tl0": "1/30s", "tl2": "1/10s"},
    "vote": {"tl0": "50/d", "tl2": "75/d", "tl3": "100/d", "tl4": "150/d", "ip": "300/h"},
    "flag": {"tl0": "10/d", "tl2": "20/d", "tl3": "30/d", "ip": "50/h"},
    "message": {"first_day": "20/h", "tl0": "20/h", "tl1": "60/h", "tl2": "120/h", "ip": "200/h"},
    "register": {"ip": "5/h"},
}

# What a 429 says was used up, per action (whole sentences, for translators).
ACTION_MESSAGES = {
    "topic": _("You have used your %(limit)d new topics per %(period)s."),
    "reply": _("You have used your %(limit)d answers and replies per %(period)s."),
    "comment": _("You have used your %(limit)d comments per %(period)s."),
    "vote": _("You have used your %(limit)d votes per %(period)s."),
    "flag": _("You have used your %(limit)d flags per %(period)s."),
    "message": _("You have used your %(limit)d messages per %(period)s."),
    "register": _("This address has used its %(limit)d new accounts per %(period)s."),
}

# The actions a post of each kind counts against: its own, and the interval.
POSTING_ACTIONS = {"topic", "reply", "comment"}


@dataclass(frozen=True)
class Bucket:
    """One counter a request is checked against and counted in."""

    scope: str  # the ratelimit scope: "abuse:<action>:<who>"
    ident: str  # user id or client address
    rate: str
    action: str

    @property
    def is_gap(self) -> bool:
        """A minimum gap ("1/30s" between posts) rather than a count per window.

        A fixed window would let two posts through a second apart across a
        window's edge, so a gap is kept as the time of the last hit instead.
        """
        return self.action == "post_interval"

    def _gap_key(self) -> str:
        return f"rl:{self.scope}:{self.ident}:last"

    def is_full(self) -> bool:
        if self.is_gap:
            return self.retry_after() > 0
        return ratelimit.is_limited(self.scope, self.ident, self.rate)

    def retry_after(self) -> int:
        if self.is_gap:
            _count, period = ratelimit.parse_rate(self.rate)
            last = cache.get(self._gap_key())
            if last is None:
                return 0
            # Rounded up, so a wait of 0.4 s is announced as 1 s, never 0.
            return max(0, math.ceil(period - (time.time() - float(last))))
        return ratelimit.seconds_until_reset(self.scope, self.ident, self.rate)

    def hit(self) -> None:
        if self.is_gap:
            _count, period = ratelimit.parse_rate(self.rate)
            cache.set(self._gap_key(), time.time(), timeout=period)
        else:
            ratelimit.record(self.scope, self.ident, self.rate)


def enabled() -> bool:
    return bool(getattr(settings, "ABUSE_RATE_LIMITS_ENABLED", True))


def rates_for(action: str) -> dict[str, str | None]:
    """The defaults for `action` with the operator's overrides on top."""
    overrides = getattr(settings, "ABUSE_RATE_LIMITS", {}) or {}
    return {**DEFAULT_RATES.get(action, {}), **overrides.get(action, {})}


def is_first_day(user: User) -> bool:
    return user.trust_level == 0 and user.date_joined > timezone.now() - timedelta(days=1)


def member_rate(action: str, user: User) -> tuple[str, str] | None:
    """(who, rate) that applies to `user` for `action`, or None when unlimited."""
    rates = rates_for(action)
    if is_first_day(user) and rates.get("first_day"):
        return "first_day", str(rates["first_day"])
    for level in range(int(user.trust_level), -1, -1):
        rate = rates.get(f"tl{level}")
        if f"tl{level}" in rates:
            return (f"tl{level}", rate) if rate else None
    return None


def is_exempt(user: User | None) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return bool(user.is_staff or user.is_superuser or user.is_moderator)


def buckets_for(action: str, *, user: User | None, ip: str) -> list[Bucket]:
    """Every counter a POST for `action` by `user` from `ip` must fit in."""
    if is_exempt(user):
        return []
    signed_in = user is not None and user.is_authenticated
    if not signed_in and action != "register":
        # Only members may post, vote, flag or write: a visitor's POST is
        # refused by the view (a redirect to log in), so it must not count.
        return []
    actions = [action, "post_interval"] if action in POSTING_ACTIONS else [action]
    buckets = []
    for name in actions:
        if signed_in and user is not None:
            found = member_rate(name, user)
            if found:
                # One counter per member whatever their level, so a promotion
                # mid-window keeps what was used; only the limit changes.
                buckets.append(Bucket(f"abuse:{name}:user", str(user.pk), found[1], name))
        ip_rate = rates_for(name).get("ip")
        if ip_rate:
            buckets.append(Bucket(f"abuse:{name}:ip", ip, str(ip_rate), name))
    return buckets


def exhausted(buckets: list[Bucket]) -> Bucket | None:
    """The used-up bucket that frees last, or None when the request may go ahead."""
    full = [b for b in buckets if b.is_full()]
    return max(full, key=lambda b: b.retry_after()) if full else None


def record(buckets: list[Bucket]) -> None:
    for bucket in buckets:
        bucket.hit()


def describe(bucket: Bucket) -> str:
    """'You have used your 3 new topics per day. Try again in 5 hours.'"""
    limit, period = ratelimit.parse_rate(bucket.rate)
    if bucket.action == "post_interval":
        return ngettext(
            "Please wait %(count)d second between posts.",
            "Please wait %(count)d seconds between posts.",
            period,
        ) % {"count": period}
    return str(ACTION_MESSAGES[bucket.action]) % {
        "limit": limit,
        "period": describe_period(period),
    }


def describe_period(seconds: int) -> str:
    if seconds % 86400 == 0:
        days = seconds // 86400
        return str(_("day")) if days == 1 else ngettext("%d day", "%d days", days) % days
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return str(_("hour")) if hours == 1 else ngettext("%d hour", "%d hours", hours) % hours
    if seconds % 60 == 0:
        minutes = seconds // 60
        if minutes == 1:
            return str(_("minute"))
        return ngettext("%d minute", "%d minutes", minutes) % minutes
    return ngettext("%d second", "%d seconds", seconds) % seconds


def describe_wait(seconds: int) -> str:
    """'Try again in 4 minutes.' rounded up to a readable unit."""
    if seconds >= 7200:
        hours = -(-seconds // 3600)
        return ngettext("Try again in %d hour.", "Try again in %d hours.", hours) % hours
    if seconds >= 120:
        minutes = -(-seconds // 60)
        return ngettext("Try again in %d minute.", "Try again in %d minutes.", minutes) % minutes
    return ngettext("Try again in %d second.", "Try again in %d seconds.", seconds) % seconds
