"""search_posts: matching, filters, sorting and hostile input, on the database in use."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.posts import services
from deepcommons.posts.models import Kind, Post
from deepcommons.search.models import SearchDocument
from deepcommons.search.results import search_posts
from deepcommons.search.services import index_posts
from deepcommons.search.tests.factories import make_indexed, make_indexed_answer
from deepcommons.spaces.models import Space, Tag, TagSynonym

pytestmark = pytest.mark.django_db


def ids(q: str, **kwargs: object) -> list[int]:
    return [hit.post.pk for hit in search_posts(q=q, **kwargs).hits]  # type: ignore[arg-type]


def test_english_words_match_title_and_body_with_stemming() -> None:
    post = make_indexed(title="Optimizers for transformers", body="Comparing Adam and Lion.")
    make_indexed(title="Unrelated", body="Nothing about that here.")
    assert ids("optimizer") == [post.pk]
    assert ids("adam lion") == [post.pk]


def test_mixed_chinese_and_english_query_finds_both_parts() -> None:
    post = make_indexed(title="PyTorch 训练时显存不足", body="批大小 64 时报错。")
    other = make_indexed(title="TensorFlow 显存", body="另一个问题。")
    found = ids("PyTorch 显存不足")
    assert found[0] == post.pk
    assert other.pk not in found


def test_a_chinese_word_finds_a_post_containing_a_longer_word() -> None:
    post = make_indexed(title="卷积神经网络入门", body="卷积层和池化层。")
    assert ids("神经网络") == [post.pk]


def test_title_matches_rank_above_body_matches() -> None:
    in_body = make_indexed(title="A question", body="Something about dropout here.")
    in_title = make_indexed(title="Dropout in transformers", body="How much?")
    assert ids("dropout") == [in_title.pk, in_body.pk]


def test_phrase_and_exclusion() -> None:
    exact = make_indexed(title="CUDA out of memory", body="Again.")
    scattered = make_indexed(title="Out of ideas", body="memory and CUDA.")
    assert ids('"out of memory"') == [exact.pk]
    assert set(ids("cuda memory")) == {exact.pk, scattered.pk}
    assert ids("cuda memory -ideas") == [exact.pk]


def test_exclusion_alone_with_a_filter() -> None:
    keep = make_indexed(title="Keep me", tags="pytorch")
    make_indexed(title="Drop me", tags="pytorch")
    assert ids("[pytorch] -drop") == [keep.pk]


def test_all_words_first_then_any_word() -> None:
    post = make_indexed(title="Batch normalization", body="Running statistics.")
    assert ids("batch normalization zebra") == [post.pk]


def test_tag_filter_understands_synonyms() -> None:
    tagged = make_indexed(title="Loss curve", tags="pytorch")
    make_indexed(title="Loss curve too", tags="jax")
    TagSynonym.objects.create(name="torch", tag=Tag.objects.get(name="pytorch"))
    assert ids("loss [pytorch]") == [tagged.pk]
    assert ids("loss [torch]") == [tagged.pk]
    assert ids("[pytorch]") == [tagged.pk]


def test_user_space_and_kind_filters(alice: User, bob: User) -> None:
    space = Space.objects.create(slug="nlp", name_en="NLP", name_zh="自然语言处理")
    mine = make_indexed(author=alice, title="Tokenizer question", space=space)
    article = make_indexed(Kind.ARTICLE, author=bob, title="Tokenizer article")
    assert ids("tokenizer user:alice") == [mine.pk]
    assert ids("tokenizer user:ALICE space:nlp") == [mine.pk]
    assert ids("tokenizer is:article") == [article.pk]
    assert ids("tokenizer space:vision") == []


def test_answers_are_found_with_their_thread_space_and_tags(bob: User) -> None:
    question = make_indexed(title="Gradient checkpointing", tags="pytorch")
    answer = make_indexed_answer(question, author=bob, body="Use torch.utils.checkpoint wisely.")
    assert ids("checkpoint is:answer [pytorch]") == [answer.pk]
    hit = search_posts(q="wisely").hits[0]
    assert hit.post.pk == answer.pk
    assert "Gradient checkpointing" in hit.title_html


def test_answer_count_accepted_and_score_filters(alice: User, bob: User) -> None:
    answered = make_indexed(author=alice, title="Warmup schedule")
    unanswered = make_indexed(title="Warmup steps")
    answer = make_indexed_answer(answered, author=bob)
    services.accept_answer(answer=answer, by=alice)
    Post.objects.filter(pk=unanswered.pk).update(score=7)
    index_posts(post_ids=[answered.pk, unanswered.pk, answer.pk])
    assert ids("warmup answers:0") == [unanswered.pk]
    assert ids("warmup answers:1..") == [answered.pk]
    assert ids("warmup accepted:yes") == [answered.pk]
    assert set(ids("accepted:yes")) == {answered.pk, answer.pk}
    assert ids("warmup score:5..") == [unanswered.pk]


def test_created_filter() -> None:
    old = make_indexed(title="Old news")
    new = make_indexed(title="New news")
    Post.objects.filter(pk=old.pk).update(created_at=datetime(2023, 6, 1, tzinfo=UTC))
    index_posts(post_ids=[old.pk])
    year = timezone.now().year
    assert ids("news created:2023") == [old.pk]
    assert ids(f"news created:{year}..") == [new.pk]


def test_sorting_by_newest_and_votes() -> None:
    first = make_indexed(title="Embedding one")
    second = make_indexed(title="Embedding two")
    Post.objects.filter(pk=first.pk).update(score=10)
    index_posts(post_ids=[first.pk])
    assert ids("embedding", sort="newest") == [second.pk, first.pk]
    assert ids("embedding", sort="votes") == [first.pk, second.pk]
    assert ids("embedding", sort="bogus") == ids("embedding")


def test_pagination_and_total() -> None:
    for n in range(5):
        make_indexed(title=f"Pagination topic {n}")
    first = search_posts(q="pagination", per_page=2)
    third = search_posts(q="pagination", per_page=2, page=3)
    assert first.total == 5 and first.has_next and not first.has_previous
    assert len(third.hits) == 1 and not third.has_next


def test_drafts_and_deleted_posts_are_not_found(alice: User) -> None:
    live = make_indexed(author=alice, title="Visible regularization")
    draft = make_indexed(author=alice, title="Draft regularization", status="draft")
    services.delete_post(post=live, by=alice)
    index_posts(post_ids=[live.pk, draft.pk])
    assert ids("regularization") == []
    assert not SearchDocument.objects.exists()


def test_snippet_is_highlighted_and_escaped() -> None:
    make_indexed(title="XSS <script>", body="Text with <b>tags</b>: softmax(x) < 1 & y.")
    hit = search_posts(q="softmax").hits[0]
    assert "<mark>softmax</mark>" in hit.snippet_html
    assert "<b>" not in hit.snippet_html
    assert "&lt; 1 &amp; y" in hit.snippet_html
    assert "&lt;script&gt;" in hit.title_html


def test_traditional_query_finds_simplified_post_and_the_reverse() -> None:
    simplified = make_indexed(title="神经网络的反向传播", body="卷积层的梯度怎么算？")
    traditional = make_indexed(title="學習率調度", body="訓練時顯存不足，批大小怎麼選？")
    assert ids("神經網絡") == [simplified.pk]
    assert ids("反向傳播 卷積") == [simplified.pk]
    assert ids('"反向傳播"') == [simplified.pk]
    assert ids("学习率") == [traditional.pk]
    assert ids("训练 显存") == [traditional.pk]
    assert ids("學習率") == [traditional.pk]
    assert ids("神经网络 -卷積") == []


def test_traditional_text_is_highlighted_as_written() -> None:
    make_indexed(title="學習率調度", body="訓練時顯存不足。")
    hit = search_posts(q="学习率 显存").hits[0]
    assert "<mark>學習率</mark>" in hit.title_html
    assert "<mark>顯存</mark>" in hit.snippet_html


EDGE_CASES = [
    "",
    "   ",
    "a" * 1000,
    "loss " * 300,
    "!!!???...,,,",
    '"',
    '"""',
    "*",
    "loss*",
    "NEAR(loss nan)",
    "loss OR nan",
    "loss AND NOT nan",
    ")",
    "((loss",
    "title:loss",
    "-",
    "--loss",
    "- - -",
    "[",
    "[]",
    "]",
    "user:",
    ":",
    "::::",
    "score:..",
    "created:..",
    "'; DROP TABLE search_searchdocument; --",
    "\\",
    "\x00",
    "🔥🚀 loss",
    "🔥",
    "訓練時顯存不足",
    "學習率",
    "loss:* ^ $ % & | ! @ # ~",
    "'loss'",
    "loss:*",
    "a & b | !c <-> d",
    "神經網絡 反向傳播 卷積",
    '"神經網絡" -卷積 [pytorch] user:張三',
    "學習率" * 300,
    "乾隆 🔥🚀 ！？。，、「」『』",
    "訓練 NEAR 顯存 OR * ( ) ^",
    '"訓練',
    "𠀀𪚥",
    "\u3000\u200b\ufeff",
]


@pytest.mark.parametrize("q", EDGE_CASES)
def test_hostile_or_odd_input_never_errors(q: str) -> None:
    make_indexed(title="Loss becomes NaN", body="訓練 loss 學習率")
    for sort in ("relevance", "newest", "votes"):
        results = search_posts(q=q, sort=sort)
        assert results.total >= len(results.hits) >= 0


def test_sql_and_fts_operators_are_searched_as_text() -> None:
    post = make_indexed(title="NEAR and OR operators", body="We discuss NEAR.")
    assert ids("NEAR") == [post.pk]
    assert ids("OR operators") == [post.pk]
