from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from deepcommons.accounts.models import User
from deepcommons.accounts.services import set_role
from deepcommons.spaces.models import Space
from deepcommons.spaces.tests.factories import SpaceFactory


@pytest.fixture
def cv(charlie: User) -> Space:
    """charlie moderates this space; alice and bob do not."""
    space = SpaceFactory(slug="cv", name_en="Computer Vision", colour="#2563eb")
    space.moderators.add(charlie)
    return space


URL = reverse("spaces:space-settings", kwargs={"space_slug": "cv"})


def _form(**changes: str) -> dict[str, Any]:
    data = {
        "description_en": "Pixels, boxes and masks.",
        "description_zh": "像素、检测框和掩码。",
        "rules": "Post a minimal example.",
        "icon": "👁️",
        "colour": "#0EA5E9",
    }
    data.update(changes)
    return data


def test_space_moderator_edits_the_settings(charlie_client: Client, cv: Space) -> None:
    page = charlie_client.get(URL)
    assert page.status_code == 200
    assert 'type="color"' in page.content.decode()
    response = charlie_client.post(URL, _form())
    assert response.status_code == 302
    cv.refresh_from_db()
    assert cv.description_en == "Pixels, boxes and masks."
    assert cv.description_zh == "像素、检测框和掩码。"
    assert cv.rules == "Post a minimal example."
    assert cv.icon == "👁️"
    assert cv.colour == "#0ea5e9"


def test_site_moderator_and_staff_edit_any_space(alice: User, bob: User, cv: Space) -> None:
    set_role(user=alice, role="moderator")
    bob.is_staff = True
    bob.save(update_fields=["is_staff"])
    for user, text in ((alice, "by alice"), (bob, "by bob")):
        client = Client()
        client.force_login(user)
        assert client.post(URL, _form(rules=text)).status_code == 302
        cv.refresh_from_db()
        assert cv.rules == text


def test_member_gets_403_and_anonymous_logs_in(
    bob_client: Client, client: Client, cv: Space
) -> None:
    assert bob_client.get(URL).status_code == 403
    assert bob_client.post(URL, _form(rules="mine now")).status_code == 403
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]
    cv.refresh_from_db()
    assert cv.rules == ""


def test_moderator_of_another_space_gets_403(charlie_client: Client, cv: Space) -> None:
    SpaceFactory(slug="nlp")
    other = reverse("spaces:space-settings", kwargs={"space_slug": "nlp"})
    assert charlie_client.get(other).status_code == 403


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("colour", "blue", "six hexadecimal digits"),
        ("colour", "#12345", "six hexadecimal digits"),
        ("icon", "CV", "one emoji"),
        ("icon", "<b>", "one emoji"),
        ("description_en", "d" * 1001, "1001 characters long; the limit is 1000"),
        ("rules", "r" * 5001, "5001 characters long; the limit is 5000"),
    ],
)
def test_invalid_settings_show_the_form_again_with_the_text(
    charlie_client: Client, cv: Space, field: str, value: str, message: str
) -> None:
    response = charlie_client.post(URL, _form(**{"rules": "kept rules", field: value}))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "kept rules" in html or field == "rules"
    assert escape(value) in html or field == "colour"  # a colour input shows valid colours only
    cv.refresh_from_db()
    assert cv.rules == "" and cv.colour == "#2563eb"


def test_settings_link_only_for_those_who_may_use_it(
    charlie_client: Client, bob_client: Client, client: Client, alice: User, cv: Space
) -> None:
    assert URL in charlie_client.get(cv.get_absolute_url()).content.decode()
    assert URL not in bob_client.get(cv.get_absolute_url()).content.decode()
    assert URL not in client.get(cv.get_absolute_url()).content.decode()
    set_role(user=alice, role="moderator")
    alice_client = Client()
    alice_client.force_login(alice)
    assert URL in alice_client.get(cv.get_absolute_url()).content.decode()
    about = reverse("spaces:space-about", kwargs={"space_slug": "cv"})
    assert URL in charlie_client.get(about).content.decode()
    assert URL not in bob_client.get(about).content.decode()
