"""The page cache: the one place where pages and fragments of HTML are cached.

Two layers, both here:

- **Anonymous pages** (`@cache_anonymous`): a visitor with no session gets
  the whole page from the cache for `ANONYMOUS_SECONDS`. Members never do,
  so an author sees their post at once.
- **Shared fragments** (`cached_fragment`, `cached_partials` and the
  `{% shared %}` template tag): a piece of HTML that looks the same for many
  members is rendered once and served from the cache to every member in the
  same state.

A fragment's key is its name, its `parts` and the active language and time
zone (added here). `parts` must hold everything the HTML depends on:

- a **version** per area it shows, a `CacheVersion` row that the writer
  bumps (`bump_versions`) *inside its own transaction*, so the next request
  after a change — from any process, whatever the cache backend — misses
  and renders afresh;
- the **viewer's signature**: the few facts about the viewer that change the
  HTML (their votes, their own posts, whether they moderate), so that most
  members share one copy;
- the request parameters that select it (a sort, a cursor).

`read_version_and_facts` reads a version and the viewer's facts in one
query. The app that owns the HTML declares its version names and which
facts make a signature (`posts.pagecache` for threads and lists).

CSRF tokens inside cached HTML are stored as a placeholder and filled with
each visitor's own token on the way out, so a cached form still posts.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from functools import wraps
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from deepcommons.core.htmx import is_htmx
from deepcommons.core.models import CacheVersion

ANONYMOUS_SECONDS = 5
FRAGMENT_SECONDS = 60
CSRF_PLACEHOLDER = "__dc_csrf_token__"
CSRF_INPUT_RE = re.compile(r'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{32,64}(")')
FACT_TAG_RE = re.compile(r"^[a-z]$")

# A fact: SQL selecting two integer columns (say a post id and a vote value)
# and its parameters.
Fact = tuple[str, Sequence[Any]]


# Versions.


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


def read_version_and_facts(
    name: str, facts: Mapping[str, Fact]
) -> tuple[int, dict[str, list[tuple[int, int]]]]:
    """The version `name` and the rows of each fact, in one query.

    `facts` maps a one-letter tag to a `Fact`; the answer maps each tag to
    its rows, so a page pays one round trip for its version and its
    viewer's whole signature.
    """
    table = connection.ops.quote_name(CacheVersion._meta.db_table)
    selects = [f"SELECT '', 0, value FROM {table} WHERE name = %s"]
    params: list[Any] = [name]
    for tag, (sql, fact_params) in facts.items():
        # The tag is written into the SQL, so it must be a plain letter.
        if not FACT_TAG_RE.match(tag):
            raise ValueError(f"fact tag must be one lowercase letter, not {tag!r}")
        selects.append(f"SELECT '{tag}', fact_{tag}.* FROM ({sql}) AS fact_{tag}")
        params.extend(fact_params)
    rows: dict[str, list[tuple[int, int]]] = {tag: [] for tag in facts}
    version = 0
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        for tag, first, second in cursor.fetchall():
            if tag:
                rows[tag].append((int(first), int(second)))
            else:
                version = int(second)
    return version, rows


# CSRF tokens.


def strip_csrf_tokens(html: str) -> str:
    return CSRF_INPUT_RE.sub(rf"\g<1>{CSRF_PLACEHOLDER}\g<2>", html)


def fill_csrf_tokens(request: HttpRequest, html: str) -> str:
    if CSRF_PLACEHOLDER not in html:
        return html
    return html.replace(CSRF_PLACEHOLDER, get_token(request))


# Shared fragments.


def fragment_key(name: str, parts: tuple[object, ...]) -> str:
    """The cache key of fragment `name` for `parts` in the active language and time zone."""
    digest = hashlib.blake2b(
        repr((translation.get_language(), timezone.get_current_timezone_name(), parts)).encode(),
        digest_size=16,
    ).hexdigest()
    return f"frag:{name}:{digest}"


def cached_fragment(
    request: HttpRequest,
    *,
    name: str,
    parts: tuple[object, ...],
    render: Callable[[], str],
    timeout: int = FRAGMENT_SECONDS,
) -> SafeString:
    """The HTML `render()` returns, shared across requests with equal `parts`.

    `parts` must hold every version and viewer fact the HTML depends on.
    `timeout` bounds how stale what no version covers may get (relative
    times, an author's new avatar).
    """
    key = fragment_key(name, parts)
    html = cache.get(key)
    if html is None:
        html = strip_csrf_tokens(str(render()))
        cache.set(key, html, timeout)
    return mark_safe(fill_csrf_tokens(request, html))


def cached_partials(
    request: HttpRequest,
    template_name: str,
    names: Sequence[str],
    *,
    parts: tuple[object, ...],
    context: Callable[[], Mapping[str, Any]],
    timeout: int = FRAGMENT_SECONDS,
) -> dict[str, SafeString]:
    """The named partials of `template_name`, each shared across requests with equal `parts`.

    `context()` builds what the partials render from (and runs their
    queries); it is called once, on the first miss, and not at all when
    every partial is cached. One cache read serves all of them.
    """
    keys = {name: fragment_key(f"{template_name}#{name}", parts) for name in names}
    found: dict[str, str] = cache.get_many(list(keys.values()))
    missing = [name for name in names if keys[name] not in found]
    if missing:
        values = context()
        fresh = {
            keys[name]: strip_csrf_tokens(
                render_to_string(f"{template_name}#{name}", dict(values), request)
            )
            for name in missing
        }
        cache.set_many(fresh, timeout)
        found.update(fresh)
    return {name: mark_safe(fill_csrf_tokens(request, found[keys[name]])) for name in names}


# Anonymous pages.


def cache_anonymous(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve anonymous GETs of `view` from the cache for `ANONYMOUS_SECONDS`.

    Anyone with a session (members, visitors with a pending message) and
    htmx requests always get a fresh page. The key is a digest of the
    language, the theme cookie and the full path; the CSRF token in the
    cached HTML is swapped for the visitor's own.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if (
            request.method != "GET"
            or request.user.is_authenticated
            or is_htmx(request)
            or "messages" in request.COOKIES
            or "sessionid" in request.COOKIES
        ):
            return view(request, *args, **kwargs)
        # Hashed: a path (a hostile cursor, say) can be longer than a cache key may be.
        page = (
            translation.get_language(),
            request.COOKIES.get("dc_theme", ""),
            request.get_full_path(),
        )
        key = "anon:" + hashlib.blake2b(repr(page).encode(), digest_size=16).hexdigest()
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(fill_csrf_tokens(request, content), content_type=content_type)
            response["X-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            html = strip_csrf_tokens(response.content.decode())
            cache.set(key, (html, response["Content-Type"]), ANONYMOUS_SECONDS)
        return response

    return wrapper
