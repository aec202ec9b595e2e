"""SQLite FTS5: BM25 over the external-content table `search_fts`.

Every word goes into the MATCH expression as a quoted string, so FTS5
operators typed by users (`NEAR`, `OR`, `*`, `"`, parentheses) are only ever
searched as text.

Where the time goes, and how it is bounded (see docs/search.md, Performance):

- Walking FTS5's doclists is cheap (a fraction of a microsecond per match);
  `bm25()` costs a few microseconds per row, and so does reading the
  document row of a match (the rows hold the segmented text, so they are
  large). Both are done for at most `rank_window()` matches: the newest
  ones, read in descending rowid order straight from the index.
- A filter with an index behind it (tag, user, space, kind, score or date)
  passed by few enough posts (`id_set_max()`) is a membership test against
  an id set built once per query, so the documents of non-matching posts
  are never read; the other filters read the document of each match.
- Relevance keeps the best `RERANK` matches by `bm25()` alone, then reads
  only their documents to apply the boost (at most about ×2) and page.
"""

from __future__ import annotations

import math
import time
from typing import Any

from django.db import connection

from deepcommons.search.backends.base import (
    DOC,
    Hits,
    SearchBackend,
    Where,
    contradicts,
    order_clause,
    query_filters,
    rank_window,
)
from deepcommons.search.query import ParsedQuery

# bm25() weights for the columns title, tags, body.
WEIGHTS = (10.0, 4.0, 1.0)
# How many of the window's best bm25 matches are re-ranked with the boost.
RERANK = 200
# An indexed filter passed by at most id_set_max() posts is tested as an id
# set; a larger one is checked on each matching document instead. Building
# the set costs about 0.3 µs per id and saves about 0.7 µs per walked match,
# and a filter passed by F of N posts walks about window·N/F matches, so the
# break-even F grows as √N: about 22,000 at 100,000 posts, 70,000 at a million.
ID_SET_MIN = 20_000
ID_SET_SCALE = 5_000
ID_SET_MAX: int | None = None  # a fixed limit instead (tests)


def quote(words: list[str], *, prefix: bool = False) -> str:
    text = " ".join(words).replace('"', '""')
    return f'"{text}"' + ("*" if prefix else "")


def match_expression(query: ParsedQuery, *, match_any: bool, prefix_last: bool) -> str:
    parts = [quote([t]) for t in query.terms]
    if prefix_last and query.terms:
        parts[-1] = quote([query.terms[-1]], prefix=True)
    phrases = [quote(p) for p in query.phrases]
    positive = (" OR " if match_any else " AND ").join(parts + phrases)
    return f"({positive})" if positive else ""


def excluded_expression(query: ParsedQuery) -> str:
    return " OR ".join(quote(words) for words in query.excluded)


# (subquery, params) → (is small, when checked). Either answer gives the same
# results, only the plan differs, so a process may remember it for a while.
_small_sets: dict[tuple[str, tuple[Any, ...], int | None], tuple[bool, float]] = {}
SMALL_SET_TTL = 600.0


def id_set_max() -> int:
    """The largest id set worth building, from the number of documents (their top id)."""
    if ID_SET_MAX is not None:
        return ID_SET_MAX
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(post_id) FROM {DOC}")
        row = cursor.fetchone()
    documents = int(row[0] or 0) if row else 0
    return max(ID_SET_MIN, int(math.sqrt(ID_SET_SCALE * documents)))


def _small(ids_sql: str, params: list[Any]) -> bool:
    """Whether the subquery lists at most id_set_max() ids (reads at most that many index rows)."""
    key = (ids_sql, tuple(params), ID_SET_MAX)
    now = time.monotonic()
    known = _small_sets.get(key)
    if known is not None and now - known[1] < SMALL_SET_TTL:
        return known[0]
    limit = id_set_max()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({ids_sql} LIMIT {limit + 1})", params)
        small = int(cursor.fetchone()[0]) <= limit
    if len(_small_sets) > 1000:
        _small_sets.clear()
    _small_sets[key] = (small, now)
    return small


