"""The bounties list, the question's bounty panel, offering and awarding by page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

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


def panel_url(question_id: int) -> str:
    return reverse("reputation:question-panel", args=[question_id])


def test_the_question_page_loads_the_bounty_panel(client: Client, alice: User) -> None:
    question = make_question(author=alice)
    html = client.get(question.get_absolute_url()).content.decode()
    assert f'hx-get="{panel_url(question.pk)}"' in html


def test_the_asker_sees_the_offer_form(alice_client: Client, alice: User) -> None:
    question = make_question(author=alice)
    html = alice_client.get(panel_url(question.pk)).content.decode()
    assert "Start a bounty" in html and 'value="500"' in html


def test_anonymous_and_other_members_see_no_offer_form(
    client: Client, bob_client: Client, alice: User
) -> None:
    question = make_question(author=alice)
    assert "Start a bounty" not in client.get(panel_url(question.pk)).content.decode()
    assert "Start a bounty" not in bob_client.get(panel_url(question.pk)).content.decode()


def test_everyone_sees_the_banner_of_an_open_bounty(client: Client, alice: User) -> None:
    offer_bounty(question=make_question(author=give(alice, 500)), by=alice, amount=100)
    html = client.get(panel_url(Bounty.objects.get().question_id)).content.decode()
    assert "+100" in html and "ends in 7 days" in html


def test_offering_through_the_page(alice_client: Client, alice: User) -> None:
    give(alice, 500)
    question = make_question(author=alice)
    url = reverse("reputation:bounty-offer", args=[question.pk])
    response = alice_client.post(url, {"amount": "150"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "+150" in response.content.decode()
    assert Bounty.objects.get().amount == 150


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("450", "You have 300 reputation"),
        ("-50", "between 50 and 500"),
        ("99999999999999999999", "between 50 and 500"),
        ("ten", "whole number"),
        ("120", "multiple of 50"),
    ],
)
def test_a_bad_offer_reshows_the_form_with_the_error(
    alice_client: Client, alice: User, amount: str, text: str
) -> None:
    give(alice, 300)
    question = make_question(author=alice)
    url = reverse("reputation:bounty-offer", args=[question.pk])
    response = alice_client.post(url, {"amount": amount}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert text in response.content.decode()
    assert not Bounty.objects.exists()


def test_anonymous_cannot_offer(client: Client, alice: User) -> None:
    question = make_question(author=alice)
    response = client.post(reverse("reputation:bounty-offer", args=[question.pk]), {"amount": 50})
    assert response.status_code == 302 and not Bounty.objects.exists()


def test_the_offerer_sees_award_buttons_but_not_for_their_own_answer(
    alice_client: Client, alice: User, bob: User
) -> None:
    question = make_question(author=give(alice, 500))
    theirs = make_answer(question, author=bob)
    own = make_answer(question, author=alice)
    bounty = offer_bounty(question=question, by=alice, amount=100)
    html = alice_client.get(panel_url(question.pk)).content.decode()
    assert reverse("reputation:bounty-award", args=[bounty.pk, theirs.pk]) in html
    assert reverse("reputation:bounty-award", args=[bounty.pk, own.pk]) not in html


def test_awarding_through_the_page(alice_client: Client, alice: User, bob: User) -> None:
    question = make_question(author=give(alice, 500))
    answer = make_answer(question, author=bob)
    bounty = offer_bounty(question=question, by=alice, amount=100)
    url = reverse("reputation:bounty-award", args=[bounty.pk, answer.pk])
    assert alice_client.post(url).status_code == 302
    bounty.refresh_from_db()
    assert bounty.status == BountyStatus.AWARDED


def test_another_member_cannot_award_through_the_page(
    bob_client: Client, alice: User, bob: User, charlie: User
) -> None:
    question = make_question(author=give(alice, 500))
    answer = make_answer(question, author=charlie)
    bounty = offer_bounty(question=question, by=alice, amount=100)
    url = reverse("reputation:bounty-award", args=[bounty.pk, answer.pk])
    response = bob_client.post(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "Only the member who offered" in response.content.decode()
    bounty.refresh_from_db()
    assert bounty.status == BountyStatus.OPEN


def test_the_bounties_list_shows_open_bounties(client: Client, alice: User) -> None:
    question = make_question(author=give(alice, 500), title="A question with a bounty")
    offer_bounty(question=question, by=alice, amount=200)
    html = client.get(reverse("reputation:bounty-list")).content.decode()
    assert "A question with a bounty" in html and "+200" in html


def test_the_bounties_list_costs_the_same_queries_for_more_bounties(
    client: Client, alice: User, django_assert_num_queries: object
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    give(alice, 100_000)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("reputation:bounty-list")).status_code == 200
        return len(ctx.captured_queries)

    offer_bounty(question=make_question(author=alice), by=alice, amount=50)
    one = count()
    for _ in range(5):
        offer_bounty(question=make_question(author=alice), by=alice, amount=50)
    assert count() == one
    with django_assert_num_queries(one):  # type: ignore[operator]
        client.get(reverse("reputation:bounty-list"))


def test_the_questions_list_links_to_the_bounties(client: Client) -> None:
    html = client.get(reverse("posts:question-list")).content.decode()
    assert reverse("reputation:bounty-list") in html
