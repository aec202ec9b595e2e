"""The Ask button in the header and on the home page (issue 20)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User

pytestmark = pytest.mark.django_db

ASK = reverse("posts:question-create")


def _ask_links(client: Client) -> tuple[int, int]:
    """How many Ask links the home page has in its header and in its main part."""
    content = client.get(reverse("home")).content.decode()
    header, main = content.split('<main id="main"', 1)
    link = f'href="{ASK}"'
    return header.count(link), main.count(link)


def test_visitor_sees_ask_in_the_header_and_on_home_and_is_sent_to_log_in(
    client: Client,
) -> None:
    assert _ask_links(client) == (1, 1)
    response = client.get(ASK)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={ASK}"


def test_member_sees_ask_in_the_header_and_on_home(alice_client: Client, alice: User) -> None:
    assert _ask_links(alice_client) == (1, 1)
    assert alice_client.get(ASK).status_code == 200


def test_header_has_a_menu_button_controlling_the_menu(client: Client) -> None:
    content = client.get(reverse("posts:question-list")).content.decode()
    assert (
        '<button type="button" class="menu-toggle" aria-expanded="false" aria-controls="site-menu">'
    ) in content
    assert '<div class="header-menu" id="site-menu">' in content
    assert "js/menu.js" in content
