"""Relevance on the fixed corpus: half English, half Chinese queries."""

import pytest

from deepcommons.search.results import search_posts
from deepcommons.search.tests.data.corpus import POSTS, QUERIES
from deepcommons.search.tests.factories import load_corpus

pytestmark = pytest.mark.django_db


def test_corpus_has_at_least_fifty_queries_half_chinese() -> None:
    chinese = [q for q, _ in QUERIES if any("\u4e00" <= c <= "\u9fff" for c in q)]
    assert len(QUERIES) >= 50
    assert len(chinese) >= len(QUERIES) // 2
    assert {key for _, key in QUERIES} <= {p[0] for p in POSTS}


def test_recall_at_10_is_at_least_0_8() -> None:
    posts = load_corpus()
    hits = 0
    reciprocal = 0.0
    missed = []
    for q, key in QUERIES:
        ranked = [hit.post.pk for hit in search_posts(q=q, per_page=10).hits]
        if posts[key].pk in ranked:
            hits += 1
            reciprocal += 1 / (ranked.index(posts[key].pk) + 1)
        else:
            missed.append(q)
    recall = hits / len(QUERIES)
    assert recall >= 0.8, f"recall@10 {recall:.2f}; missed: {missed}"
    assert reciprocal / len(QUERIES) >= 0.6
