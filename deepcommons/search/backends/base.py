"""What every search backend does, and the SQL they share.

A backend answers one question: which post ids match a `ParsedQuery`, in
which order, and how many match in total. It does it in one SQL query over
`search_searchdocument` (and the engine's full-text structure); the filters
(tags with synonyms, user, space, kind, counts, dates) are plain SQL shared
by both backends.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection

from deepcommons.accounts.models import User
from deepcommons.posts.models import Post
from deepcommons.search.models import SearchDocument
from deepcommons.search.query import ParsedQuery
from deepcommons.spaces.models import Space, Tag, TagSynonym

DOC = SearchDocument._meta.db_table
SORTS = ("relevance", "newest", "votes")
# At most this many matches (the newest) are ranked and counted per query.
RANK_WINDOW = 5_000


def rank_window() -> int:
    """How many of a query's matches are ranked: the newest ones.

    Ranking costs time per matching post, so a word found in most of a
    million posts would be slow; past this many matches only the newest are
    ranked (and the total shows as "at least"). Setting: SEARCH_RANK_WINDOW.
    """
    return int(getattr(settings, "SEARCH_RANK_WINDOW", RANK_WINDOW))


@dataclass
class Hits:
    ids: list[int]
    total: int

    @property
    def total_is_capped(self) -> bool:
        return self.total >= rank_window()


@dataclass
class Where:
    sql: list[str]
    params: list[Any]

    def add(self, sql: str, *params: Any) -> None:
        self.sql.append(sql)
        self.params.extend(params)

    def clause(self) -> str:
        return " AND ".join(self.sql) if self.sql else "1=1"


def filter_clauses(
    query: ParsedQuery, *, kinds: tuple[str, ...] = (), exclude_ids: tuple[int, ...] = ()
) -> Where:
    """SQL conditions on the document alias `d` for the query's filters."""
    where = Where([], [])
    if exclude_ids:
        where.add(f"d.post_id NOT IN ({', '.join(['%s'] * len(exclude_ids))})", *exclude_ids)
    kind_list = list(query.kinds or kinds)
    if query.kinds and kinds:
        kind_list = [k for k in query.kinds if k in kinds] or ["-"]
    if kind_list:
        where.add(f"d.kind IN ({', '.join(['%s'] * len(kind_list))})", *kind_list)
    through = Post.tags.through._meta.db_table
    tag_table, synonym_table = Tag._meta.db_table, TagSynonym._meta.db_table
    for name in query.tags:
        # Each [tag] narrows further; a synonym means its tag.
        where.add(
            f"d.thread_id IN (SELECT pt.post_id FROM {through} pt WHERE pt.tag_id IN ("
            f"SELECT t.id FROM {tag_table} t WHERE LOWER(t.name) = %s "
            f"UNION SELECT s.tag_id FROM {synonym_table} s WHERE LOWER(s.name) = %s))",
            name,
            name,
        )
    if query.users:
        user_table = User._meta.db_table
        marks = ", ".join(["%s"] * len(query.users))
        where.add(
            f"d.author_id IN (SELECT u.id FROM {user_table} u "
            f"WHERE LOWER(u.username) IN ({marks}))",
            *[u.lower() for u in query.users],
        )
    if query.spaces:
        marks = ", ".join(["%s"] * len(query.spaces))
        where.add(
            f"d.space_id IN (SELECT s.id FROM {Space._meta.db_table} s WHERE s.slug IN ({marks}))",
            *query.spaces,
        )
    for column, bounds in (("answer_count", query.answers), ("score", query.score)):
        if bounds is None:
            continue
        low, high = bounds
        if low is not None:
            where.add(f"d.{column} >= %s", low)
        if high is not None:
            where.add(f"d.{column} <= %s", high)
    if query.accepted is not None:
        where.add("d.accepted = %s", query.accepted)
    if query.created is not None:
        start, stop = query.created
        if start is not None:
            where.add("d.created_at >= %s", start)
        if stop is not None:
            where.add("d.created_at < %s", stop)
    return where


def order_clause(sort: str, rank: str | None) -> str:
    """ORDER BY for `sort`; `rank` is the backend's expression (smaller is better)."""
    if sort == "newest":
        return "d.created_at DESC, d.post_id DESC"
    if sort == "votes":
        return "d.score DESC, d.post_id DESC"
    if rank is None:
        return "d.boost DESC, d.created_at DESC, d.post_id DESC"
    return f"{rank}, d.post_id DESC"


class SearchBackend(ABC):
    vendor = ""

    @abstractmethod
    def search(
        self,
        query: ParsedQuery,
        *,
        sort: str = "relevance",
        offset: int = 0,
        limit: int = 20,
        match_any: bool = False,
        prefix_last: bool = False,
        kinds: tuple[str, ...] = (),
        exclude_ids: tuple[int, ...] = (),
    ) -> Hits:
        """Matching post ids in `sort` order from `offset`, and the total.

        `match_any` ORs the words instead of ANDing them (similar questions);
        `prefix_last` lets the last word match as a prefix (typing).
        """

    def run(self, sql: str, params: list[Any]) -> Hits:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return Hits(ids=[int(r[0]) for r in rows], total=int(rows[0][1]) if rows else 0)

    def filter_only(
        self,
        query: ParsedQuery,
        where: Where,
        *,
        sort: str,
        offset: int,
        limit: int,
        excluded_sql: str = "",
        excluded_params: list[Any] | None = None,
    ) -> Hits:
        """No words to match: the filters alone, best-boosted (then newest) first."""
        if excluded_sql:
            where.add(excluded_sql, *(excluded_params or []))
        sql = (
            f"SELECT d.post_id, COUNT(*) OVER () FROM {DOC} d WHERE {where.clause()} "
            f"ORDER BY {order_clause(sort, None)} LIMIT %s OFFSET %s"
        )
        return self.run(sql, [*where.params, limit, offset])
