"""PostgreSQL full-text search: the generated `vector` column, ts_rank_cd.

The query text goes to plainto_tsquery / phraseto_tsquery as parameters, so
no user input is ever parsed as tsquery syntax; the tsquery is assembled from
them with &&, || and !!.
"""

from __future__ import annotations

from typing import Any

from deepcommons.search.backends.base import DOC, Hits, SearchBackend, filter_clauses, order_clause
from deepcommons.search.query import ParsedQuery

CONFIG = "search_english"  # see migration 0002
# ts_rank_cd weights for D, C (body), B (tags), A (title).
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"


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
        where = filter_clauses(query, kinds=kinds, exclude_ids=exclude_ids)
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
        expression = f"({positive})"
        if excluded:
            expression = f"({positive}) && !!({excluded})"
        rank = f"ts_rank_cd('{WEIGHTS}', d.vector, q.query) * d.boost DESC"
        sql = (
            f"SELECT d.post_id, COUNT(*) OVER () FROM {DOC} d, "
            f"(SELECT {expression} AS query) q "
            f"WHERE d.vector @@ q.query AND {where.clause()} "
            f"ORDER BY {order_clause(sort, rank)} LIMIT %s OFFSET %s"
        )
        return self.run(sql, [*params, *excluded_params, *where.params, limit, offset])
