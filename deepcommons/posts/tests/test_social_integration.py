"""Posts tell social what happened: follows, notifications, mentions, feed, digests."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.posts import services
from deepcommons.posts.models import Kind, Status
from deepcommons.posts.notify import posts_feed, top_posts_for_digest
from deepcommons.posts.services import PostInput
from deepcommons.posts.tests.factories import make_answer, make_post, make_question
from deepcommons.social import services as social
from deepcommons.social.models import Follow, Notification
from deepcommons.spaces.models import Space, Tag


def _kinds(user: User) -> list[str]:
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


@pytest.fixture
def commit(django_capture_on_commit_callbacks: Any) -> Any:
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.mark.django_db
def test_followers_of_the_author_hear_about_a_new_question(
    alice: User, bob: User, charlie: User, commit: Any
) -> None:
    social.follow(user=bob, target=alice)
    with commit():
        question = make_question(author=alice, title="How do I shard a 70B model?")
    note = Notification.objects.get(recipient=bob, kind="followed_post")
    assert note.data["url"] == question.get_absolute_url()
    assert note.data["title"] == "How do I shard a 70B model?"
    assert _kinds(charlie) == []
    # The author now watches her own question.
    assert Follow.objects.is_following(user=alice, target=question)


@pytest.mark.django_db
def test_followers_of_a_tag_and_a_space_hear_once(alice: User, bob: User, commit: Any) -> None:
    space = Space.objects.create(slug="nlp", name_en="NLP", name_zh="自然语言处理")
    tag, _ = Tag.objects.get_or_create(name="transformers")
    social.follow(user=bob, target=space)
    social.follow(user=bob, target=tag)
    with commit():
        make_question(author=alice, tags="transformers", space=space)
    assert _kinds(bob) == ["followed_post"]


@pytest.mark.django_db
def test_answers_notify_the_asker_and_the_watchers(
    alice: User, bob: User, charlie: User, commit: Any
) -> None:
    with commit():
        question = make_question(author=alice)
    social.follow(user=charlie, target=question)
    with commit():
        answer = make_answer(question, author=bob, body="Use FSDP.")
    reply = Notification.objects.get(recipient=alice, kind="reply")
    assert reply.data["url"] == answer.get_absolute_url()
    assert reply.data["title"] == question.title
    assert _kinds(charlie) == ["watched_activity"]
    assert _kinds(bob) == []


@pytest.mark.django_db
def test_comments_acceptance_and_vote_milestones_notify_the_author(
    alice: User, bob: User, commit: Any
) -> None:
    with commit():
        question = make_question(author=alice)
        answer = make_answer(question, author=bob)
        services.add_comment(post=answer, author=alice, body="Which version?")
        services.accept_answer(answer=answer, by=alice)
        for _ in range(10):
            services.vote(post=answer, user=UserFactory(), value=1)
    assert _kinds(bob) == ["accepted_answer", "comment", "vote_milestone"]
    assert Notification.objects.get(recipient=bob, kind="vote_milestone").data["milestone"] == 10


@pytest.mark.django_db
def test_mentions_link_existing_members_and_notify_them(
    alice: User, bob: User, charlie: User, commit: Any
) -> None:
    with commit():
        question = make_question(author=alice)
        answer = make_answer(
            question,
            author=bob,
            body="@charlie knows this. Not `@alice` in code, nor @nobody_here.",
        )
    assert '<a class="mention" href="/u/charlie/">@charlie</a>' in answer.body_html
    assert "/u/nobody_here/" not in answer.body_html
    assert _kinds(charlie) == ["mention"]
    assert "mention" not in _kinds(alice)


@pytest.mark.django_db
def test_a_draft_notifies_nobody_until_it_is_published(alice: User, bob: User, commit: Any) -> None:
    social.follow(user=bob, target=alice)
    with commit():
        article = make_post(Kind.ARTICLE, author=alice, status=Status.DRAFT, summary="s")
    assert _kinds(bob) == []
    with commit():
        services.edit_post(
            post=article,
            by=alice,
            data=PostInput(
                title=article.title,
                body=article.body,
                tags="pytorch",
                summary="s",
                status=Status.PUBLISHED,
            ),
        )
    assert _kinds(bob) == ["followed_post"]


@pytest.mark.django_db
def test_feed_lists_followed_people_spaces_tags_and_watched_answers(
    alice: User, bob: User, charlie: User
) -> None:
    space = Space.objects.create(slug="cv", name_en="Vision", name_zh="视觉")
    by_alice = make_question(author=alice, title="From alice")
    in_space = make_question(author=charlie, title="In the space", space=space)
    unrelated = make_question(author=charlie, title="Unrelated", tags="jax")
    watched = make_question(author=charlie, title="Watched")
    social.follow(user=bob, target=alice)
    social.follow(user=bob, target=space)
    social.follow(user=bob, target=watched)
    answer = make_answer(watched, author=charlie)
    items = posts_feed(bob, None, 10)
    ids = [item.context["post"].pk for item in items]
    assert set(ids) == {by_alice.pk, in_space.pk, answer.pk}
    assert unrelated.pk not in ids
    assert ids == sorted(ids, reverse=True)
    # Muting a user drops their posts.
    social.mute(user=bob, target=charlie)
    assert [i.context["post"].pk for i in posts_feed(bob, None, 10)] == [by_alice.pk]


@pytest.mark.django_db
def test_feed_page_pages_with_a_cursor_and_constant_queries(
    bob_client: Client, bob: User, alice: User, django_assert_max_num_queries: Any
) -> None:
    social.follow(user=bob, target=alice)
    for n in range(25):
        make_question(author=alice, title=f"Question {n}")
    first = bob_client.get("/feed/")
    assert first.status_code == 200
    body = first.content.decode()
    assert "Question 24" in body and "Question 5" in body and "Question 4" not in body

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            bob_client.get("/feed/")
        return len(ctx.captured_queries)

    few = count()
    for n in range(25, 75):
        make_question(author=alice, title=f"Question {n}")
    assert count() == few


@pytest.mark.django_db
def test_digest_top_content_comes_from_followed_spaces(alice: User, bob: User) -> None:
    space = Space.objects.create(slug="rl", name_en="RL", name_zh="强化学习")
    social.follow(user=bob, target=space)
    inside = make_question(author=alice, title="Reward shaping?", space=space)
    make_question(author=alice, title="Elsewhere")
    items = top_posts_for_digest(bob, timezone.now() - timedelta(days=7), 5)
    assert [i.title for i in items] == [inside.title]
