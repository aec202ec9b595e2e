"""The bounties API: the same rules as the pages, every refusal as JSON."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.posts.tests.factories import make_answer, make_question
from deepcommons.reputation.models import Bounty, BountyStatus
from deepcommons.reputation.services.bounties import offer_bounty
from deepcommons.spaces.models import Tag

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _known_tag(db: None) -> None:
    Tag.objects.get_or_create(name="pytorch")


def give(user: User, reputation: int) -> User:
    User.objects.filter(pk=user.pk).update(reputation=reputation)
    user.refresh_from_db()
    return user


def post(client: Client, url: str, data: Any) -> Any:
    return client.post(url, data, content_type="application/json")


def test_listing_open_bounties_with_a_cursor(client: Client, alice: User) -> None:
    give(alice, 100_000)
    for _ in range(22):
        offer_bounty(question=make_question(author=alice), by=alice, amount=50)
    first = client.get("/api/v1/bounties").json()
    assert len(first["items"]) == 20 and first["next_cursor"]
    second = client.get("/api/v1/bounties", {"cursor": first["next_cursor"]}).json()
    assert len(second["items"]) == 2 and second["next_cursor"] is None
    assert client.get("/api/v1/bounties", {"cursor": "nonsense"}).status_code == 400


def test_offering_by_api(alice_client: Client, alice: User) -> None:
    question = make_question(author=give(alice, 500))
    response = post(alice_client, f"/api/v1/questions/{question.pk}/bounty", {"amount": 100})
    assert response.status_code == 201
    assert response.json()["amount"] == 100


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (450, "You have 300 reputation"),
        (-100, "between 50 and 500"),
        (10**40, "between 50 and 500"),
        ("100", "whole number"),
        (100.5, "whole number"),
        (None, "whole number"),
    ],
)
def test_bad_amounts_are_json_400s(
    alice_client: Client, alice: User, amount: Any, text: str
) -> None:
    question = make_question(author=give(alice, 300))
    response = post(alice_client, f"/api/v1/questions/{question.pk}/bounty", {"amount": amount})
    assert response.status_code == 400
    assert text in response.json()["message"]
    assert not Bounty.objects.exists()


def test_offering_twice_is_refused(alice_client: Client, alice: User) -> None:
    question = make_question(author=give(alice, 500))
    url = f"/api/v1/questions/{question.pk}/bounty"
    assert post(alice_client, url, {"amount": 50}).status_code == 201
    response = post(alice_client, url, {"amount": 50})
    assert response.status_code == 400
    assert "already has an open bounty" in response.json()["message"]


def test_a_bounty_on_your_own_closed_question_is_refused(alice_client: Client, alice: User) -> None:
    question = make_question(author=give(alice, 500))
    if not hasattr(question, "closed_at"):
        pytest.fail("posts has no closed_at yet")  # pragma: no cover
    from django.utils import timezone

    type(question).objects.filter(pk=question.pk).update(closed_at=timezone.now())
    response = post(alice_client, f"/api/v1/questions/{question.pk}/bounty", {"amount": 50})
    assert response.status_code == 400 and "closed" in response.json()["message"]


def test_anonymous_cannot_offer(client: Client, alice: User) -> None:
    question = make_question(author=give(alice, 500))
    response = post(client, f"/api/v1/questions/{question.pk}/bounty", {"amount": 50})
    assert response.status_code == 401


def test_awarding_by_api(alice_client: Client, alice: User, bob: User) -> None:
    question = make_question(author=give(alice, 500))
    answer = make_answer(question, author=bob)
    bounty = offer_bounty(question=question, by=alice, amount=100)
    response = post(alice_client, f"/api/v1/bounties/{bounty.pk}/award", {"answer_id": answer.pk})
    assert response.status_code == 200
    assert response.json()["status"] == BountyStatus.AWARDED
    again = post(alice_client, f"/api/v1/bounties/{bounty.pk}/award", {"answer_id": answer.pk})
    assert again.status_code == 400 and "already been awarded" in again.json()["message"]


def test_award_by_someone_else_is_refused(
    bob_client: Client, alice: User, bob: User, charlie: User
) -> None:
    question = make_question(author=give(alice, 500))
    answer = make_answer(question, author=charlie)
    bounty = offer_bounty(question=question, by=alice, amount=100)
    response = post(bob_client, f"/api/v1/bounties/{bounty.pk}/award", {"answer_id": answer.pk})
    assert response.status_code == 400
    assert "Only the member who offered" in response.json()["message"]


def test_award_to_own_answer_is_refused(alice_client: Client, alice: User) -> None:
    question = make_question(author=give(alice, 500))
    answer = make_answer(question, author=alice)
    bounty = offer_bounty(question=question, by=alice, amount=100)
    response = post(alice_client, f"/api/v1/bounties/{bounty.pk}/award", {"answer_id": answer.pk})
    assert response.status_code == 400 and "own answer" in response.json()["message"]


def test_award_to_a_missing_answer_is_a_json_404(alice_client: Client, alice: User) -> None:
    bounty = offer_bounty(question=make_question(author=give(alice, 500)), by=alice, amount=100)
    response = post(alice_client, f"/api/v1/bounties/{bounty.pk}/award", {"answer_id": 999999})
    assert response.status_code == 404 and response.json()["message"]
