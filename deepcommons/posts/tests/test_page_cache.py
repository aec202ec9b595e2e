"""Shared, cached thread and list HTML: never stale for the person who changed it.

Each test first fills the cache with one viewer's visit, then changes
something through the services (as the pages and the API do) and checks
the next visit shows the change at once.
"""

from __future__ import annotations

import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from deepcommons.accounts.models import User
from deepcommons.accounts.services import set_role
from deepcommons.core.pagecache import CSRF_PLACEHOLDER, get_versions
from deepcommons.posts import services
from deepcommons.posts.pagecache import LISTS, thread_version_name
from deepcommons.posts.tests.factories import make_answer, make_comment, make_post, make_question


def _get(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _queries(client: Client, url: str) -> int:
    """Queries for one page view, not counting the session read (Redis-backed
    sessions on PostgreSQL runs skip it)."""
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return sum("django_session" not in q["sql"] for q in ctx.captured_queries)


def test_every_change_bumps_the_thread_and_list_versions(alice: User, bob: User) -> None:
    question = make_question(author=alice)
    thread = thread_version_name(question.pk)
    before = get_versions(thread, LISTS)
    answer = make_answer(question, author=bob)
    services.vote(post=answer, user=alice, value=1)
    services.accept_answer(answer=answer, by=alice)
    services.unaccept_answer(question=question, by=alice)
    comment = make_comment(answer, author=alice)
    services.delete_comment(comment=comment, by=alice)
    after = get_versions(thread, LISTS)
    # answer, vote, accept, unaccept, comment, comment deleted
    assert after[0] - before[0] == 6
    # a vote on an answer changes no list
    assert after[1] - before[1] == 5


def test_second_member_gets_the_shared_copy_with_fewer_queries(
    alice: User, bob: User, charlie: User
) -> None:
    question = make_question(author=alice, title="Shared thread")
    for i in range(5):
        make_answer(question, author=bob, body=f"answer number {i}")
    url = question.get_absolute_url()
    first, second = Client(), Client()
    first.force_login(charlie)
    second.force_login(User.objects.create_user("dora", "dora@example.com", "pw-12345678"))
    _get(first, url)
    _get(second, url)  # warm the session
    hit = _queries(second, url)
    content = _get(second, url)
    assert content.count('class="post post-answer') == 5
    assert "answer number 4" in content
    # user, question, moderator powers, viewer state + version, draft,
    # notifications, follow box
    assert hit == 7


def test_new_answer_vote_and_accept_show_at_once(
    alice_client: Client, bob_client: Client, alice: User, bob: User
) -> None:
    question = make_question(author=alice)
    url = question.get_absolute_url()
    _get(bob_client, url)
    _get(alice_client, url)
    answer = make_answer(question, author=bob, body="Use gradient clipping")
    assert "Use gradient clipping" in _get(alice_client, url)
    services.vote(post=answer, user=alice, value=1)
    content = _get(alice_client, url)
    assert re.search(rf'id="vote-{answer.pk}".*?vote-button is-on', content, re.S)
    services.accept_answer(answer=answer, by=alice)
    assert "is-accepted" in _get(bob_client, url)
    services.unaccept_answer(question=question, by=alice)
    assert "is-accepted" not in _get(bob_client, url)


def test_own_deleted_answer_shows_to_its_author_only(
    bob_client: Client, charlie_client: Client, alice: User, bob: User, charlie: User
) -> None:
    question = make_question(author=alice)
    answer = make_answer(question, author=bob, body="I was wrong here")
    url = question.get_absolute_url()
    _get(charlie_client, url)
    services.delete_post(post=answer, by=bob)
    assert "I was wrong here" not in _get(charlie_client, url)
    assert "I was wrong here" in _get(bob_client, url)
    set_role(user=charlie, role="moderator")
    assert "I was wrong here" in _get(charlie_client, url)


def test_deleted_comment_disappears_at_once(alice_client: Client, alice: User, bob: User) -> None:
    question = make_question(author=alice)
    comment = make_comment(question, author=bob, body="spam spam spam")
    url = question.get_absolute_url()
    assert "spam spam spam" in _get(alice_client, url)
    services.delete_comment(comment=comment, by=bob)
    assert "spam spam spam" not in _get(alice_client, url)


def test_forms_in_a_shared_copy_carry_the_visitors_own_csrf_token(
    alice: User, bob: User, charlie: User
) -> None:
    question = make_question(author=alice)
    url = question.get_absolute_url()
    warm = Client()
    warm.force_login(charlie)
    _get(warm, url)  # charlie's visit fills the cache
    client = Client(enforce_csrf_checks=True)
    client.force_login(bob)
    content = _get(client, url)
    assert CSRF_PLACEHOLDER not in content
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1)  # type: ignore[union-attr]
    response = client.post(
        f"/posts/{question.pk}/comments/",
        {"body": "Posted from a cached page", "csrfmiddlewaretoken": token},
    )
    assert response.status_code in (200, 302)
    assert "Posted from a cached page" in _get(client, url)


def test_article_edit_shows_at_once(alice_client: Client, bob_client: Client, alice: User) -> None:
    article = make_post("article", author=alice, title="Attention", body="Old body text")
    url = article.get_absolute_url()
    assert "Old body text" in _get(bob_client, url)
    services.edit_post(
        post=article,
        by=alice,
        data=services.PostInput(title="Attention", body="New body text", tags="pytorch"),
    )
    assert "New body text" in _get(bob_client, url)


def test_lists_show_a_new_question_at_once_and_own_deleted_posts_only_to_the_author(
    alice_client: Client, bob_client: Client, alice: User
) -> None:
    _get(bob_client, "/questions/")
    _get(alice_client, "/questions/")
    question = make_question(author=alice, title="Fresh question on warmup")
    assert "Fresh question on warmup" in _get(bob_client, "/questions/")
    services.delete_post(post=question, by=alice)
    assert "Fresh question on warmup" not in _get(bob_client, "/questions/")
    assert "Fresh question on warmup" in _get(alice_client, "/questions/")
    assert "Fresh question on warmup" not in _get(Client(), "/questions/?sort=active")


def test_header_keeps_the_path_and_the_live_bell(alice_client: Client, alice: User) -> None:
    first = _get(alice_client, "/questions/")
    assert 'name="next" value="/questions/"' in first
    second = _get(alice_client, "/articles/?sort=top")
    assert 'name="next" value="/articles/?sort=top"' in second
    assert 'id="notification-bell"' in second
    alice.display_name = "Alice Renamed"
    alice.save(update_fields=["display_name"])
    assert "Alice Renamed" in _get(alice_client, "/questions/")
