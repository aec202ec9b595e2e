"""The activity figures posts adds to a profile's Summary tab."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.accounts.profiles import stats_for
from deepcommons.core.testing import session_queries
from deepcommons.posts import services
from deepcommons.posts.models import Kind, Status
from deepcommons.posts.tests.factories import make_answer, make_post, make_question

pytestmark = pytest.mark.django_db


def _figures(response: Any) -> dict[str, int]:
    """{label: value} of the profile's figures."""
    block = response.content.decode().split('class="profile-stats"', 1)[1].split("</ul>", 1)[0]
    pairs = re.findall(r'<strong>(-?\d+)</strong> <span class="muted">([^<]+)</span>', block)
    return {label: int(value) for value, label in pairs}


def _alice_activity(alice: User, bob: User, charlie: User) -> None:
    asked = make_question(author=alice, title="Alice asks a question")
    services.vote(post=asked, user=bob, value=1)
    make_question(author=alice, title="Alice keeps a draft", status=Status.DRAFT)
    services.delete_post(post=make_question(author=alice, title="Alice deletes this"), by=alice)
    bobs = make_question(author=bob, title="Bob asks a question")
    answer = make_answer(bobs, author=alice)
    services.vote(post=answer, user=charlie, value=1)
    services.accept_answer(answer=answer, by=bob)
    make_answer(make_question(author=charlie, title="Charlie asks one"), author=alice)
    make_post(Kind.ARTICLE, author=alice, title="An article by alice", summary="s")
    make_post(Kind.TUTORIAL, author=alice, title="A tutorial by alice", summary="s")


EXPECTED = {
    "question": 1,
    "answers": 2,
    "accepted answer": 1,
    "articles and tutorials": 2,
    "votes": 2,
    # Reputation's figure: +10 for each upvote, +15 for the accepted answer.
    "reputation": 36,
}


@pytest.mark.parametrize("viewer", ["anonymous", "owner", "other"])
def test_summary_counts_published_live_posts_for_every_viewer(
    client: Client, alice: User, bob: User, charlie: User, viewer: str
) -> None:
    _alice_activity(alice, bob, charlie)
    if viewer != "anonymous":
        client.force_login(alice if viewer == "owner" else bob)
    response = client.get("/u/alice/")
    assert response.status_code == 200
    assert _figures(response) == EXPECTED
    content = response.content.decode()
    for tab in ("questions", "answers", "articles"):
        assert f'href="/u/alice/{tab}/"' in content
    assert 'href="/u/alice/" aria-current="page"' in content


def test_summary_shows_top_posts_and_answers_the_viewer_may_see(
    bob_client: Client, alice: User, bob: User, charlie: User
) -> None:
    _alice_activity(alice, bob, charlie)
    content = bob_client.get("/u/alice/").content.decode()
    top_posts = content.split('id="top-posts-heading"', 1)[1].split("</section>", 1)[0]
    top_answers = content.split('id="top-answers-heading"', 1)[1].split("</section>", 1)[0]
    assert "Alice asks a question" in top_posts
    assert "An article by alice" in top_posts and "A tutorial by alice" in top_posts
    assert "Alice keeps a draft" not in content and "Alice deletes this" not in content
    assert top_answers.index("Bob asks a question") < top_answers.index("Charlie asks one")
    assert "Accepted" in top_answers


def test_summary_of_a_member_without_posts_says_so(client: Client, alice: User) -> None:
    content = client.get("/u/alice/").content.decode()
    assert "has not posted any questions or articles yet" in content
    assert "has not answered any questions yet" in content


def test_tabs_show_the_same_figures(client: Client, alice: User, bob: User, charlie: User) -> None:
    _alice_activity(alice, bob, charlie)
    assert _figures(client.get("/u/alice/answers/")) == EXPECTED


def test_a_member_without_posts_shows_zeros(client: Client, alice: User) -> None:
    figures = _figures(client.get("/u/alice/"))
    assert figures == {
        "questions": 0,
        "answers": 0,
        "accepted answers": 0,
        "articles and tutorials": 0,
        "votes": 0,
        "reputation": 1,
    }


def test_stats_for_many_members_take_one_query(
    django_assert_num_queries: Any, alice: User, bob: User, charlie: User
) -> None:
    _alice_activity(alice, bob, charlie)
    with django_assert_num_queries(1):
        stats = stats_for([alice, bob, charlie])
    # posts' figures; reputation adds its own.
    values = {
        user_id: {s.key: s.value for s in figures if s.key != "reputation"}
        for user_id, figures in stats.items()
    }
    assert values[alice.pk] == {
        "questions": 1,
        "answers": 2,
        "accepted": 1,
        "articles": 2,
        "score": 2,
    }
    assert values[bob.pk]["questions"] == 1
    assert values[charlie.pk] == {
        "questions": 1,
        "answers": 0,
        "accepted": 0,
        "articles": 0,
        "score": 0,
    }


def test_summary_query_count_does_not_grow_with_posts(
    django_assert_num_queries: Any, bob_client: Client, alice: User, charlie: User
) -> None:
    make_answer(make_question(author=alice, title="First question here"), author=alice)
    bob_client.get("/u/alice/")
    # Session, viewer, profile, its groups, the figures, the viewer's moderator
    # powers, top posts and their tags, top answers, unread count, follow box (4).
    with django_assert_num_queries(13 + session_queries()):
        bob_client.get("/u/alice/")
    for i in range(20):
        make_question(author=alice, title=f"Alice asks number {i:02d}")
        make_answer(make_question(author=charlie, title=f"Q number {i:02d}"), author=alice)
    with django_assert_num_queries(13 + session_queries()):
        response = bob_client.get("/u/alice/")
    assert response.content.decode().count('class="post-row') == 10
