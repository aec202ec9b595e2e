"""The one users-by-name read that the recipients field, the API and mentions share."""

from __future__ import annotations

from typing import Any

from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.social.forms import AddPeopleForm
from deepcommons.social.mentions import link_mentions


def test_named_keeps_first_order_drops_repeats_and_ignores_case_and_at(
    alice: User, bob: User, charlie: User
) -> None:
    users, missing = User.objects.active().named(["@Charlie", "ALICE", "charlie", "ghost", "@bob"])
    assert users == [charlie, alice, bob]
    assert missing == ["ghost"]


def test_named_skips_inactive_users(alice: User, bob: User) -> None:
    User.objects.filter(pk=bob.pk).update(is_active=False)
    users, missing = User.objects.active().named(["bob", "alice"])
    assert (users, missing) == ([alice], ["bob"])


def test_named_costs_one_query(alice: User, bob: User, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(1):
        User.objects.active().named(["alice", "bob", "nobody"])


def test_recipients_field_returns_users_in_the_order_typed(
    alice: User, bob: User, charlie: User
) -> None:
    form = AddPeopleForm({"usernames": "Charlie, @alice bob alice"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["usernames"] == [charlie, alice, bob]


def test_recipients_field_names_the_missing_members(alice: User) -> None:
    form = AddPeopleForm({"usernames": "alice, Ghost"})
    assert not form.is_valid()
    assert form.errors["usernames"] == ["No member is called ghost."]


def test_api_finds_recipients_like_the_form(alice_client: Client, bob: User, charlie: User) -> None:
    response = alice_client.post(
        "/api/v1/conversations",
        {"recipients": ["@CHARLIE", "bob", "charlie"], "body": "hi"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["participants"] == ["alice", "charlie", "bob"]


def test_mentions_link_existing_users_in_any_case(alice: User) -> None:
    html = link_mentions("<p>@Alice and @ghost</p>")
    assert html == '<p><a class="mention" href="/u/Alice/">@Alice</a> and @ghost</p>'
