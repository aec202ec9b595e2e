"""Question embeddings follow the questions: the posts hook enqueues a task."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO
from typing import Any

import numpy as np
import pytest
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from deepcommons.accounts.models import User
from deepcommons.posts import services
from deepcommons.posts.models import Kind, Post
from deepcommons.posts.services import PostInput
from deepcommons.posts.tests.factories import make_answer, make_post
from deepcommons.search import semantic
from deepcommons.search.models import QuestionEmbedding
from deepcommons.search.services import embed_questions

pytestmark = pytest.mark.django_db

Capture = Callable[..., Any]


def stored(post: Post) -> np.ndarray:
    return semantic.from_bytes(QuestionEmbedding.objects.get(post=post).vector)


@pytest.mark.semantic
def test_questions_are_embedded_on_create_and_edit_and_dropped_on_delete(
    semantic_on: None, alice: User, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        post = services.create_post(
            author=alice,
            kind=Kind.QUESTION,
            data=PostInput(title="Speculative decoding speed", body="Draft models.", tags="llm"),
        )
    row = QuestionEmbedding.objects.get(post=post)
    assert row.model == semantic.MODEL_NAME
    expected = semantic.embed(["Speculative decoding speed\nDraft models."])[0]
    np.testing.assert_allclose(stored(post), expected, atol=1e-5)

    post = Post.objects.get(pk=post.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.edit_post(
            post=post,
            by=alice,
            data=PostInput(title="Medusa decoding heads", body="Extra heads.", tags="llm"),
        )
    expected = semantic.embed(["Medusa decoding heads\nExtra heads."])[0]
    np.testing.assert_allclose(stored(post), expected, atol=1e-5)

    with django_capture_on_commit_callbacks(execute=True):
        services.delete_post(post=post, by=alice)
    assert not QuestionEmbedding.objects.filter(post=post).exists()

    with django_capture_on_commit_callbacks(execute=True):
        services.undelete_post(post=post, by=alice)
    assert QuestionEmbedding.objects.filter(post=post).exists()

    Post.objects.filter(pk=post.pk).delete()  # a hard delete cascades
    assert not QuestionEmbedding.objects.exists()


@pytest.mark.semantic
def test_only_published_questions_in_english_are_embedded(
    semantic_on: None, bob: User, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        question = make_post(author=bob, title="Is a question embedded?")
        make_answer(question, body="An answer is not.")
        make_post(Kind.DISCUSSION, author=bob, title="Nor is a discussion")
        make_post(author=bob, title="Nor a draft", status="draft")
        make_post(author=bob, title="Nor one in Chinese 中文问题", body="训练时显存不足怎么办")
    assert list(QuestionEmbedding.objects.values_list("post_id", flat=True)) == [question.pk]


def test_nothing_is_embedded_when_semantic_search_is_off(
    settings: Any, alice: User, django_capture_on_commit_callbacks: Capture
) -> None:
    settings.SEARCH_SEMANTIC = False
    with django_capture_on_commit_callbacks(execute=True):
        make_post(author=alice, title="Semantic search is off")
    assert not QuestionEmbedding.objects.exists()


@pytest.mark.semantic
def test_the_hook_enqueues_a_task_for_the_worker(
    semantic_on: None,
    settings: Any,
    alice: User,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        post = make_post(author=alice, title="Embedded by the worker")
    assert not QuestionEmbedding.objects.exists()  # not in the request
    task = DBTaskResult.objects.get(task_path="deepcommons.search.tasks.embed_questions_task")
    assert task.args_kwargs == {"args": [], "kwargs": {"post_ids": [post.pk]}}


@pytest.mark.semantic
def test_rebuild_search_index_backfills_the_embeddings(semantic_on: None, alice: User) -> None:
    question = make_post(author=alice, title="Backfill me")
    other = make_post(author=alice, title="Backfill me too")
    gone = make_post(author=alice, title="Deleted one")
    embed_questions(post_ids=[gone.pk])
    services.delete_post(post=gone, by=alice)
    make_post(author=alice, title="A draft", status="draft")
    make_answer(question, body="Answers are not embedded.")

    out = StringIO()
    call_command("rebuild_search_index", "--batch-size", "1", stdout=out)
    assert set(QuestionEmbedding.objects.values_list("post_id", flat=True)) == {
        question.pk,
        other.pk,
    }
    assert "Indexed 3 posts" in out.getvalue()
    assert "[##############################] 2/2" in out.getvalue()
    assert "Embedded 2 questions" in out.getvalue()

    QuestionEmbedding.objects.all().delete()
    out = StringIO()
    call_command("rebuild_search_index", "--embeddings-only", stdout=out)
    assert "Indexed" not in out.getvalue()
    assert "Embedded 2 questions" in out.getvalue()
    assert QuestionEmbedding.objects.count() == 2


def test_embeddings_only_says_when_semantic_search_is_unavailable(settings: Any) -> None:
    settings.SEARCH_SEMANTIC = False
    with pytest.raises(CommandError, match="make semantic"):
        call_command("rebuild_search_index", "--embeddings-only", stdout=StringIO())
