from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.core.testing import session_queries
from deepcommons.moderation.models import AuditAction
from deepcommons.moderation.services import log_action
from deepcommons.moderation.tests.factories import make_moderator
from deepcommons.posts.tests.factories import make_question

pytestmark = pytest.mark.django_db
URL = reverse("moderation:log")


def moderator_client() -> tuple[User, Client]:
    moderator = make_moderator()
    client = Client()
    client.force_login(moderator)
    return moderator, client


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


def test_members_are_refused(alice_client: Client) -> None:
    assert alice_client.get(URL).status_code == 403


def test_moderators_see_entries_and_filter_them(bob: User) -> None:
    moderator, client = moderator_client()
    question = make_question(author=bob, title="Locked thread title")
    log_action(actor=moderator, action=AuditAction.LOCK, target=question, reason="flame war")
    log_action(actor=moderator, action=AuditAction.SUSPEND, target=bob, reason="insults")
    page = client.get(URL).content.decode()
    assert "Locked thread title" in page and "flame war" in page and "@bob" in page
    page = client.get(URL, {"action": "suspend"}).content.decode()
    assert "insults" in page and "flame war" not in page
    page = client.get(URL, {"target_type": "posts.post"}).content.decode()
    assert "flame war" in page and "insults" not in page
    page = client.get(URL, {"actor": "nobody"}).content.decode()
    assert "flame war" not in page
    page = client.get(URL, {"since": "2000-01-01", "until": "2000-01-02"}).content.decode()
    assert "flame war" not in page


def test_bad_filters_and_cursor_still_show_the_page(bob: User) -> None:
    _moderator, client = moderator_client()
    response = client.get(URL, {"since": "not a date", "action": "nope", "cursor": "garbage"})
    assert response.status_code == 200


def test_log_pages_by_cursor(bob: User) -> None:
    moderator, client = moderator_client()
    for n in range(55):
        log_action(actor=moderator, action=AuditAction.OTHER, target=None, reason=f"row-{n:02d}")
    first = client.get(URL)
    assert "row-54" in first.content.decode() and "row-04" not in first.content.decode()
    cursor = first.context["next_cursor"]
    second = client.get(URL, {"cursor": cursor}).content.decode()
    assert "row-04" in second and "row-54" not in second


def test_log_page_query_count_does_not_grow(bob: User, django_assert_num_queries: object) -> None:
    moderator, client = moderator_client()
    client.get(URL)
    for n in range(3):
        log_action(actor=moderator, action=AuditAction.LOCK, target=make_question(author=bob))
        log_action(actor=None, action=AuditAction.OTHER, target=bob, reason=str(n))
    with django_assert_num_queries(5 + session_queries()):  # type: ignore[operator]
        client.get(URL)
    for _n in range(5):
        log_action(actor=moderator, action=AuditAction.SUSPEND, target=bob)
    with django_assert_num_queries(5 + session_queries()):  # type: ignore[operator]
        client.get(URL)
