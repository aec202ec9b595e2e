from __future__ import annotations

from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.posts import services
from deepcommons.posts.tests.factories import make_answer, make_comment, make_question


def test_anonymous_sees_question_answers_and_comments(
    client: Client, alice: User, bob: User
) -> None:
    question = make_question(author=alice, title="Why NaN?")
    answer = make_answer(question, author=bob, body="Clip the **gradients**.")
    make_comment(answer, author=alice, body="Thanks, that worked")
    response = client.get(question.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert "Why NaN?" in content
    assert "<strong>gradients</strong>" in content
    assert "Thanks, that worked" in content
    assert "Log in to answer" in content


def test_accepted_answer_comes_first_then_votes(
    alice_client: Client, alice: User, bob: User, charlie: User
) -> None:
    question = make_question(author=alice)
    first = make_answer(question, author=bob, body="first answer")
    second = make_answer(question, author=charlie, body="second answer")
    services.vote(post=first, user=alice, value=1)
    content = alice_client.get(question.get_absolute_url()).content.decode()
    assert content.index("first answer") < content.index("second answer")
    services.accept_answer(answer=second, by=alice)
    content = alice_client.get(question.get_absolute_url()).content.decode()
    assert content.index("second answer") < content.index("first answer")
    assert "Unaccept" in content


def test_answer_sort_by_oldest_and_newest(client: Client, alice: User, bob: User) -> None:
    question = make_question(author=alice)
    make_answer(question, author=bob, body="older one")
    make_answer(question, author=bob, body="newer one")
    newest = client.get(question.get_absolute_url() + "?answers=newest").content.decode()
    assert newest.index("newer one") < newest.index("older one")
    oldest = client.get(question.get_absolute_url() + "?answers=oldest").content.decode()
    assert oldest.index("older one") < oldest.index("newer one")


def test_htmx_answer_sort_returns_only_the_list(client: Client, alice: User) -> None:
    question = make_question(author=alice)
    response = client.get(question.get_absolute_url() + "?answers=newest", HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert 'id="answer-list"' in content
    assert "<html" not in content


def test_deleted_question_is_404_for_others_and_grey_for_author(
    client: Client, alice_client: Client, bob_client: Client, alice: User
) -> None:
    question = make_question(author=alice)
    services.delete_post(post=question, by=alice)
    assert client.get(question.get_absolute_url()).status_code == 404
    assert bob_client.get(question.get_absolute_url()).status_code == 404
    response = alice_client.get(question.get_absolute_url())
    assert response.status_code == 200
    assert "is-deleted" in response.content.decode()


def test_moderator_sees_deleted_question(client: Client, alice: User, charlie: User) -> None:
    from deepcommons.accounts.services import set_role

    question = make_question(author=alice)
    services.delete_post(post=question, by=alice)
    set_role(user=charlie, role="moderator")
    client.force_login(charlie)
    response = client.get(question.get_absolute_url())
    assert response.status_code == 200
    assert "This post is deleted" in response.content.decode()


def test_question_page_query_count_does_not_grow_with_answers(
    client: Client, django_assert_num_queries: object, alice: User, bob: User, charlie: User
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count_for(n: int) -> int:
        question = make_question(author=alice)
        for i in range(n):
            answer = make_answer(question, author=bob, body=f"answer {i}")
            make_comment(answer, author=charlie)
            services.vote(post=answer, user=alice, value=1)
        client.force_login(charlie)
        client.get(question.get_absolute_url())  # warm the session
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(question.get_absolute_url() + "?answers=votes")
        assert response.status_code == 200
        assert response.content.decode().count('class="post post-answer') == n
        return len(ctx.captured_queries)

    assert count_for(5) == count_for(50)
