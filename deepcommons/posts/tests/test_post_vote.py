from __future__ import annotations

from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.posts.models import Kind, Post, Vote
from deepcommons.posts.tests.factories import make_post, make_question


def _url(post: Post) -> str:
    return reverse("posts:post-vote", kwargs={"post_id": post.pk})


def test_anonymous_cannot_vote(client: Client, alice: User) -> None:
    question = make_question(author=alice)
    assert client.post(_url(question), {"value": "1"}).status_code == 302
    assert not Vote.objects.exists()


def test_owner_cannot_vote_on_own_post(alice_client: Client, alice: User) -> None:
    question = make_question(author=alice)
    response = alice_client.post(_url(question), {"value": "1"}, follow=True)
    assert "You cannot vote on this post." in response.content.decode()
    assert (
        alice_client.post(_url(question), {"value": "1"}, HTTP_HX_REQUEST="true").status_code == 403
    )


def test_other_user_votes_with_htmx_and_gets_the_new_box(bob_client: Client, alice: User) -> None:
    question = make_question(author=alice)
    response = bob_client.post(_url(question), {"value": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    content = response.content.decode()
    assert f'id="vote-{question.pk}"' in content
    assert '<span class="score" aria-label="Score">1</span>' in content
    # The up button now retracts.
    assert 'name="value" value="0"' in content
    bob_client.post(_url(question), {"value": "0"})
    question.refresh_from_db()
    assert question.score == 0


def test_bad_vote_value_is_a_clear_error(bob_client: Client, alice: User) -> None:
    article = make_post(Kind.ARTICLE, author=alice, title="A", body="B")
    response = bob_client.post(_url(article), {"value": "-1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "only takes likes" in response.content.decode()
    response = bob_client.post(_url(article), {"value": "up"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
