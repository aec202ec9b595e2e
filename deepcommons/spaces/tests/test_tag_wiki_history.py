"""A tag wiki's history: every revision listed with author and time, each
viewable with its changes, and moderators roll back to any of them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.accounts.services import set_role
from deepcommons.spaces import services
from deepcommons.spaces.models import Space, Tag
from deepcommons.spaces.tests.factories import SpaceFactory, TagFactory

HISTORY = reverse("spaces:tag-wiki-history", kwargs={"tag_name": "pytorch"})


def _revision(number: int) -> str:
    return reverse("spaces:tag-wiki-revision", kwargs={"tag_name": "pytorch", "number": number})


def _rollback(number: int) -> str:
    return reverse("spaces:tag-wiki-rollback", kwargs={"tag_name": "pytorch", "number": number})


@pytest.fixture
def pytorch(alice: User, bob: User, charlie: User) -> Tag:
    """Two revisions by alice and bob (both site moderators); charlie moderates
    a space only and becomes the "other user" of these tests with a member's
    powers for tags."""
    set_role(user=alice, role="moderator")
    set_role(user=bob, role="moderator")
    space: Space = SpaceFactory(slug="cv")
    space.moderators.add(charlie)
    tag: Tag = TagFactory(name="pytorch")
    services.update_tag_wiki(tag=tag, by=alice, description="One.", wiki="First *wiki*.")
    services.update_tag_wiki(
        tag=tag, by=bob, description="Two.", wiki="Second <script>x</script>.", note="rewrite"
    )
    return tag


def test_everyone_sees_the_history_with_authors_and_times(client: Client, pytorch: Tag) -> None:
    html = client.get(HISTORY).content.decode()
    assert html.index(_revision(2)) < html.index(_revision(1))  # newest first
    assert "Alice Liddell" in html and "鲍勃" in html and "rewrite" in html
    assert "<time datetime=" in html


def test_a_revision_shows_its_text_and_its_changes(client: Client, pytorch: Tag) -> None:
    first = client.get(_revision(1)).content.decode()
    assert "First <em>wiki</em>." in first
    assert _rollback(1) not in first  # anonymous: no rollback button
    second = client.get(_revision(2)).content.decode()
    assert "<script>x" not in second and "&lt;script&gt;x" in second
    assert 'class="diff"' in second
    assert client.get(_revision(9)).status_code == 404


def test_moderator_rolls_back_to_an_earlier_revision(alice_client: Client, pytorch: Tag) -> None:
    page = alice_client.get(_revision(1)).content.decode()
    assert _rollback(1) in page
    assert _rollback(2) not in alice_client.get(_revision(2)).content.decode()  # current text
    response = alice_client.post(_rollback(1))
    assert response.status_code == 302
    pytorch.refresh_from_db()
    assert (pytorch.description, pytorch.wiki) == ("One.", "First *wiki*.")
    assert pytorch.wiki_html == "<p>First <em>wiki</em>.</p>\n"
    latest = pytorch.wiki_revisions.first()
    assert latest is not None
    assert (latest.number, latest.note) == (3, "Rolled back to revision 1")
    # Rolling back to what is already there says so and changes nothing.
    again = alice_client.post(_rollback(3), follow=True)
    assert "The wiki already reads as revision 3." in again.content.decode()
    assert pytorch.wiki_revisions.count() == 3


def test_others_cannot_roll_back(charlie_client: Client, client: Client, pytorch: Tag) -> None:
    assert charlie_client.post(_rollback(1)).status_code == 403
    assert "/login/" in client.post(_rollback(1))["Location"]
    assert charlie_client.get(_rollback(1)).status_code == 405
    pytorch.refresh_from_db()
    assert pytorch.wiki_revisions.count() == 2


def test_synonym_names_lead_to_the_tags_history(client: Client, alice: User, pytorch: Tag) -> None:
    services.add_tag_synonym(tag=pytorch, name="torch", by=alice)
    url = reverse("spaces:tag-wiki-history", kwargs={"tag_name": "torch"})
    assert client.get(url)["Location"] == HISTORY
    url = reverse("spaces:tag-wiki-revision", kwargs={"tag_name": "torch", "number": 1})
    assert client.get(url)["Location"] == _revision(1)


def test_history_queries_do_not_grow_with_revisions(
    client: Client, alice: User, pytorch: Tag, django_assert_num_queries: Any
) -> None:
    def count() -> None:
        client.get(HISTORY)
        # Tag, revision count, the page of revisions with their authors.
        with django_assert_num_queries(3):
            assert client.get(HISTORY).status_code == 200

    count()
    for n in range(5):
        services.update_tag_wiki(tag=pytorch, by=alice, description="", wiki=f"Edit {n}.")
    count()


def test_history_is_in_chinese_too(client: Client, pytorch: Tag) -> None:
    html = client.get(HISTORY, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert '<html lang="zh-Hans"' in html
