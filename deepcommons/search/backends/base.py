"""What every search backend does, and the SQL they share.

A backend answers one question: which post ids match a `ParsedQuery`, in
which order, and how many match in total (at most `rank_window()`). It does
it in one SQL query over `search_searchdocument` (and the engine's full-text
structure), sometimes after a cheap look at how many rows a part would give
to choose the query's shape; the filters (tags with synonyms, user, space,
kind, counts, dates) are plain SQL shared by both backends, each in two
equivalent forms (`Filter`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection

from deepcommons.accounts.models import User
from deepcommons.posts.models import Kind, Post
from deepcommons.search.models import DocumentTag, SearchDocument
from deepcommons.search.query import ParsedQuery
from deepcommons.spaces.models import Space, Tag, TagSynonym

DOC = SearchDocument._meta.db_table
DOC_TAG = DocumentTag._meta.db_table
# The id of the tag named %s, or of the tag whose synonym it is (names are
# unique, and a synonym never has a tag's name), NULL for neither.
TAG_ID = (
    f"SELECT t.id FROM {Tag._meta.db_table} t WHERE LOWER(t.name) = %s "
    f"UNION ALL SELECT s.tag_id FROM {TagSynonym._meta.db_table} s WHERE LOWER(s.name) = %s "
    "LIMIT 1"
)
SORTS = ("relevance", "newest", "votes")
# At most this many matches (the newest) are ranked and counted per query.
RANK_WINDOW = 2_000


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


@dataclass
class Filter:
    """One filter of a query, in two equivalent forms.

    `doc_sql` (with `params`) is a condition on the document alias `d`,
    checked row by row. `ids_sql` (with `ids_params`), when not empty, is a
    subquery listing the ids of the posts that pass, read from an index
    (posts by author, kind+score, kind+date; documents by kind, space, tag), so a
    backend can test membership in a small set instead of reading each
    matching document.
    """

    name: str  # the operator: kind, tag, user, space, score, answers, accepted, created
    doc_sql: str
    params: list[Any]
    ids_sql: str = ""
    ids_params: list[Any] = field(default_factory=list)
    # Whether an index hands out `ids_sql`'s ids in id order (one kind, one
    # space, a tag), so a backend can walk them newest first.
    ordered: bool = False


def _marks(values: list[Any] | tuple[Any, ...]) -> str:
    return ", ".join(["%s"] * len(values))


def _range(
    name: str,
    column: str,
    low: Any,
    high: Any,
    *,
    high_open: bool = False,
    ids: tuple[str, list[Any]] | None = None,
) -> Filter:
    """`column >= low AND column <= high` (or `< high`) on the document; with `ids`
    (a query on posts `p` ending in "WHERE … AND", and its params), also as
    posts' ids."""
    parts: list[str] = []
    params: list[Any] = []
    if low is None and high is None:
        # Unbounded: no condition (a ParsedQuery built by hand may hold one).
        parts.append("1=1")
    if low is not None:
        parts.append(f"{{alias}}.{column} >= %s")
        params.append(low)
    if high is not None:
        parts.append(f"{{alias}}.{column} {'<' if high_open else '<='} %s")
        params.append(high)
    sql = " AND ".join(parts)
    if ids is None:
        return Filter(name, sql.format(alias="d"), params)
    prefix, prefix_params = ids
    return Filter(
        name, sql.format(alias="d"), params, prefix + sql.format(alias="p"), prefix_params + params
    )


