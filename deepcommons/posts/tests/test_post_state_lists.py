"""Pinned posts head their space's list; held posts stay out of every list,
the search index, profiles and counts for everyone but their author and
moderators."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.posts import services
from deepcommons.posts.tests.factories import make_question, make_site_moderator
from deepcommons.search.services import index_posts
from deepcommons.spaces.models import Space
from deepcommons.spaces.tests.factories import SpaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cv(db: None) -> Space:
    return SpaceFactory(slug="cv", name_en="Computer Vision")


def test_a_pinned_question_comes_first_in_its_space_once(
    client: Client, alice: User, cv: Space
) -> None:
    pinned = make_question(author=alice, space=cv, title="Read this first: the space rules")
    make_question(author=alice, space=cv, title="A newer question about ViTs")
    services.pin_post(post=pinned, by=make_site_moderator())
    html = client.get(reverse("posts:space-detail", args=["cv"])).content.decode()
    assert html.index("Read this first") < html.index("A newer question about ViTs")
    assert html.count("Read this first: the space rules") == 1
    assert "Pinned" in html
    # Elsewhere the pin changes nothing: latest first.
    listing = client.get(reverse("posts:question-list")).content.decode()
    assert listing.index("A newer question about ViTs") < listing.index("Read this first")


def test_a_held_question_is_in_no_list_profile_or_search_for_others(
    client: Client, bob_client: Client, alice: User, alice_client: Client, cv: Space
) -> None:
    question = make_question(author=alice, space=cv, title="Cheap GPUs zebrafish offer")
    services.hold_post(post=question, reason="Spam score 0.97")
    index_posts(post_ids=[question.pk])
    pages = [
        reverse("posts:question-list"),
        reverse("posts:space-detail", args=["cv"]),
        reverse("posts:tag-detail", args=["pytorch"]),
        reverse("home"),
        reverse("posts:profile-questions", args=["alice"]),
    ]
    for url in pages:
        for viewer in (client, bob_client):
            response = viewer.get(url)
            assert response.status_code == 200, url
            assert "Cheap GPUs zebrafish offer" not in response.content.decode(), url
    found: dict[str, Any] = client.get("/api/v1/search", {"q": "zebrafish"}).json()
    assert found["total"] == 0
    assert Space.objects.get(pk=cv.pk).post_count == 0
    # Its author still finds it on its own page.
    assert alice_client.get(question.get_absolute_url()).status_code == 200
