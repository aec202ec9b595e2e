"""The bounds that keep search fast: the rank window, and on SQLite the two ways
of applying a filter (id set or document), which must give the same results."""

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test import Client, override_settings

from deepcommons.accounts.models import User
from deepcommons.posts import services
from deepcommons.posts.models import Kind, Post
from deepcommons.search.backends import postgres, sqlite_fts5
from deepcommons.search.models import SearchDocument
from deepcommons.search.results import search_posts
from deepcommons.search.services import index_posts
from deepcommons.search.tests.factories import make_indexed, make_indexed_answer
from deepcommons.spaces.models import Space, Tag, TagSynonym

pytestmark = pytest.mark.django_db

QUERIES = [
    "attention",
    "attention [pytorch]",
    "attention [torch]",
    "attention [pytorch] [jax]",
    "attention user:alice",
    "attention space:nlp",
    "attention space:nlp is:question [pytorch]",
    "attention space:nlp space:nlp",
    "attention is:question is:article",
    '"attention sparse" [jax]',
    "attention is:question",
    "attention is:article",
    "attention is:answer [pytorch]",
    "attention score:3..",
    "attention score:..0",
    "attention answers:0",
    "attention accepted:yes",
    "attention created:2023",
    "attention created:2024..",
    "[pytorch]",
    "is:article",
    "score:3.. -attention",
    "user:alice space:nlp",
    "is:question [jax] space:nlp",
    "[nosuchtag]",
    "attention [nosuchtag]",
    "space:nosuchspace",
    "attention -masked",
    "注意力",
]


@pytest.fixture
def corpus(alice: User, bob: User) -> None:
    nlp = Space.objects.create(slug="nlp", name_en="NLP", name_zh="自然语言处理")
    for n in range(12):
        author = alice if n % 3 == 0 else bob
        kind = Kind.ARTICLE if n % 4 == 0 else Kind.QUESTION
        tags = "pytorch" if n % 2 else "jax,pytorch" if n % 5 == 0 else "jax"
        post = make_indexed(
            kind,
            author=author,
            title=f"Attention {'masked' if n % 3 == 1 else 'sparse'} variant {n}",
            body="多头注意力。" if n % 4 == 1 else "Plain text.",
            tags=tags,
            space=nlp if n % 2 == 0 else None,
        )
        Post.objects.filter(pk=post.pk).update(
            score=n - 4, created_at=datetime(2022 + n % 3, 5, 1, tzinfo=UTC)
        )
        if kind == Kind.QUESTION and n % 3 == 2:
            answer = make_indexed_answer(post, author=alice, body="Attention answer.")
            services.accept_answer(answer=answer, by=post.author)
            index_posts(post_ids=[answer.pk])
        index_posts(post_ids=[post.pk])
    TagSynonym.objects.create(name="torch", tag=Tag.objects.get(name="pytorch"))


def all_ids(q: str, sort: str) -> tuple[int, list[int]]:
    results = search_posts(q=q, sort=sort, per_page=50)
    return results.total, [hit.post.pk for hit in results.hits]


