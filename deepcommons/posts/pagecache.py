"""What the shared post fragments depend on (see `deepcommons.core.fragments`).

Two kinds of version: `thread:<id>` for a top-level post with its answers,
replies and comments, and `posts` for everything a list or the home page
shows. `hooks.publish` bumps them in the writer's transaction, so every
change that other apps hear about also invalidates the cached HTML.

The viewer signature of a thread is what changes its HTML for one person:
their votes, bookmarks, own posts and comments in it (tools, accept buttons,
own deleted posts) and whether they moderate. Everyone else shares one copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import connection

from deepcommons.core.fragments import bump_versions, get_versions
from deepcommons.core.models import CacheVersion
from deepcommons.posts.models import Bookmark, Comment, Post, Vote
from deepcommons.spaces.moderation import request_powers

if TYPE_CHECKING:
    from django.http import HttpRequest

LISTS = "posts"


def thread_version_name(root_id: int) -> str:
    return f"thread:{root_id}"


def post_changed(post: Post, event: str) -> None:
    """Make the cached HTML of `post`'s thread (and of lists) stale."""
    root_id = post.parent_id or post.pk
    names = [thread_version_name(root_id)]
    # Lists show top-level posts only: a vote on an answer changes no list.
    if not (event == "voted" and post.parent_id):
        names.append(LISTS)
    bump_versions(*names)


@dataclass(frozen=True)
class ThreadViewer:
    """One viewer's state in one thread; empty for anonymous visitors."""

    version: int = 0
    votes: dict[int, int] = field(default_factory=dict)
    bookmarks: frozenset[int] = frozenset()
    own_posts: frozenset[int] = frozenset()
    own_comments: frozenset[int] = frozenset()

    def signature(self) -> tuple[object, ...]:
        return (
            tuple(sorted(self.votes.items())),
            tuple(sorted(self.bookmarks)),
            tuple(sorted(self.own_posts)),
            tuple(sorted(self.own_comments)),
        )

    def annotate(self, posts: list[Post]) -> None:
        """Set `my_vote` and `is_bookmarked` as `annotate_viewer_state` does, without queries."""
        for post in posts:
            post.my_vote = self.votes.get(post.pk, 0)  # type: ignore[attr-defined]
            post.is_bookmarked = post.pk in self.bookmarks  # type: ignore[attr-defined]


def thread_viewer(user: Any, root_id: int) -> ThreadViewer:
    """The thread's version and `user`'s state in it, in one query."""
    if user is None or not user.is_authenticated:
        return ThreadViewer(version=get_versions(thread_version_name(root_id))[0])
    q = connection.ops.quote_name
    post, vote, mark, comment = (
        q(Post._meta.db_table),
        q(Vote._meta.db_table),
        q(Bookmark._meta.db_table),
        q(Comment._meta.db_table),
    )
    version = q(CacheVersion._meta.db_table)
    thread = f"SELECT id FROM {post} WHERE id = %s OR parent_id = %s"
    sql = (
        f"SELECT 'n', 0, value FROM {version} WHERE name = %s"
        f" UNION ALL SELECT 'v', post_id, value FROM {vote}"
        f" WHERE user_id = %s AND post_id IN ({thread})"
        f" UNION ALL SELECT 'b', post_id, 0 FROM {mark}"
        f" WHERE user_id = %s AND post_id IN ({thread})"
        f" UNION ALL SELECT 'p', id, 0 FROM {post}"
        f" WHERE author_id = %s AND (id = %s OR parent_id = %s)"
        f" UNION ALL SELECT 'c', id, 0 FROM {comment}"
        f" WHERE author_id = %s AND post_id IN ({thread})"
    )
    uid = user.pk
    params = [
        thread_version_name(root_id),
        *(uid, root_id, root_id),
        *(uid, root_id, root_id),
        *(uid, root_id, root_id),
        *(uid, root_id, root_id),
    ]
    found: dict[str, list[tuple[int, int]]] = {"n": [], "v": [], "b": [], "p": [], "c": []}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for kind, pk, value in cursor.fetchall():
            found[kind].append((int(pk), int(value)))
    return ThreadViewer(
        version=found["n"][0][1] if found["n"] else 0,
        votes=dict(found["v"]),
        bookmarks=frozenset(pk for pk, _ in found["b"]),
        own_posts=frozenset(pk for pk, _ in found["p"]),
        own_comments=frozenset(pk for pk, _ in found["c"]),
    )


def list_signature(request: HttpRequest) -> tuple[object, ...]:
    """The lists' version and who is looking, in one query.

    Lists show the viewer's own deleted posts greyed out, site moderators
    everyone's and space moderators those of their spaces: site moderators
    share one copy, space moderators and members with deleted posts get
    their own, everyone else shares one.
    """
    user = request.user
    if not user.is_authenticated:
        return (get_versions(LISTS)[0], "anonymous")
    powers = request_powers(request)
    if powers.site:
        return (get_versions(LISTS)[0], "moderator")
    if powers.space_ids:
        return (get_versions(LISTS)[0], f"user:{user.pk}")
    q = connection.ops.quote_name
    sql = (
        f"SELECT value FROM {q(CacheVersion._meta.db_table)} WHERE name = %s"
        f" UNION ALL SELECT -1 FROM (SELECT 1 FROM {q(Post._meta.db_table)}"
        f" WHERE author_id = %s AND deleted_at IS NOT NULL LIMIT 1) AS own_deleted"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [LISTS, user.pk])
        rows = [int(row[0]) for row in cursor.fetchall()]
    version = next((v for v in rows if v >= 0), 0)
    return (version, f"user:{user.pk}" if -1 in rows else "member")
