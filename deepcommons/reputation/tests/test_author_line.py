"""Beside every author on the question page: reputation and badge counts."""

from __future__ import annotations

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.posts.tests.factories import make_answer, make_question
from deepcommons.spaces.models import Tag

pytestmark = pytest.mark.django_db


def test_question_and_answer_authors_show_reputation_and_badges(
    client: Client, alice: User, bob: User
) -> None:
    Tag.objects.get_or_create(name="pytorch")
    question = make_question(author=alice)
    make_answer(question, author=bob)
    User.objects.filter(pk=alice.pk).update(reputation=1234, gold_badges=1, bronze_badges=3)
    User.objects.filter(pk=bob.pk).update(reputation=56, silver_badges=2)
    html = client.get(question.get_absolute_url()).content.decode()
    assert '1,234<span class="visually-hidden"> reputation</span>' in html
    assert '1<span class="visually-hidden"> gold badge</span>' in html
    assert '3<span class="visually-hidden"> bronze badges</span>' in html
    assert '56<span class="visually-hidden"> reputation</span>' in html
    assert '2<span class="visually-hidden"> silver badges</span>' in html
    # No class with no badges is shown.
    assert "0<span" not in html
