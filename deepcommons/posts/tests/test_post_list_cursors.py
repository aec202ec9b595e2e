"""A list page given a cursor it did not make shows page 1, never a 500 (issue 20)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.core.pagination import encode_cursor
from deepcommons.posts.models import Kind, Post
from deepcommons.posts.querysets import SORT_FIELDS
from deepcommons.posts.tests.cursor_fuzz import hostile_cursors, sorts_with_another_field
from deepcommons.posts.tests.factories import make_post
from deepcommons.spaces.tests.factories import SpaceFactory

KINDS = [Kind.QUESTION, Kind.DISCUSSION, Kind.ARTICLE, Kind.TUTORIAL]
SORTS = list(SORT_FIELDS)


def _ids(response: object) -> list[str]:
    content = response.content.decode()  # type: ignore[attr-defined]
    return re.findall(r'<h3><a href="/[a-z]+/(\d+)/', content)


def _cursor_for(post: Post, sort: str) -> str:
    """The cursor the list with `sort` makes for a page ending at `post`."""
    field = SORT_FIELDS[sort]
    return encode_cursor(Post, field=field, descending=True, value=getattr(post, field), pk=post.pk)


@pytest.fixture
def lists(alice: User) -> dict[str, str]:
    """One post of each kind, in a space and a tag; the URL of every list page."""
    space = SpaceFactory(slug="cv")
    urls = {}
    for kind in KINDS:
        make_post(kind, author=alice, title=f"a {kind}", body="text", space=space, tags="yolo")
        urls[kind] = reverse(f"posts:{kind}-list")
    urls["all"] = reverse("posts:post-list")
    urls["space"] = space.get_absolute_url()
    urls["tag"] = reverse("posts:tag-detail", kwargs={"tag_name": "yolo"})
    return urls


def test_hostile_cursors_show_the_first_page_of_every_list(
    client: Client, lists: dict[str, str]
) -> None:
    cursors = hostile_cursors()
    for name, url in lists.items():
        for i, cursor in enumerate(cursors):
            # Each cursor against one sort per list keeps the run short while
            # every cursor meets every list and every sort meets many cursors.
            sort = SORTS[(i + len(name)) % len(SORTS)]
            first = client.get(url, {"sort": sort, "period": "all"})
            response = client.get(url, {"sort": sort, "period": "all", "cursor": cursor})
            assert response.status_code == 200, (url, sort, cursor)
            assert _ids(response) == _ids(first), (url, sort, cursor)
            # Only questions can be unanswered; every other list shows its one post.
            assert _ids(first) or sort == "unanswered", (url, sort)


def test_a_cursor_from_another_sort_shows_the_first_page(
    client: Client, alice_client: Client, lists: dict[str, str]
) -> None:
    post = Post.objects.filter(kind=Kind.QUESTION).get()
    for sort in SORTS:
        for other in sorts_with_another_field(sort):
            for who in (client, alice_client):
                url = lists[Kind.QUESTION]
                first = who.get(url, {"sort": sort, "period": "all"})
                response = who.get(
                    url, {"sort": sort, "period": "all", "cursor": _cursor_for(post, other)}
                )
                assert response.status_code == 200, (sort, other)
                assert _ids(response) == _ids(first) == [str(post.pk)], (sort, other)


def test_issue_20_cursor_from_latest_on_top_is_page_one(client: Client, alice: User) -> None:
    for i in range(21):
        make_post(Kind.QUESTION, author=alice, title=f"q{i}", body="text")
    url = reverse("posts:question-list")
    latest = client.get(url, {"sort": "latest"}).content.decode()
    match = re.search(r'href="[^"]*cursor=([^"&]+)[^"]*" rel="next"', latest)
    assert match is not None
    response = client.get(url, {"sort": "top", "period": "all", "cursor": match.group(1)})
    assert response.status_code == 200
    assert _ids(response) == _ids(client.get(url, {"sort": "top", "period": "all"}))
