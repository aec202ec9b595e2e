"""Reads of the search index: results pages, the API, similar and related questions."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.safestring import SafeString

from deepcommons.posts.models import Kind, Post
from deepcommons.search.backends import get_backend
from deepcommons.search.backends.base import SORTS, rank_window
from deepcommons.search.highlight import mark, snippet
from deepcommons.search.query import ParsedQuery, parse_query
from deepcommons.spaces.models import Tag

PER_PAGE = 20
MAX_PER_PAGE = 50
MAX_PAGE = 50
SIMILAR_LIMIT = 5
SIMILAR_MIN_CHARS = 3


@dataclass
class SearchHit:
    post: Post
    title_html: SafeString
    snippet_html: SafeString


@dataclass
class SearchResults:
    q: str
    query: ParsedQuery
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE
    total: int = 0
    hits: list[SearchHit] = field(default_factory=list)

    @property
    def has_next(self) -> bool:
        return self.page * self.per_page < self.total and self.page < MAX_PAGE

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def total_is_capped(self) -> bool:
        """Whether more posts matched than were counted (the rank window)."""
        return self.total >= rank_window()


_DEFERRED = (
    "body_html",
    "prerequisites",
    "parent__body",
    "parent__body_html",
    "parent__summary",
    "parent__prerequisites",
    "author__password",
    "author__bio",
    "author__bio_html",
    "author__skills",
    "author__research_interests",
    "space__description_en",
    "space__description_zh",
    "space__rules",
)


def _posts_in_order(ids: list[int]) -> list[Post]:
    """The posts of `ids`, in that order, with what a result row shows (two queries)."""
    if not ids:
        return []
    by_id = {
        p.pk: p
        for p in Post.objects.filter(pk__in=ids)
        .published()
        .alive()
        .select_related("author", "space", "parent")
        # Only the parent's title and accepted answer are shown; turning the
        # long text columns into objects is most of this query's time.
        .defer(*_DEFERRED)
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.only("id", "name")))
    }
    return [by_id[i] for i in ids if i in by_id]


def _display_title(post: Post) -> str:
    if post.is_top_level or post.parent is None:
        return post.title
    return post.parent.title


def clamp_page(page: int | str | None) -> int:
    try:
        value = int(page or 1)
    except (TypeError, ValueError):
        return 1
    return min(max(value, 1), MAX_PAGE)


def search_posts(
    *, q: str, sort: str = "relevance", page: int = 1, per_page: int = PER_PAGE
) -> SearchResults:
    """Posts matching the search box text `q` (see `query.py` for the syntax).

    Words are ANDed; when that finds nothing, a query of several words is
    retried with the words ORed, best matches first.
    """
    query = parse_query(q)
    sort = sort if sort in SORTS else "relevance"
    page = clamp_page(page)
    per_page = min(max(per_page, 1), MAX_PER_PAGE)
    results = SearchResults(q=q, query=query, sort=sort, page=page, per_page=per_page)
    if query.is_empty:
        return results
    backend = get_backend()
    offset = (page - 1) * per_page
    hits = backend.search(query, sort=sort, offset=offset, limit=per_page)
    if hits.total == 0 and len(query.terms) + len(query.phrases) > 1:
        hits = backend.search(query, sort=sort, offset=offset, limit=per_page, match_any=True)
    results.total = hits.total
    terms = query.highlight_terms()
    for post in _posts_in_order(hits.ids):
        results.hits.append(
            SearchHit(
                post=post,
                title_html=mark(_display_title(post), terms),
                snippet_html=snippet(post.summary or post.body, terms),
            )
        )
    return results


def similar_question_ids(
    *, title: str, exclude_id: int | None = None, limit: int = SIMILAR_LIMIT
) -> list[int]:
    """Ids of questions like `title`, best first: words ORed (the last one may be
    half-typed)."""
    if len(title.strip()) < SIMILAR_MIN_CHARS:
        return []
    query = parse_query(title)
    # Only the words: operators typed in a title are not filters.
    words = ParsedQuery(terms=query.terms + [w for p in query.phrases for w in p])
    if not words.terms:
        return []
    exclude = (exclude_id,) if exclude_id else ()
    hits = get_backend().search(
        words,
        limit=max(limit * 4, 20),
        match_any=True,
        prefix_last=exclude_id is None,
        kinds=(Kind.QUESTION,),
        exclude_ids=exclude,
    )
    return hits.ids[:limit]


def similar_questions(
    *, title: str, exclude_id: int | None = None, limit: int = SIMILAR_LIMIT
) -> list[Post]:
    ids = similar_question_ids(title=title, exclude_id=exclude_id, limit=limit)
    if not ids:
        return []
    by_id = {p.pk: p for p in Post.objects.filter(pk__in=ids).published().alive()}
    return [by_id[i] for i in ids if i in by_id]


def related_questions(*, post: Post, limit: int = SIMILAR_LIMIT) -> list[Post]:
    """Questions like `post` (by its title and tags), itself excluded."""
    return similar_questions(title=post.title, exclude_id=post.pk, limit=limit)
