from __future__ import annotations

from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.posts import services
from deepcommons.posts.models import Kind, Post
from deepcommons.posts.tests.factories import make_post


def test_start_discussion_and_reply_to_a_reply(
    alice_client: Client, bob_client: Client, client: Client, alice: User, bob: User
) -> None:
    response = alice_client.post(
        reverse("posts:discussion-create"),
        {"title": "Best GPU?", "body": "4090 or A6000?", "tags": "hardware"},
    )
    assert response.status_code == 302
    discussion = Post.objects.get(kind=Kind.DISCUSSION)
    reply_url = reverse("posts:reply-create", kwargs={"post_id": discussion.pk})
    bob_client.post(reply_url, {"body": "4090 for price"})
    first = Post.objects.get(kind=Kind.REPLY)
    alice_client.post(reply_url, {"body": "agreed", "reply_to": first.pk})
    second = Post.objects.filter(kind=Kind.REPLY).latest("pk")
    assert second.reply_to == first
    discussion.refresh_from_db()
    assert discussion.answer_count == 2
    page = client.get(discussion.get_absolute_url()).content.decode()
    assert page.index("4090 for price") < page.index("agreed")
    assert f'href="#reply-{first.pk}"' in page


def test_jump_to_unread(alice: User, bob: User, charlie_client: Client, charlie: User) -> None:
    discussion = make_post(Kind.DISCUSSION, author=alice, title="Chat", body="b", tags="")
    services.create_child(parent=discussion, author=bob, body="one")
    charlie_client.get(discussion.get_absolute_url())  # reads "one"
    newer = services.create_child(parent=discussion, author=bob, body="two")
    page = charlie_client.get(discussion.get_absolute_url()).content.decode()
    assert f'class="jump-unread" href="#reply-{newer.pk}"' in page
    again = charlie_client.get(discussion.get_absolute_url()).content.decode()
    assert "jump-unread" not in again


def test_anonymous_cannot_reply(client: Client, alice: User) -> None:
    discussion = make_post(Kind.DISCUSSION, author=alice, title="Chat", body="b", tags="")
    client.post(reverse("posts:reply-create", kwargs={"post_id": discussion.pk}), {"body": "x"})
    assert not Post.objects.filter(kind=Kind.REPLY).exists()


def test_empty_reply_shows_error(bob_client: Client, alice: User) -> None:
    discussion = make_post(Kind.DISCUSSION, author=alice, title="Chat", body="b", tags="")
    response = bob_client.post(
        reverse("posts:reply-create", kwargs={"post_id": discussion.pk}), {"body": ""}
    )
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
