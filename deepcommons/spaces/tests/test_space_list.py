from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils import translation

from deepcommons.accounts.models import User
from deepcommons.posts.tests.factories import make_question
from deepcommons.spaces.tests.factories import SpaceFactory


def test_spaces_listed_with_post_counts(client: Client, alice: User) -> None:
    space = SpaceFactory(slug="rl", name_en="Reinforcement Learning", name_zh="强化学习")
    make_question(author=alice, space=space)
    make_question(author=alice, space=space)
    content = client.get(reverse("spaces:space-list")).content.decode()
    assert "Reinforcement Learning" in content
    assert "2 posts" in content


def test_space_name_follows_the_language(db: None) -> None:
    space = SpaceFactory(slug="zh", name_en="Chinese general", name_zh="中文综合")
    with translation.override("zh-hans"):
        assert space.name == "中文综合"
    with translation.override("en"):
        assert space.name == "Chinese general"


def test_logged_in_user_sees_spaces_too(alice_client: Client) -> None:
    SpaceFactory(slug="mlops", name_en="MLOps")
    assert "MLOps" in alice_client.get(reverse("spaces:space-list")).content.decode()
