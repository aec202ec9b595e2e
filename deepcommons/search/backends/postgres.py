"""PostgreSQL full-text search: the generated `vector` column, ts_rank_cd.

The query text goes to plainto_tsquery / phraseto_tsquery as parameters, so
no user input is ever parsed as tsquery syntax; the tsquery is assembled from
them with &&, || and !!.

Cost (see docs/search.md, Performance): only the newest `rank_window()`
matches are ranked. There are two ways to find them, and PostgreSQL's own
choice between them is often wrong here, because it takes testing `@@` on a
row for almost free while it costs about as much as fetching the row:

- walk the primary key from the newest document, testing each, until the
  window is full: cheap when many documents match (a common word), reading
  the whole table when few do;
- read all matches from the GIN index, then keep the newest: cheap when few
  match, one heap fetch per match when many do.

For words alone PostgreSQL chooses well. With filters or phrases, the
planner's row estimates (an EXPLAIN without running the query) pick the
way here, and the walk is ruled out by ordering on `post_id + 0` when the
index is cheaper. Phrases are estimated as if their words were anywhere in
the document, so their estimate is divided by PHRASE_RARITY. A user: filter
is an id list read through posts' author index (documents have none).
"""

from __future__ import annotations

import json
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

CONFIG = "search_english"  # see migration 0002
# ts_rank_cd weights for D, C (body), B (tags), A (title).
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
# A phrase matches about this many times fewer documents than its words do.
PHRASE_RARITY = 10.0
# Reading a match through the GIN index costs about this many walked rows.
INDEX_ROW_COST = 1.3

_row_count: tuple[float, float] = (0.0, 0.0)  # (documents, when read)


def estimated_rows(sql: str, params: list[Any]) -> float:
    """The planner's estimate of how many rows `sql` returns (nothing is run)."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return float(plan[0]["Plan"]["Plan Rows"])


def document_count() -> float:
    """About how many documents there are (the table's statistics; kept a minute)."""
    global _row_count
    now = time.monotonic()
    if now - _row_count[1] > 60:
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [DOC])
            row = cursor.fetchone()
        _row_count = (max(float(row[0]) if row else 0.0, 0.0), now)
    return _row_count[0]


def filters_where(
    query: ParsedQuery, *, kinds: tuple[str, ...], exclude_ids: tuple[int, ...]
) -> Where:
    """Conditions on the document `d`; the user filter through posts' author index."""
    where = Where([], [])
    if exclude_ids:
        where.add(f"d.post_id NOT IN ({', '.join(['%s'] * len(exclude_ids))})", *exclude_ids)
    for item in query_filters(query, kinds=kinds):
        if item.name == "user":
            where.add(f"d.post_id IN ({item.ids_sql})", *item.ids_params)
        else:
            where.add(item.doc_sql, *item.params)
    return where


def tsquery(query: ParsedQuery, *, match_any: bool, prefix_last: bool) -> tuple[str, list[Any]]:
    parts: list[str] = []
    params: list[Any] = []
    terms = list(query.terms)
    prefix = terms.pop() if prefix_last and terms else None
    if terms:
        if match_any:
            for term in terms:
                parts.append(f"plainto_tsquery('{CONFIG}', %s)")
                params.append(term)
        else:
            parts.append(f"plainto_tsquery('{CONFIG}', %s)")
            params.append(" ".join(terms))
    if prefix is not None:
        # The word is letters and digits only (segment.words), so quoting it is enough.
        parts.append(f"to_tsquery('{CONFIG}', %s)")
        params.append("'" + prefix.replace("'", "''").replace("\\", "\\\\") + "':*")
    for phrase in query.phrases:
        parts.append(f"phraseto_tsquery('{CONFIG}', %s)")
        params.append(" ".join(phrase))
    joined = (" || " if match_any else " && ").join(parts)
    return joined, params


class PostgresBackend(SearchBackend):
    vendor = "postgresql"

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
        where = filters_where(query, kinds=kinds, exclude_ids=exclude_ids)
        positive, params = tsquery(query, match_any=match_any, prefix_last=prefix_last)
        excluded_params: list[Any] = []
        excluded = ""
        if query.excluded:
            excluded = " || ".join([f"phraseto_tsquery('{CONFIG}', %s)"] * len(query.excluded))
            excluded_params = [" ".join(words) for words in query.excluded]
        if not positive:
            if excluded:
                return self.filter_only(
                    query,
                    where,
                    sort=sort,
                    offset=offset,
                    limit=limit,
                    excluded_sql=f"NOT (d.vector @@ ({excluded}))",
                    excluded_params=excluded_params,
                )
            return self.filter_only(query, where, sort=sort, offset=offset, limit=limit)
        window = rank_window()
        if offset >= window:
            return Hits(ids=[], total=window)
        if not match_any and contradicts(query):
            return Hits(ids=[], total=0)
        expression = f"({positive})"
        if excluded:
            expression = f"(({positive}) && !!({excluded}))"
        # The tsquery is written out (not a joined subquery) so that the
        # planner sees the words. Ranking (ts_rank_cd reads each document's
        # vector) is done for the window's rows only, outside the CTE.
        text_params = [*params, *excluded_params]
        newest = "d.post_id DESC"
        # Words alone are estimated well, and PostgreSQL chooses well for them.
        estimate = query.has_filters or bool(query.phrases)
        if estimate and self._index_is_cheaper(query, expression, text_params, where, window):
            newest = "d.post_id + 0 DESC"
        rank = f"ts_rank_cd('{WEIGHTS}', d.vector, {expression}) * d.boost DESC"
        sql = (
            f"WITH m AS MATERIALIZED (SELECT d.post_id FROM {DOC} d "
            f"WHERE d.vector @@ {expression} AND {where.clause()} "
            f"ORDER BY {newest} LIMIT %s) "
            f"SELECT d.post_id, (SELECT COUNT(*) FROM m) FROM m "
            f"JOIN {DOC} d ON d.post_id = m.post_id "
            f"ORDER BY {order_clause(sort, rank)} LIMIT %s OFFSET %s"
        )
        rank_params = text_params if sort == "relevance" else []
        return self.run(sql, [*text_params, *where.params, window, *rank_params, limit, offset])

    def _index_is_cheaper(
        self, query: ParsedQuery, expression: str, params: list[Any], where: Where, window: int
    ) -> bool:
        """Whether reading every match from the GIN index beats walking from the newest."""
        words = f"SELECT 1 FROM {DOC} d WHERE d.vector @@ {expression}"
        rarity = PHRASE_RARITY ** len(query.phrases)
        # The index yields the documents with the words; the filters apply after.
        read = estimated_rows(words, params)
        found = read
        if where.sql:
            found = estimated_rows(f"{words} AND {where.clause()}", [*params, *where.params])
        found /= rarity
        total = document_count()
        walked = total if found <= window else total * window / found
        return read * INDEX_ROW_COST < walked
