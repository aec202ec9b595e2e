"""Posts' declarations for the page cache (the mechanism is `deepcommons.core.pagecache`).

Two kinds of version: `thread:<id>` for a top-level post with its answers,
replies and comments, and `posts` for everything a list or the home page
shows. `hooks.publish` calls `post_changed`, which bumps them in the writer's
transaction, so every change that other apps hear about also invalidates
the cached HTML.

The viewer signature of a thread is what changes its HTML for one person:
their votes, bookmarks, own posts and comments in it (tools, accept buttons,
own deleted posts), whether they moderate it and the reputation privileges
they hold (vote and comment buttons, the vote split, edit links). Everyone else shares one
copy. On lists it is whether they moderate and whether they have deleted
posts of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import connection

from deepcommons.core.pagecache import Fact, bump_versions, get_versions, read_version_and_facts
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

    root_id: int
    version: int = 0
    moderator: bool = False
    votes: dict[int, int] = field(default_factory=dict)
    bookmarks: frozenset[int] = frozenset()
    own_posts: frozenset[int] = frozenset()
    own_comments: frozenset[int] = frozenset()
    privileges: frozenset[str] = frozenset()

    def signature(self) -> tuple[object, ...]:
        return (
            self.moderator,
            tuple(sorted(self.privileges)),
            tuple(sorted(self.votes.items())),
            tuple(sorted(self.bookmarks)),
            tuple(sorted(self.own_posts)),
            tuple(sorted(self.own_comments)),
        )

    def parts(self, *params: object) -> tuple[object, ...]:
        """The fragment key parts of this thread for this viewer, with the page's `params`."""
        return (self.root_id, self.version, *params, *self.signature())

    def annotate(self, posts: list[Post]) -> None:
        """Set `my_vote` and `is_bookmarked` as `annotate_viewer_state` does, without queries."""
        for post in posts:
            post.my_vote = self.votes.get(post.pk, 0)  # type: ignore[attr-defined]
            post.is_bookmarked = post.pk in self.bookmarks  # type: ignore[attr-defined]


def thread_viewer(
    user: Any,
    root_id: int,
    *,
    moderator: bool = False,
    privileges: frozenset[str] = frozenset(),
) -> ThreadViewer:
    """The thread's version and `user`'s state in it, in one query.

    `moderator`: whether the viewer moderates the thread (the views know it
    from the request's powers); `privileges`: the names they hold
    (`posts.views.common.viewer_privileges`).
    """
    name = thread_version_name(root_id)
    facts: dict[str, Fact] = {}
    if user is not None and user.is_authenticated:
        q = connection.ops.quote_name
        post, vote, mark, comment = (
            q(Post._meta.db_table),
            q(Vote._meta.db_table),
            q(Bookmark._meta.db_table),
            q(Comment._meta.db_table),
        )
        thread = f"SELECT id FROM {post} WHERE id = %s OR parent_id = %s"
        mine = (user.pk, root_id, root_id)
        facts = {
            "v": (
                f"SELECT post_id, value FROM {vote} WHERE user_id = %s AND post_id IN ({thread})",
                mine,
            ),
            "b": (
                f"SELECT post_id, 0 FROM {mark} WHERE user_id = %s AND post_id IN ({thread})",
                mine,
            ),
            "p": (
                f"SELECT id, 0 FROM {post} WHERE author_id = %s AND (id = %s OR parent_id = %s)",
                mine,
            ),
            "c": (
                f"SELECT id, 0 FROM {comment} WHERE author_id = %s AND post_id IN ({thread})",
                mine,
            ),
        }
    version, found = read_version_and_facts(name, facts)
    return ThreadViewer(
        root_id=root_id,
        version=version,
        moderator=moderator,
        votes=dict(found.get("v", [])),
        bookmarks=frozenset(pk for pk, _ in found.get("b", [])),
        own_posts=frozenset(pk for pk, _ in found.get("p", [])),
        own_comments=frozenset(pk for pk, _ in found.get("c", [])),
        privileges=privileges,
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
    post = connection.ops.quote_name(Post._meta.db_table)
    own_deleted: Fact = (
        f"SELECT 1, 0 FROM {post} WHERE author_id = %s AND deleted_at IS NOT NULL LIMIT 1",
        [user.pk],
    )
    version, found = read_version_and_facts(LISTS, {"d": own_deleted})
    return (version, f"user:{user.pk}" if found["d"] else "member")
