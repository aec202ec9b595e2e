"""The index follows posts: through the hooks the post services publish."""

import importlib
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from deepcommons.accounts.models import User
from deepcommons.posts import hooks, services
from deepcommons.posts.models import Kind, Post
from deepcommons.posts.services import PostInput
from deepcommons.posts.tests.factories import make_answer, make_post
from deepcommons.search.models import DocumentTag, SearchDocument
from deepcommons.search.results import search_posts
from deepcommons.search.services import index_posts, on_post_event

pytestmark = pytest.mark.django_db

Capture = Callable[..., Any]


def found(q: str) -> list[int]:
    return [hit.post.pk for hit in search_posts(q=q).hits]


def edit(post: Post, by: User, capture: Capture, data: PostInput) -> Post:
    """Edit `post` through the post services, running the hooks; the edited post."""
    post = Post.objects.get(pk=post.pk)
    with capture(execute=True):
        services.edit_post(post=post, by=by, data=data)
    return post


def test_search_app_subscribes_to_post_hooks() -> None:
    assert on_post_event in hooks._listeners


def test_published_events_create_update_and_remove_documents(
    alice: User, django_capture_on_commit_callbacks: Capture
) -> None:
    post = make_post(author=alice, title="Tensor parallelism basics")
    with django_capture_on_commit_callbacks(execute=True):
        hooks.publish("created", post)
    assert found("parallelism") == [post.pk]

    post.title = "Pipeline parallelism basics"
    post.save(update_fields=["title"])
    with django_capture_on_commit_callbacks(execute=True):
        hooks.publish("edited", post)
    assert found("pipeline") == [post.pk]
    assert found("tensor") == []

    services.delete_post(post=post, by=alice)
    with django_capture_on_commit_callbacks(execute=True):
        hooks.publish("deleted", post)
    assert found("pipeline") == []

    services.undelete_post(post=post, by=alice)
    with django_capture_on_commit_callbacks(execute=True):
        hooks.publish("restored", post)
    assert found("pipeline") == [post.pk]


def test_answers_update_their_question_and_follow_its_deletion(
    alice: User, bob: User, django_capture_on_commit_callbacks: Capture
) -> None:
    question = make_post(author=alice, title="Sparse attention kernels")
    with django_capture_on_commit_callbacks(execute=True):
        hooks.publish("created", question)
    answer = make_answer(question, author=bob, body="Try flash attention kernels.")
    with django_capture_on_commit_callbacks(execute=True):
        hooks.publish("created", answer)
    assert SearchDocument.objects.get(pk=question.pk).answer_count == 1

    with django_capture_on_commit_callbacks(execute=True):
        services.accept_answer(answer=answer, by=alice)
    assert SearchDocument.objects.get(pk=question.pk).accepted
    assert SearchDocument.objects.get(pk=answer.pk).accepted

    with django_capture_on_commit_callbacks(execute=True):
        services.vote(post=answer, user=alice, value=1)
    assert SearchDocument.objects.get(pk=answer.pk).score == 1

    services.delete_post(post=question, by=alice)
    with django_capture_on_commit_callbacks(execute=True):
        hooks.publish("deleted", question)
    assert not SearchDocument.objects.filter(pk__in=[question.pk, answer.pk]).exists()


def test_post_services_keep_index_in_sync(
    alice: User, django_capture_on_commit_callbacks: Capture
) -> None:
    """End to end through the post services alone (needs them to call hooks.publish)."""
    with django_capture_on_commit_callbacks(execute=True):
        post = services.create_post(
            author=alice,
            kind=Kind.QUESTION,
            data=PostInput(title="Speculative decoding speed", body="Draft models.", tags="llm"),
        )
    assert found("speculative") == [post.pk]

    post = edit(
        post,
        alice,
        django_capture_on_commit_callbacks,
        PostInput(title="Medusa decoding speed", body="Extra heads.", tags="llm"),
    )
    assert found("speculative") == []
    assert found("medusa") == [post.pk]

    with django_capture_on_commit_callbacks(execute=True):
        services.delete_post(post=post, by=alice)
    assert found("medusa") == []
    assert not SearchDocument.objects.filter(pk=post.pk).exists()


