"""The Questions, Answers and Articles tabs of a profile."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.accounts.services import set_role
from deepcommons.core.testing import session_queries
from deepcommons.posts import services
from deepcommons.posts.models import Kind, Status
from deepcommons.posts.tests.factories import make_answer, make_post, make_question

pytestmark = pytest.mark.django_db

# A signed-in viewer: session, viewer, profile, its groups, the viewer's
# moderator powers, the page of posts, their tags, the profile's figures, the
# unread-notification count, and four for the follow box.
TAB_QUERIES = 12  # plus session_queries()


def _titles(response: Any) -> list[str]:
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', response.content.decode())


def test_anyone_sees_a_members_questions_newest_first(client: Client, alice: User) -> None:
    make_question(author=alice, title="Older question here")
    make_question(author=alice, title="Newer question here")
    response = client.get("/u/alice/questions/")
    assert response.status_code == 200
    assert _titles(response) == ["Newer question here", "Older question here"]
    assert 'href="/u/alice/questions/" aria-current="page"' in response.content.decode()


def test_top_orders_by_score(client: Client, alice: User, bob: User, charlie: User) -> None:
    make_question(author=alice, title="Plain question one")
    liked = make_question(author=alice, title="Liked question two")
    services.vote(post=liked, user=bob, value=1)
    services.vote(post=liked, user=charlie, value=1)
    response = client.get("/u/alice/questions/?sort=top")
    assert _titles(response) == ["Liked question two", "Plain question one"]


def test_tabs_list_only_that_members_posts_of_their_kinds(
    client: Client, alice: User, bob: User
) -> None:
    make_question(author=bob, title="Bob asks something")
    make_post(Kind.ARTICLE, author=alice, title="Alice writes an article", summary="s")
    make_post(Kind.TUTORIAL, author=alice, title="Alice writes a tutorial", summary="s")
    make_question(author=alice, title="Alice asks something")
    assert _titles(client.get("/u/alice/questions/")) == ["Alice asks something"]
    assert _titles(client.get("/u/alice/articles/")) == [
        "Alice writes a tutorial",
        "Alice writes an article",
    ]


def test_answers_tab_names_the_question_and_marks_accepted(
    client: Client, alice: User, bob: User
) -> None:
    question = make_question(author=bob, title="Bob needs help here")
    answer = make_answer(question, author=alice)
    services.accept_answer(answer=answer, by=bob)
    response = client.get("/u/alice/answers/")
    content = response.content.decode()
    assert _titles(response) == ["Bob needs help here"]
    assert f"#answer-{answer.pk}" in content
    assert "Accepted" in content


@pytest.mark.parametrize("tab", ["questions", "articles"])
def test_drafts_and_deleted_posts_never_show_to_others(
    client: Client, bob_client: Client, alice: User, tab: str
) -> None:
    kind = Kind.QUESTION if tab == "questions" else Kind.ARTICLE
    make_post(kind, author=alice, title="A draft by alice", summary="s", status=Status.DRAFT)
    gone = make_post(kind, author=alice, title="Deleted by alice", summary="s")
    services.delete_post(post=gone, by=alice)
    make_post(kind, author=alice, title="Public by alice", summary="s")
    for viewer in (client, bob_client):
        response = viewer.get(f"/u/alice/{tab}/")
        content = response.content.decode()
        assert _titles(response) == ["Public by alice"]
        assert "A draft by alice" not in content
        assert "Deleted by alice" not in content


def test_deleted_answer_and_answer_to_deleted_question_are_hidden(
    bob_client: Client, alice: User, bob: User, charlie: User
) -> None:
    kept = make_answer(make_question(author=charlie, title="Question that stays"), author=alice)
    services.delete_post(post=make_answer(kept.parent, author=alice), by=alice)
    doomed = make_question(author=charlie, title="Question that goes")
    make_answer(doomed, author=alice)
    services.delete_post(post=doomed, by=charlie)
    assert _titles(bob_client.get("/u/alice/answers/")) == ["Question that stays"]


def test_owner_sees_own_deleted_posts_marked_but_not_drafts(
    alice_client: Client, alice: User
) -> None:
    make_question(author=alice, title="My draft question", status=Status.DRAFT)
    gone = make_question(author=alice, title="My deleted question")
    services.delete_post(post=gone, by=alice)
    response = alice_client.get("/u/alice/questions/")
    assert _titles(response) == ["My deleted question"]
    assert "is-deleted" in response.content.decode()


def test_moderator_sees_deleted_posts(client: Client, alice: User, bob: User) -> None:
    set_role(user=bob, role="moderator")
    gone = make_question(author=alice, title="Deleted by alice")
    services.delete_post(post=gone, by=alice)
    client.force_login(bob)
    assert _titles(client.get("/u/alice/questions/")) == ["Deleted by alice"]


def test_pages_cover_every_post_once_and_htmx_gets_rows(client: Client, alice: User) -> None:
    for i in range(25):
        make_question(author=alice, title=f"Question number {i:02d}")
    first = client.get("/u/alice/questions/")
    assert len(_titles(first)) == 20
    cursor = re.search(r'cursor=([^"&]+)" rel="next"', first.content.decode())
    assert cursor is not None
    rest = client.get(f"/u/alice/questions/?cursor={cursor.group(1)}", HTTP_HX_REQUEST="true")
    assert len(_titles(rest)) == 5
    assert "<html" not in rest.content.decode()
    assert set(_titles(first)) | set(_titles(rest)) == {
        f"Question number {i:02d}" for i in range(25)
    }


@pytest.mark.parametrize("cursor", ["garbage", "eyJtIjoxfQ", "x" * 400])
def test_bad_cursor_shows_page_one(client: Client, alice: User, cursor: str) -> None:
    make_question(author=alice, title="Only question here")
    response = client.get(f"/u/alice/questions/?cursor={cursor}&sort=nonsense")
    assert response.status_code == 200
    assert _titles(response) == ["Only question here"]


def test_username_in_another_case_redirects(client: Client, alice: User) -> None:
    response = client.get("/u/ALICE/answers/")
    assert response.status_code == 301
    assert response["Location"] == "/u/alice/answers/"


def test_unknown_and_inactive_members_are_404(client: Client, alice: User) -> None:
    alice.is_active = False
    alice.save()
    assert client.get("/u/alice/questions/").status_code == 404
    assert client.get("/u/nobody/answers/").status_code == 404
    assert client.get("/u/deleted/articles/").status_code == 404


def test_empty_tab_says_so(client: Client, alice: User) -> None:
    content = client.get("/u/alice/answers/").content.decode()
    assert "has not answered any questions yet" in content


@pytest.mark.parametrize("tab", ["questions", "answers", "articles"])
def test_query_count_does_not_grow_with_posts(
    django_assert_num_queries: Any, bob_client: Client, alice: User, charlie: User, tab: str
) -> None:
    def add(n: int) -> None:
        for i in range(n):
            if tab == "questions":
                make_question(author=alice, title=f"Question number {i:02d}")
            elif tab == "answers":
                make_answer(make_question(author=charlie, title=f"Q number {i:02d}"), author=alice)
            else:
                make_post(Kind.ARTICLE, author=alice, title=f"Article number {i:02d}", summary="s")

    add(1)
    bob_client.get(f"/u/alice/{tab}/")  # warm the session and shared fragments
    with django_assert_num_queries(TAB_QUERIES + session_queries()) as one:
        bob_client.get(f"/u/alice/{tab}/")
    add(19)
    with django_assert_num_queries(len(one.captured_queries)):
        response = bob_client.get(f"/u/alice/{tab}/")
    assert len(_titles(response)) == 20
