"""A tag's About page: wiki and synonyms for everyone; moderators add and
remove synonyms there."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.accounts.services import set_role
from deepcommons.core.testing import session_queries
from deepcommons.spaces import services
from deepcommons.spaces.models import Space, Tag, TagSynonym
from deepcommons.spaces.tests.factories import SpaceFactory, TagFactory, TagSynonymFactory

ABOUT = reverse("spaces:tag-about", kwargs={"tag_name": "pytorch"})
ADD = reverse("spaces:tag-synonym-add", kwargs={"tag_name": "pytorch"})
REMOVE = reverse("spaces:tag-synonym-remove", kwargs={"tag_name": "pytorch"})


@pytest.fixture
def pytorch(alice: User, charlie: User) -> Tag:
    """alice moderates the site; charlie moderates a space only; bob is a member."""
    set_role(user=alice, role="moderator")
    space: Space = SpaceFactory(slug="cv")
    space.moderators.add(charlie)
    tag: Tag = TagFactory(name="pytorch")
    services.update_tag_wiki(tag=tag, by=alice, description="Tensors.", wiki="*Autograd*.")
    TagSynonymFactory(tag=tag, name="torch")
    return tag


def test_everyone_sees_the_wiki_synonyms_and_last_edit(client: Client, pytorch: Tag) -> None:
    html = client.get(ABOUT).content.decode()
    assert "<em>Autograd</em>" in html and "Tensors." in html
    assert "torch" in html
    assert "Alice Liddell" in html  # the last edit's author
    assert reverse("spaces:tag-wiki-history", kwargs={"tag_name": "pytorch"}) in html
    assert ADD not in html and "Edit wiki" not in html
    # The tag's post list links here.
    assert ABOUT in client.get("/tags/pytorch/").content.decode()


def test_only_site_moderators_see_the_controls(
    alice_client: Client, bob_client: Client, charlie_client: Client, pytorch: Tag
) -> None:
    assert ADD in alice_client.get(ABOUT).content.decode()
    for other in (bob_client, charlie_client):
        html = other.get(ABOUT).content.decode()
        assert ADD not in html and REMOVE not in html


def test_synonyms_and_other_cases_lead_to_the_tag(client: Client, pytorch: Tag) -> None:
    for name in ("torch", "PyTorch"):
        response = client.get(reverse("spaces:tag-about", kwargs={"tag_name": name}))
        assert response.status_code == 301 and response["Location"] == ABOUT
    assert client.get(reverse("spaces:tag-about", kwargs={"tag_name": "nope"})).status_code == 404


def test_moderator_adds_and_removes_a_synonym(alice_client: Client, pytorch: Tag) -> None:
    response = alice_client.post(ADD, {"name": "  Py Torch "})
    assert response.status_code == 302
    assert TagSynonym.objects.get(name="py-torch").tag == pytorch
    assert alice_client.get("/tags/py-torch/")["Location"] == "/tags/pytorch/"
    assert alice_client.post(REMOVE, {"name": "py-torch"}).status_code == 302
    assert not TagSynonym.objects.filter(name="py-torch").exists()
    assert alice_client.post(REMOVE, {"name": "py-torch"}).status_code == 404


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("cuda", "A tag with that name already exists."),
        ("pytorch", "A tag with that name already exists."),
        ("torch", "“torch” is already a synonym of “pytorch”."),
        ("no<good>", "is not a valid tag"),
        ("x" * 40, "is not a valid tag"),
    ],
)
def test_bad_synonym_is_shown_again_with_its_message(
    alice_client: Client, pytorch: Tag, name: str, message: str
) -> None:
    TagFactory(name="cuda")
    before = TagSynonym.objects.count()
    response = alice_client.post(ADD, {"name": name})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    # The input is kept (escaped) in the box.
    assert 'value="' + name.replace("<", "&lt;").replace(">", "&gt;") + '"' in html
    assert TagSynonym.objects.count() == before


def test_members_and_space_moderators_cannot_change_synonyms(
    bob_client: Client, charlie_client: Client, client: Client, pytorch: Tag
) -> None:
    for other in (bob_client, charlie_client):
        assert other.post(ADD, {"name": "mine"}).status_code == 403
        assert other.post(REMOVE, {"name": "torch"}).status_code == 403
    assert "/login/" in client.post(ADD, {"name": "mine"})["Location"]
    assert list(pytorch.synonyms.values_list("name", flat=True)) == ["torch"]


def test_about_page_queries_do_not_grow_with_synonyms(
    client: Client, alice_client: Client, pytorch: Tag, django_assert_num_queries: Any
) -> None:
    def count() -> None:
        # A first visit fills the caches the header uses; count the next one.
        client.get(ABOUT)
        alice_client.get(ABOUT)
        # Tag, synonyms, last revision (with its author).
        with django_assert_num_queries(3):
            client.get(ABOUT)
        # Plus the session, the user, their powers and the unread notifications.
        with django_assert_num_queries(6 + session_queries()):
            alice_client.get(ABOUT)

    count()
    for n in range(5):
        TagSynonymFactory(tag=pytorch, name=f"pt{n}")
    count()
