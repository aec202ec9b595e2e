"""The members directory at /users/."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.accounts.services import delete_account
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.core.testing import session_queries

pytestmark = pytest.mark.django_db


def _usernames(response: Any) -> list[str]:
    return re.findall(r'<p class="muted small">@([\w-]+)', response.content.decode())


@pytest.mark.parametrize("viewer", ["anonymous", "alice", "bob"])
def test_everyone_sees_active_members_newest_first(
    client: Client, alice: User, bob: User, charlie: User, viewer: str
) -> None:
    if viewer != "anonymous":
        client.force_login(alice if viewer == "alice" else bob)
    response = client.get("/users/")
    assert response.status_code == 200
    assert _usernames(response) == ["charlie", "bob", "alice"]
    assert 'href="/u/alice/"' in response.content.decode()


def test_inactive_and_deleted_members_are_left_out(
    client: Client, alice: User, bob: User, charlie: User
) -> None:
    bob.is_active = False
    bob.save()
    delete_account(user=charlie)
    assert _usernames(client.get("/users/")) == ["alice"]


def test_name_sort_is_by_username(client: Client, charlie: User, alice: User, bob: User) -> None:
    assert _usernames(client.get("/users/?sort=name")) == ["alice", "bob", "charlie"]


def test_search_matches_username_or_display_name_in_any_case(
    client: Client, alice: User, bob: User, charlie: User
) -> None:
    assert _usernames(client.get("/users/?q=LIDDELL")) == ["alice"]
    assert _usernames(client.get("/users/?q=鲍")) == ["bob"]
    assert _usernames(client.get("/users/?q=char")) == ["charlie"]
    response = client.get("/users/?q=nobody-here")
    assert _usernames(response) == []
    assert "No member matches that search." in response.content.decode()
    assert 'value="nobody-here"' in response.content.decode()


def test_cards_show_location_and_bio(client: Client, alice: User) -> None:
    alice.location = "Oxford"
    alice.bio_html = "<p>I study <em>rabbits</em>.</p>"
    alice.save()
    content = client.get("/users/").content.decode()
    assert "@alice · Oxford" in content
    assert "I study rabbits." in content


def test_pages_cover_every_member_once(client: Client) -> None:
    for i in range(30):
        UserFactory(username=f"member{i:02d}")
    seen: list[str] = []
    url = "/users/?sort=name"
    while url:
        response = client.get(url)
        seen += _usernames(response)
        found = re.search(r'href="(\?[^"]*cursor=[^"]+)" rel="next"', response.content.decode())
        url = "/users/" + found.group(1).replace("&amp;", "&") if found else ""
    assert seen == [f"member{i:02d}" for i in range(30)]


def test_htmx_gets_only_the_next_cards(client: Client) -> None:
    for i in range(30):
        UserFactory(username=f"member{i:02d}")
    first = client.get("/users/?sort=name").content.decode()
    cursor = re.search(r'cursor=([^"&]+)" rel="next"', first)
    assert cursor is not None
    rest = client.get(f"/users/?sort=name&cursor={cursor.group(1)}", HTTP_HX_REQUEST="true")
    assert "<html" not in rest.content.decode()
    assert _usernames(rest) == [f"member{i:02d}" for i in range(24, 30)]


@pytest.mark.parametrize("cursor", ["garbage", "eyJtIjoxfQ", "x" * 400])
def test_bad_cursor_or_sort_shows_page_one(
    client: Client, alice: User, bob: User, cursor: str
) -> None:
    response = client.get(f"/users/?cursor={cursor}&sort=reputation")
    assert response.status_code == 200
    assert _usernames(response) == ["bob", "alice"]


def test_a_cursor_from_the_other_sort_shows_page_one(client: Client) -> None:
    for i in range(30):
        UserFactory(username=f"member{i:02d}")
    newest = client.get("/users/").content.decode()
    cursor = re.search(r'cursor=([^"&]+)" rel="next"', newest)
    assert cursor is not None
    response = client.get(f"/users/?sort=name&cursor={cursor.group(1)}")
    assert _usernames(response)[0] == "member00"


def test_long_search_is_cut_not_refused(client: Client, alice: User) -> None:
    assert client.get("/users/?q=" + "a" * 5000).status_code == 200


@pytest.mark.parametrize("signed_in", [False, True])
def test_query_count_does_not_grow_with_members(
    django_assert_num_queries: Any, client: Client, alice: User, signed_in: bool
) -> None:
    if signed_in:
        client.force_login(alice)
    client.get("/users/")
    # Anonymous: the members and their figures; signed in, also the session,
    # the viewer and their unread-notification count.
    expected = 4 + session_queries() if signed_in else 2
    with django_assert_num_queries(expected):
        assert len(_usernames(client.get("/users/"))) == 1
    for i in range(19):
        UserFactory(username=f"member{i:02d}")
    with django_assert_num_queries(expected):
        assert len(_usernames(client.get("/users/"))) == 20


def test_the_site_header_links_to_the_directory_in_both_languages(client: Client) -> None:
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<a href="/users/">Members</a>' in english
    chinese = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert '<a href="/users/">成员</a>' in chinese
