"""PostgreSQL full-text search: the generated `vector` column, ts_rank_cd.

The query text goes to plainto_tsquery / phraseto_tsquery as parameters, so
no user input is ever parsed as tsquery syntax; the tsquery is assembled from
them with &&, || and !!.

Cost (see docs/search.md, Performance): only the newest `rank_window()`
matches are ranked. There are three ways to find them, and PostgreSQL's own
choice is often wrong here, because it takes testing `@@` on a row for
almost free while it costs about as much as fetching the row:

- walk the primary key from the newest document, testing each, until the
  window is full: cheap when many documents match (a common word), reading
  the whole table when few do;
- read all matches from the GIN index (ANDed with the kind and space
  indexes), then keep the newest: cheap when few match, one heap fetch per
  match when many do;
- walk the ids of the "drivers" (one kind, one space, each tag) newest first
  from their indexes, merged before any document is read, and test each
  document: cheap when a filter is selective and the words are common.

For one word alone PostgreSQL chooses well. Otherwise the planner's row
estimates (an EXPLAIN without running the query) pick the way here
(`_plan`): the walk is ruled out by ordering on `post_id + 0`, the drive is
written as its own join. Phrases are estimated on their distinct words,
divided by PHRASE_RARITY. Because the planner takes words for independent,
several words that come together look rare; so before reading every match
from the index, the newest documents alone are tried (`_newest_range`). A
user: filter is an id list read through posts' author index.
"""

from __future__ import annotations

import json
import math
import time
from typing import Any

from django.db import connection