def each_plan(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Force each way the backend in use can run a query, one after the other.

    SQLite: every indexed filter as an id set, then every filter on the
    documents. PostgreSQL: always the GIN index, always the walk from the
    newest document, always the walk of the ordered filters' ids (filters
    without words: every document, then the ordered filters' ids).
    """
    if connection.vendor == "sqlite":
        for limit in (10**9, 0):
            monkeypatch.setattr(sqlite_fts5, "ID_SET_MAX", limit)
            sqlite_fts5._small_sets.clear()
            yield
        sqlite_fts5._small_sets.clear()
    else:
        ids = sorted(SearchDocument.objects.values_list("post_id", flat=True))
        # The GIN index after trying the newest documents above an id: the
        # median (the window may or may not be there), then the newest.
        ways = [("index", None), ("walk", None), ("drive", None)]
        ways += [("index", ids[len(ids) // 2]), ("index", ids[-2])]
        for plan, since in ways:
            monkeypatch.setattr(
                postgres.PostgresBackend, "_plan", lambda *a, w=(plan, since), **k: w
            )
            monkeypatch.setattr(postgres, "DRIVE_FILTERS_ONLY", plan == "drive")
            yield


@pytest.mark.parametrize("window", [2000, 4])
def test_each_way_of_running_a_query_gives_the_same_results(
    corpus: None, monkeypatch: pytest.MonkeyPatch, window: int
) -> None:
    """With a window of 4, the newest half of the documents holds the window
    of many queries, so PostgreSQL's try of the newest documents succeeds."""
    with override_settings(SEARCH_RANK_WINDOW=window):
        outcomes = [
            {(q, sort): all_ids(q, sort) for q in QUERIES for sort in ("relevance", "newest")}
            for _ in each_plan(monkeypatch)
        ]
    assert len(outcomes) == (2 if connection.vendor == "sqlite" else 5)
    assert all(outcome == outcomes[0] for outcome in outcomes[1:])
    # And the filters did filter.
    assert outcomes[0][("attention [pytorch] [jax]", "newest")][0] == 2
    assert outcomes[0][("attention user:alice", "newest")][0] > 0
    assert 0 < outcomes[0][("attention is:article", "newest")][0] < min(12, window + 1)
    assert outcomes[0][("attention space:nlp is:question [pytorch]", "newest")][0] == 1
    assert outcomes[0][("attention [nosuchtag]", "newest")][0] == 0
    assert outcomes[0][("attention", "newest")][0] == min(window, 15)


def test_a_query_that_excludes_its_own_word_finds_nothing(corpus: None) -> None:
    assert search_posts(q="attention -attention").total == 0
    assert search_posts(q='"attention masked" -"attention masked"').total == 0
    # With another word, the any-word retry still finds that word.
    assert search_posts(q="masked attention -attention").total == 0
    assert search_posts(q="plain -plain").hits == []


def test_only_the_rank_window_is_ranked_and_counted(corpus: None) -> None:
    with override_settings(SEARCH_RANK_WINDOW=5):
        first = search_posts(q="attention", per_page=2)
        assert first.total == 5
        assert len(first.hits) == 2
        assert search_posts(q="attention", per_page=2, page=3).hits != []
        assert search_posts(q="attention", per_page=2, page=4).hits == []
        assert search_posts(q="[pytorch]", per_page=50).total == 5
        newest = [hit.post.pk for hit in search_posts(q="attention", sort="newest").hits]
    # The window holds the newest posts by id.
    assert set(newest) <= set(
        Post.objects.filter(search_document__isnull=False)
        .order_by("-pk")
        .values_list("pk", flat=True)[:5]
    )


def test_relevance_is_bm25_with_the_boost_within_the_window(corpus: None) -> None:
    strong = make_indexed(title="Rotary embedding rotary embedding", body="Rotary.")
    weak = make_indexed(title="Other", body="Something about rotary embedding once.")
    assert [hit.post.pk for hit in search_posts(q="rotary embedding").hits] == [
        strong.pk,
        weak.pk,
    ]
    # A high score lifts a post above an equally good match.
    twin = make_indexed(title="Other", body="Something about rotary embedding once.")
    Post.objects.filter(pk=weak.pk).update(score=50)
    index_posts(post_ids=[weak.pk])
    found = [hit.post.pk for hit in search_posts(q="rotary embedding").hits]
    assert found.index(weak.pk) < found.index(twin.pk)


def test_a_capped_count_says_so_on_the_page_and_in_the_api(corpus: None, client: Client) -> None:
    with override_settings(SEARCH_RANK_WINDOW=5):
        assert search_posts(q="attention").total_is_capped
        assert not search_posts(q="attention [jax] [pytorch]").total_is_capped
        page = client.get("/search/", {"q": "attention"}).content.decode()
        assert "More than 5 results" in page
        body = client.get("/api/v1/search", {"q": "attention"}).json()
        assert body["total"] == 5 and body["total_is_capped"] is True
