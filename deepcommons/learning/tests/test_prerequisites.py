"""Prerequisites are other paths; a cycle of any length is refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from deepcommons.learning import services
from deepcommons.learning.tests.factories import make_author, make_path

pytestmark = pytest.mark.django_db


def test_a_prerequisite_is_kept() -> None:
    a, b = make_path(title="A"), make_path(title="B")
    services.set_prerequisites(path=b, by=b.author, prerequisites=[a])
    assert list(b.prerequisites.all()) == [a]


def test_a_two_path_cycle_is_refused() -> None:
    a, b = make_path(title="A"), make_path(title="B")
    services.set_prerequisites(path=a, by=a.author, prerequisites=[b])
    with pytest.raises(ValidationError) as info:
        services.set_prerequisites(path=b, by=b.author, prerequisites=[a])
    message = info.value.message_dict["prerequisites"][0]
    assert "cycle" in message and "“B” → “A” → “B”" in message
    assert not b.prerequisites.exists()


def test_a_longer_cycle_is_refused() -> None:
    a, b, c, d = (make_path(title=t) for t in "ABCD")
    services.set_prerequisites(path=a, by=a.author, prerequisites=[b])
    services.set_prerequisites(path=b, by=b.author, prerequisites=[c])
    services.set_prerequisites(path=c, by=c.author, prerequisites=[d])
    with pytest.raises(ValidationError) as info:
        services.set_prerequisites(path=d, by=d.author, prerequisites=[a])
    assert "“D” → “A” → “B” → “C” → “D”" in info.value.message_dict["prerequisites"][0]


def test_a_path_cannot_require_itself() -> None:
    a = make_path(title="A")
    with pytest.raises(ValidationError, match="its own prerequisite"):
        services.set_prerequisites(path=a, by=a.author, prerequisites=[a])


def test_a_diamond_is_not_a_cycle() -> None:
    a, b, c, d = (make_path(title=t) for t in "ABCD")
    services.set_prerequisites(path=b, by=b.author, prerequisites=[a])
    services.set_prerequisites(path=c, by=c.author, prerequisites=[a])
    services.set_prerequisites(path=d, by=d.author, prerequisites=[b, c])
    assert d.prerequisites.count() == 2


def test_the_edit_form_shows_the_cycle_and_keeps_the_input(client: Client) -> None:
    author = make_author("editor")
    a, b = make_path(title="A", author=author), make_path(title="B", author=author)
    services.set_prerequisites(path=a, by=author, prerequisites=[b])
    client.force_login(author)
    response = client.post(
        f"/learn/paths/{b.pk}/edit/",
        {"title": "B renamed", "difficulty": "beginner", "prerequisites": [a.pk],
         "is_published": "on"},
    )  # fmt: skip
    assert response.status_code == 400
    html = response.content.decode()
    assert "cannot be a prerequisite" in html and "B renamed" in html
    b.refresh_from_db()
    assert b.title == "B"  # the whole edit rolled back