from deepcommons.search.backends.base import (
    DOC,
    Filter,
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
# Reading one id from a filter's index (no document) costs about this much.
ENTRY_COST = 0.05
# The newest-range estimate asks the planner about at most this many words,
# and the range would hold this many windows if the words came together.
MAX_WORDS_ESTIMATED = 4
RANGE_WINDOWS = 4
# Filters without words walk the ordered filters' ids (False: every document; tests).
DRIVE_FILTERS_ONLY = True

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


def distinct_words(query: ParsedQuery) -> list[str]:
    """The query's words and its phrases' words, each once, in order."""
    return list(dict.fromkeys([*query.terms, *(w for phrase in query.phrases for w in phrase)]))


def filters_where(
    query: ParsedQuery, *, kinds: tuple[str, ...], exclude_ids: tuple[int, ...]
) -> tuple[Where, Where, list[Filter]]:
    """(every condition on the document `d`, the same without the drivers', the drivers).

    The user filter goes through posts' author index. The drivers are the
    ordered filters (one kind, one space, a tag): their ids can be walked
    newest first from an index, which `driven` turns into a subquery."""
    where, rest = Where([], []), Where([], [])
    if exclude_ids:
        marks = ", ".join(["%s"] * len(exclude_ids))
        where.add(f"d.post_id NOT IN ({marks})", *exclude_ids)
        rest.add(f"d.post_id NOT IN ({marks})", *exclude_ids)
    drivers: list[Filter] = []
    for item in query_filters(query, kinds=kinds):
        if item.name == "user":
            sql, params = f"d.post_id IN ({item.ids_sql})", item.ids_params
        else:
            sql, params = item.doc_sql, item.params
        where.add(sql, *params)
        if item.ordered:
            drivers.append(item)
        else:
            rest.add(sql, *params)
    return where, rest, drivers


def document_of(alias: str) -> str:
    """A join to the document `d` of each row of `alias`, one index lookup per row,
    in the rows' order: the planner would otherwise rather walk the documents
    testing `@@` (which it takes for free) and merge them with the ids. OFFSET 0
    keeps the subquery apart, and with it the conditions on `d` stay outside."""
    return (
        f"CROSS JOIN LATERAL (SELECT * FROM {DOC} d1 WHERE d1.post_id = {alias}.post_id OFFSET 0) d"
    )


def driven(drivers: list[Filter]) -> tuple[str, list[Any]]:
    """The post ids passing every driver, newest first, as a fenced subquery `c`.

    Each driver's ids come from its index already in id order; they are
    merged (a merge join, reading index entries only) before any document is
    read, and OFFSET 0 keeps PostgreSQL from folding the subqueries into the
    outer query, where it would read each document before intersecting."""
    parts: list[str] = []
    params: list[Any] = []
    for n, item in enumerate(drivers):
        part = f"(SELECT o.post_id FROM ({item.ids_sql}) o ORDER BY o.post_id DESC OFFSET 0) c{n}"
        parts.append(part if n == 0 else f"{part} ON c{n}.post_id = c0.post_id")
        params.extend(item.ids_params)
    joined = " JOIN ".join(parts)
    return f"(SELECT c0.post_id FROM {joined} ORDER BY c0.post_id DESC OFFSET 0) c", params


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
        where, rest, drivers = filters_where(query, kinds=kinds, exclude_ids=exclude_ids)
        positive, params = tsquery(query, match_any=match_any, prefix_last=prefix_last)
        excluded_params: list[Any] = []
        excluded = ""
        if query.excluded:
            excluded = " || ".join([f"phraseto_tsquery('{CONFIG}', %s)"] * len(query.excluded))
            excluded_params = [" ".join(words) for words in query.excluded]
        if not positive:
            # Without words, walking the ordered filters' ids is never worse
            # than walking every document.
            ids = None
            if drivers and DRIVE_FILTERS_ONLY:
                candidates, candidate_params = driven(drivers)
                ids = (f"{candidates} {document_of('c')}", candidate_params)
            return self.filter_only(
                query,
                rest if ids else where,
                sort=sort,
                offset=offset,
                limit=limit,
                excluded_sql=f"NOT (d.vector @@ ({excluded}))" if excluded else "",
                excluded_params=excluded_params,
                source=ids,
            )
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
        # A word alone is estimated well, and PostgreSQL chooses well for it.
        plan, since = "walk", None
        if query.has_filters or query.phrases or (len(query.terms) > 1 and not match_any):
            plan, since = self._plan(
                query, expression, text_params, where, drivers, window, match_any=match_any
            )
        rows, newest = f"{DOC} d", "d.post_id DESC"
        source_params: list[Any] = []
        if plan == "index":
            newest = "d.post_id + 0 DESC"
        elif plan == "drive" and drivers:
            candidates, source_params = driven(drivers)
            rows, newest = f"{candidates} {document_of('c')}", "c.post_id DESC"
            where = rest
        rank = f"ts_rank_cd('{WEIGHTS}', d.vector, {expression}) * d.boost DESC"
        rank_params = text_params if sort == "relevance" else []

        def window_of(where: Where, newest: str) -> Hits:
            sql = (
                f"WITH m AS MATERIALIZED (SELECT d.post_id FROM {rows} "
                f"WHERE d.vector @@ {expression} AND {where.clause()} "
                f"ORDER BY {newest} LIMIT %s) "
                f"SELECT d.post_id, (SELECT COUNT(*) FROM m) FROM m "
                f"JOIN {DOC} d ON d.post_id = m.post_id "
                f"ORDER BY {order_clause(sort, rank)} LIMIT %s OFFSET %s"
            )
            params = [*source_params, *text_params, *where.params, window]
            return self.run(sql, [*params, *rank_params, limit, offset])

        if since is not None:
            # The newest documents may hold the whole window (the same window
            # as the full query's then); only if not, read every match.
            recent = Where([*where.sql, "d.post_id > %s"], [*where.params, since])
            hits = window_of(recent, "d.post_id DESC")
            if hits.total >= window:
                return hits
        return window_of(where, newest)

    def _plan(
        self,
        query: ParsedQuery,
        expression: str,
        params: list[Any],
        where: Where,
        drivers: list[Filter],
        window: int,
        *,
        match_any: bool = False,
    ) -> tuple[str, int | None]:
        """How to find the window: "walk" every document from the newest, "index"
        (read every match from the GIN index) or "drive" (walk the ordered
        filters' ids from the newest); whichever reads the fewest documents.
        With "index", an id above which the newest documents may already
        hold the window (see `_newest_range`), or None.

        The index way reads the documents with the words, except that a kind
        or space is an index of its own that PostgreSQL intersects with the
        words' (a bitmap AND) before reading any document."""
        # A phrase narrows its words' matches; OR'ed with other words it does not.
        rarity = 1.0 if match_any else PHRASE_RARITY ** len(query.phrases)
        if query.phrases and not match_any:
            # The GIN index finds a phrase's words, not their order, and the
            # planner's estimate for `<->` is far below even that: estimate
            # on all the words, then apply the rarity.
            # (each word once: the planner multiplies a repeated word's share in)
            expression = f"plainto_tsquery('{CONFIG}', %s)"
            params = [" ".join(distinct_words(query))]
        words = f"SELECT 1 FROM {DOC} d WHERE d.vector @@ {expression}"
        read = estimated_rows(words, params)
        found = read
        if where.sql:
            found = estimated_rows(f"{words} AND {where.clause()}", [*params, *where.params])
        filtered = found / read if read else 1.0
        found /= rarity
        total = max(document_count(), 1.0)
        # A walk stops when the window is full: after this share of its rows.
        share = 1.0 if found <= window else window / found
        costs = {"walk": total * share, "index": read * INDEX_ROW_COST}
        if drivers:
            sizes = [
                estimated_rows(f"SELECT 1 FROM {DOC} d WHERE {item.doc_sql}", item.params)
                for item in drivers
            ]
            passing = total * math.prod(size / total for size in sizes)
            costs["drive"] = (passing + ENTRY_COST * sum(sizes)) * share
            shares = zip(drivers, sizes, strict=True)
            costs["index"] *= math.prod(size / total for item, size in shares if item.name != "tag")
        way = min(costs, key=lambda way: costs[way])
        # A phrase's words come together, but its order is rarely there: the
        # newest documents would seldom hold its window.
        if way != "index" or match_any or query.phrases or len(query.terms) < 2:
            return way, None
        return way, self._newest_range(query, filtered, window)

    def _newest_range(self, query: ParsedQuery, filtered: float, window: int) -> int | None:
        """The post id above which the newest documents would hold RANGE_WINDOWS
        windows if the query's words always came together; None if that is
        most of them.

        The planner takes words for independent, but words that come together
        (the parts of one Chinese word, a phrase) match far more documents
        than it thinks; then the newest documents alone fill the window, and
        reading those (GIN AND an id range) beats reading every match. The
        rarest word's own count (estimated well) bounds the matches, times
        the share of documents that the filters let through (`filtered`).
        Trying costs at most RANGE_WINDOWS windows of documents, and succeeds
        when the words match at least 1/RANGE_WINDOWS of that bound.
        """
        upper = filtered * min(
            estimated_rows(
                f"SELECT 1 FROM {DOC} d WHERE d.vector @@ plainto_tsquery('{CONFIG}', %s)", [word]
            )
            for word in distinct_words(query)[:MAX_WORDS_ESTIMATED]
        )
        total = max(document_count(), 1.0)
        newest = total * RANGE_WINDOWS * window / max(upper, 1.0)
        if newest >= total * 0.8:
            return None
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX(post_id) FROM {DOC}")
            top = int(cursor.fetchone()[0] or 0)
        # Ids are about evenly spread over the documents.
        return int(top - newest * top / total)
