"""Flags count against the flag limit (the moderation app's flag page)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.posts.tests.factories import make_question

pytestmark = [pytest.mark.real_rate_limits, pytest.mark.django_db]


def test_a_flag_counts_against_the_flag_limit(
    alice_client: Client, bob: User, settings: Any
) -> None:
    settings.ABUSE_RATE_LIMITS = {"flag": {"first_day": "1/d", "tl0": "1/d"}}
    question = make_question(author=bob)
    url = reverse("moderation:flag", args=["post", question.pk])
    first = alice_client.post(url, {"reason": "spam"})
    assert first.status_code < 400
    response = alice_client.post(url, {"reason": "off_topic"})
    assert response.status_code == 429
    assert "You have used your 1 flags per day." in response.content.decode()


def test_api_flags_share_the_flag_limit(alice_client: Client, bob: User, settings: Any) -> None:
    settings.ABUSE_RATE_LIMITS = {"flag": {"first_day": "1/d", "tl0": "1/d"}}
    first, second = make_question(author=bob), make_question(author=bob, title="Another one")

    def flag(post_id: int) -> Any:
        data = {"target_type": "post", "target_id": post_id, "reason": "spam"}
        return alice_client.post("/api/v1/flags", data, content_type="application/json")

    assert flag(first.pk).status_code == 201
    response = flag(second.pk)
    assert response.status_code == 429
    assert "1 flags per day" in response.json()["message"]
    assert int(response["Retry-After"]) > 0
