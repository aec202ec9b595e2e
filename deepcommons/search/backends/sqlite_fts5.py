"""SQLite FTS5: BM25 over the external-content table `search_fts`.

Every word goes into the MATCH expression as a quoted string, so FTS5
operators typed by users (`NEAR`, `OR`, `*`, `"`, parentheses) are only ever
searched as text.
"""

from __future__ import annotations

from deepcommons.search.backends.base import (
    DOC,
    Hits,
    SearchBackend,
    filter_clauses,
    order_clause,
    rank_window,
)
from deepcommons.search.query import ParsedQuery

# bm25() weights for the columns title, tags, body.
WEIGHTS = (10.0, 4.0, 1.0)


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
        where = filter_clauses(query, kinds=kinds, exclude_ids=exclude_ids)
        positive = match_expression(query, match_any=match_any, prefix_last=prefix_last)
        excluded = excluded_expression(query)
        if not positive:
            if excluded:
                return self.filter_only(
                    query,
                    where,
                    sort=sort,
                    offset=offset,
                    limit=limit,
                    excluded_sql="d.post_id NOT IN "
                    "(SELECT rowid FROM search_fts WHERE search_fts MATCH %s)",
                    excluded_params=[excluded],
                )
            return self.filter_only(query, where, sort=sort, offset=offset, limit=limit)
        expression = f"{positive} NOT ({excluded})" if excluded else positive
        # bm25() must be computed next to the MATCH, before the window count
        # and the ordering, hence the materialized CTE. Only the newest
        # `rank_window` matches are ranked, which bounds the cost of a word
        # found in most posts (see base.rank_window).
        weights = ", ".join(map(str, WEIGHTS))
        sql = (
            f"WITH m AS MATERIALIZED (SELECT d.post_id, d.created_at, d.score, "
            f"bm25(search_fts, {weights}) * d.boost AS rank FROM search_fts "
            f"JOIN {DOC} d ON d.post_id = search_fts.rowid "
            f"WHERE search_fts MATCH %s AND {where.clause()} "
            f"ORDER BY search_fts.rowid DESC LIMIT %s) "
            f"SELECT d.post_id, COUNT(*) OVER () FROM m d "
            f"ORDER BY {order_clause(sort, 'd.rank')} LIMIT %s OFFSET %s"
        )
        return self.run(sql, [expression, *where.params, rank_window(), limit, offset])