def test_hard_deleting_a_post_removes_its_document() -> None:
    post = make_post(title="Vanishing document")
    on_post_event("created", post)
    Post.objects.filter(pk=post.pk).delete()
    assert found("vanishing") == []


def test_a_threads_tags_follow_edits_into_every_document_of_the_thread(
    alice: User, bob: User, django_capture_on_commit_callbacks: Capture
) -> None:
    """`[tag]` reads DocumentTag: an answer carries its question's tags, and
    retagging, deleting or hard-deleting the question updates every row."""
    with django_capture_on_commit_callbacks(execute=True):
        question = services.create_post(
            author=alice,
            kind=Kind.QUESTION,
            data=PostInput(title="Flash attention kernels", body="Tiling.", tags="cuda"),
        )
        answer = services.create_child(parent=question, author=bob, body="Flash tiles SRAM.")
    assert sorted(found("flash [cuda]")) == sorted([question.pk, answer.pk])
    assert sorted(found("[cuda]")) == sorted([question.pk, answer.pk])

    question = edit(
        question,
        alice,
        django_capture_on_commit_callbacks,
        PostInput(title="Flash attention kernels", body="Tiling.", tags="triton"),
    )
    assert found("flash [cuda]") == []
    assert sorted(found("flash [triton]")) == sorted([question.pk, answer.pk])
    assert DocumentTag.objects.filter(post_id__in=[question.pk, answer.pk]).count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        services.delete_post(post=question, by=alice)
    assert not DocumentTag.objects.filter(post_id__in=[question.pk, answer.pk]).exists()

    with django_capture_on_commit_callbacks(execute=True):
        services.undelete_post(post=question, by=alice)
    assert sorted(found("[triton]")) == sorted([question.pk, answer.pk])
    Post.objects.filter(pk__in=[answer.pk, question.pk]).delete()
    assert not DocumentTag.objects.exists()


def test_the_migration_fills_document_tags_as_indexing_does(alice: User, bob: User) -> None:
    fill = importlib.import_module("deepcommons.search.migrations.0005_document_filters").FILL
    question = services.create_post(
        author=alice,
        kind=Kind.QUESTION,
        data=PostInput(title="Mixed precision", body="Loss scaling.", tags="cuda,amp"),
    )
    answer = services.create_child(parent=question, author=bob, body="Use bf16.")
    other = services.create_post(
        author=bob, kind=Kind.ARTICLE, data=PostInput(title="Untagged", body="No tags.")
    )
    index_posts(post_ids=[question.pk, answer.pk, other.pk])
    indexed = sorted(DocumentTag.objects.values_list("tag_id", "post_id"))
    assert len(indexed) == 4
    DocumentTag.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(fill)
    assert sorted(DocumentTag.objects.values_list("tag_id", "post_id")) == indexed


def test_a_merged_question_leaves_the_index_and_its_answers_follow_the_target(
    alice: User, bob: User, django_capture_on_commit_callbacks: Capture
) -> None:
    from deepcommons.posts.tests.factories import make_site_moderator

    with django_capture_on_commit_callbacks(execute=True):
        source = make_post(author=alice, title="Gradient checkpointing OOM")
        target = make_post(author=bob, title="Activation checkpointing memory")
        answer = make_answer(source, author=bob, body="Checkpoint every other block.")
    assert SearchDocument.objects.filter(pk=source.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.merge_questions(
            source=Post.objects.get(pk=source.pk), target=target, by=make_site_moderator()
        )
    assert not SearchDocument.objects.filter(pk=source.pk).exists()
    hits = found("checkpointing")
    assert source.pk not in hits and target.pk in hits
    assert SearchDocument.objects.get(pk=answer.pk).thread_id == target.pk