def split_filters(
    query: ParsedQuery,
    *,
    kinds: tuple[str, ...],
    exclude_ids: tuple[int, ...],
    column: str,
    drive: bool = False,
) -> tuple[Where, Where]:
    """(conditions on `column`, the post id, alone; conditions needing the document `d`).

    With `drive` SQLite may start from a small id set (looking rows up by id);
    without it, the set is only probed for each row of the scan.
    """
    by_id, by_doc = Where([], []), Where([], [])
    if exclude_ids:
        by_id.add(f"{column} NOT IN ({', '.join(['%s'] * len(exclude_ids))})", *exclude_ids)
    for item in query_filters(query, kinds=kinds):
        if item.ids_sql and _small(item.ids_sql, item.ids_params):
            # On the full-text table, the unary + keeps SQLite from driving the
            # scan by this set (one FTS5 query per id, and bm25 recounting the
            # whole doclist each time): the set is built once, probed per match.
            plus = "" if drive else "+"
            by_id.add(f"{plus}{column} IN ({item.ids_sql})", *item.ids_params)
        else:
            by_doc.add(item.doc_sql, *item.params)
    return by_id, by_doc


class FTS5Backend(SearchBackend):
    vendor = "sqlite"

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
        positive = match_expression(query, match_any=match_any, prefix_last=prefix_last)
        excluded = excluded_expression(query)
        window = rank_window()
        if offset >= window:
            return Hits(ids=[], total=window)
        if not positive:
            return self._filters_only(
                query,
                excluded=excluded,
                sort=sort,
                offset=offset,
                limit=limit,
                kinds=kinds,
                exclude_ids=exclude_ids,
            )
        if not match_any and contradicts(query):
            return Hits(ids=[], total=0)
        expression = f"{positive} NOT ({excluded})" if excluded else positive
        by_id, by_doc = split_filters(
            query, kinds=kinds, exclude_ids=exclude_ids, column="search_fts.rowid"
        )
        join = f"JOIN {DOC} d ON d.post_id = search_fts.rowid " if by_doc.sql else ""
        where = Where(["search_fts MATCH %s", *by_id.sql, *by_doc.sql], [expression])
        where.params += by_id.params + by_doc.params
        # The newest `window` matches, read in rowid order from the index.
        if sort == "relevance":
            weights = ", ".join(map(str, WEIGHTS))
            sql = (
                f"WITH m AS MATERIALIZED (SELECT search_fts.rowid AS post_id, "
                f"bm25(search_fts, {weights}) AS rank FROM search_fts {join}"
                f"WHERE {where.clause()} ORDER BY search_fts.rowid DESC LIMIT %s), "
                f"best AS MATERIALIZED (SELECT post_id, rank FROM m ORDER BY rank LIMIT %s) "
                f"SELECT d.post_id, (SELECT COUNT(*) FROM m) FROM best b "
                f"JOIN {DOC} d ON d.post_id = b.post_id "
                f"ORDER BY {order_clause(sort, 'b.rank * d.boost')} LIMIT %s OFFSET %s"
            )
            params = [*where.params, window, max(RERANK, offset + limit), limit, offset]
        else:
            sql = (
                f"WITH m AS MATERIALIZED (SELECT search_fts.rowid AS post_id FROM search_fts "
                f"{join}WHERE {where.clause()} ORDER BY search_fts.rowid DESC LIMIT %s) "
                f"SELECT d.post_id, (SELECT COUNT(*) FROM m) FROM m "
                f"JOIN {DOC} d ON d.post_id = m.post_id "
                f"ORDER BY {order_clause(sort, None)} LIMIT %s OFFSET %s"
            )
            params = [*where.params, window, limit, offset]
        return self.run(sql, params)

    def _filters_only(
        self,
        query: ParsedQuery,
        *,
        excluded: str,
        sort: str,
        offset: int,
        limit: int,
        kinds: tuple[str, ...],
        exclude_ids: tuple[int, ...],
    ) -> Hits:
        """No words to match: the newest `window` posts passing the filters, in `sort` order."""
        by_id, by_doc = split_filters(
            query, kinds=kinds, exclude_ids=exclude_ids, column="d.post_id", drive=True
        )
        where = Where([*by_id.sql, *by_doc.sql], [*by_id.params, *by_doc.params])
        return self.filter_only(
            query,
            where,
            sort=sort,
            offset=offset,
            limit=limit,
            excluded_sql=(
                "d.post_id NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
                if excluded
                else ""
            ),
            excluded_params=[excluded] if excluded else None,
        )
