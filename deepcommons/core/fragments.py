"""HTML fragments rendered once and shared by every viewer in the same state.

A page that looks the same for many people (a question with its answers, a
list) is rendered once per *version* of what it shows and per *viewer
signature* (the few facts about the viewer that change its HTML: their votes,
bookmarks, own posts, moderator status), then served from the cache. The
version is a `CacheVersion` row that writers bump inside their transaction,
so the next request after a change — from any process, even with a
per-process cache — misses and renders afresh: nobody sees their own change
late. CSRF tokens are stored as a placeholder and filled in per request.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from deepcommons.core.models import CacheVersion

CSRF_PLACEHOLDER = "__dc_csrf_token__"
CSRF_INPUT_RE = re.compile(r'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{32,64}(")')
FRAGMENT_SECONDS = 60


def bump_versions(*names: str) -> None:
    """Add one to each named version (creating it), in the current transaction."""
    table = connection.ops.quote_name(CacheVersion._meta.db_table)
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute(
                f"INSERT INTO {table} (name, value) VALUES (%s, 1) "
                f"ON CONFLICT (name) DO UPDATE SET value = {table}.value + 1",
                [name],
            )


def get_versions(*names: str) -> tuple[int, ...]:
    """The current value of each named version (0 if never bumped), in one query."""
    table = connection.ops.quote_name(CacheVersion._meta.db_table)
    marks = ", ".join(["%s"] * len(names))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT name, value FROM {table} WHERE name IN ({marks})", list(names))
        found = dict(cursor.fetchall())
    return tuple(int(found.get(name, 0)) for name in names)


def strip_csrf_tokens(html: str) -> str:
    return CSRF_INPUT_RE.sub(rf"\g<1>{CSRF_PLACEHOLDER}\g<2>", html)


def fill_csrf_tokens(request: HttpRequest, html: str) -> str:
    if CSRF_PLACEHOLDER not in html:
        return html
    return html.replace(CSRF_PLACEHOLDER, get_token(request))


def cached_fragment(
    request: HttpRequest,
    *,
    name: str,
    parts: tuple[object, ...],
    render: Callable[[], str],
    timeout: int = FRAGMENT_SECONDS,
) -> SafeString:
    """The HTML `render()` returns, shared across requests with equal `parts`.

    `parts` must hold every version and viewer fact the HTML depends on; the
    language and time zone are added here. `timeout` bounds how stale what
    no version covers may get (relative times, an author's new avatar).
    """
    digest = hashlib.blake2b(
        repr((translation.get_language(), timezone.get_current_timezone_name(), parts)).encode(),
        digest_size=16,
    ).hexdigest()
    key = f"frag:{name}:{digest}"
    html = cache.get(key)
    if html is None:
        html = strip_csrf_tokens(str(render()))
        cache.set(key, html, timeout)
    return mark_safe(fill_csrf_tokens(request, html))