def query_filters(query: ParsedQuery, *, kinds: tuple[str, ...] = ()) -> list[Filter]:
    """The query's filters (and the caller's `kinds`), each as a `Filter`."""
    out: list[Filter] = []
    posts = Post._meta.db_table
    kind_list = list(query.kinds or kinds)
    if query.kinds and kinds:
        kind_list = [k for k in query.kinds if k in kinds] or ["-"]
    if kind_list:
        marks = _marks(kind_list)
        # The caller's kinds (questions, for similar questions) are most posts.
        ids = f"SELECT d2.post_id FROM {DOC} d2 WHERE d2.kind IN ({marks})" if query.kinds else ""
        out.append(
            Filter(
                "kind",
                f"d.kind IN ({marks})",
                kind_list,
                ids,
                kind_list if ids else [],
                ordered=bool(ids) and len(kind_list) == 1,
            )
        )
    for name in query.tags:
        # Each [tag] narrows further; a synonym means its tag; an answer has its
        # thread's (DocumentTag holds the thread's tags for every document).
        tagged = f"SELECT dt.post_id FROM {DOC_TAG} dt WHERE dt.tag_id = ({TAG_ID})"
        out.append(
            Filter("tag", f"d.post_id IN ({tagged})", [name, name], tagged, [name, name], True)
        )
    if query.users:
        users = [u.lower() for u in query.users]
        authors = (
            f"SELECT u.id FROM {User._meta.db_table} u WHERE LOWER(u.username) IN ({_marks(users)})"
        )
        out.append(
            Filter(
                "user",
                f"d.author_id IN ({authors})",
                users,
                f"SELECT p.id FROM {posts} p WHERE p.author_id IN ({authors})",
                users,
            )
        )
    if query.spaces:
        spaces = (
            f"SELECT s.id FROM {Space._meta.db_table} s WHERE s.slug IN ({_marks(query.spaces)})"
        )
        # One space is compared with =, so its documents are walked in id order.
        one = len(query.spaces) == 1
        match = f"= ({spaces})" if one else f"IN ({spaces})"
        # A document's space is its thread's.
        out.append(
            Filter(
                "space",
                f"d.space_id {match}",
                list(query.spaces),
                f"SELECT d2.post_id FROM {DOC} d2 WHERE d2.space_id {match}",
                list(query.spaces),
                ordered=one,
            )
        )
    # Posts' indexes (kind, score) and (kind, created_at) serve ranges over every kind.
    all_kinds = [value for value, _label in Kind.choices]
    every_kind = f"SELECT p.id FROM {posts} p WHERE p.kind IN ({_marks(all_kinds)}) AND "
    kind_ids = (every_kind, all_kinds)
    if query.score is not None:
        out.append(_range("score", "score", *query.score, ids=kind_ids))
    if query.answers is not None:
        out.append(_range("answers", "answer_count", *query.answers))
    if query.accepted is not None:
        out.append(Filter("accepted", "d.accepted = %s", [query.accepted]))
    if query.created is not None:
        # Raw SQL skips the field's conversion: SQLite would compare its stored
        # text with the aware datetime's str() ("…+00:00"), off at the bounds.
        low, high = (connection.ops.adapt_datetimefield_value(v) for v in query.created)
        created = _range("created", "created_at", low, high, high_open=True, ids=kind_ids)
        out.append(created)
    return out


def contradicts(query: ParsedQuery) -> bool:
    """Whether the query excludes one of its own words or phrases (`vector -vector`)."""
    wanted = [[t] for t in query.terms] + query.phrases
    return any(excluded in wanted for excluded in query.excluded)


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
        source: tuple[str, list[Any]] | None = None,
    ) -> Hits:
        """No words to match: of the newest `rank_window()` posts passing the filters,
        the best-boosted (then newest) first.

        `source` (SQL, params) replaces the documents table: a FROM clause
        giving the documents `d` of a candidate list `c`, walked newest first
        in `c.post_id` order."""
        if excluded_sql:
            where.add(excluded_sql, *(excluded_params or []))
        rows, newest = f"{DOC} d", "d.post_id DESC"
        source_params: list[Any] = []
        if source is not None:
            rows, source_params = source
            newest = "c.post_id DESC"
        sql = (
            f"WITH m AS MATERIALIZED (SELECT d.post_id FROM {rows} WHERE {where.clause()} "
            f"ORDER BY {newest} LIMIT %s) "
            f"SELECT d.post_id, (SELECT COUNT(*) FROM m) FROM m "
            f"JOIN {DOC} d ON d.post_id = m.post_id "
            f"ORDER BY {order_clause(sort, None)} LIMIT %s OFFSET %s"
        )
        return self.run(sql, [*source_params, *where.params, rank_window(), limit, offset])
