"""Fixed-window rate limits kept in the cache (Redis when configured)."""

from __future__ import annotations

import time

from django.core.cache import cache
from django.http import HttpRequest


def parse_rate(rate: str) -> tuple[int, int]:
    """'20/15m' -> (20, 900). Units: s, m, h, d."""
    count, _, period = rate.partition("/")
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    number = period[:-1] or "1"
    return int(count), int(number) * units[period[-1]]


def client_ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def _key(scope: str, ident: str, period: int) -> str:
    window = int(time.time() // period)
    return f"rl:{scope}:{ident}:{window}"


def is_limited(scope: str, ident: str, rate: str) -> bool:
    """True when `ident` has used up `rate` in the current window."""
    limit, period = parse_rate(rate)
    return int(cache.get(_key(scope, ident, period), 0)) >= limit


def record(scope: str, ident: str, rate: str) -> int:
    """Count one hit; returns the count in the current window (atomic)."""
    _limit, period = parse_rate(rate)
    key = _key(scope, ident, period)
    cache.add(key, 0, timeout=period + 1)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period + 1)
        return 1


def seconds_until_reset(scope: str, ident: str, rate: str) -> int:
    """Seconds until the current window of `rate` ends and `ident` starts afresh.

    Windows are fixed and aligned to the epoch, so this is the same for every
    scope and identity with that period; it is at least 1 (for `Retry-After`).
    """
    _limit, period = parse_rate(rate)
    return max(1, int(period - time.time() % period))
