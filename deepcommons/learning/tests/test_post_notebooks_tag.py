"""The include the post pages can use: attached notebooks and the attach link."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from deepcommons.accounts.models import User
from deepcommons.learning import services
from deepcommons.learning.tests.factories import notebook_json
from deepcommons.posts.models import Kind
from deepcommons.posts.tests.factories import make_post

pytestmark = pytest.mark.django_db
TEMPLATE = Template("{% load learning %}{% post_notebooks post %}")


def _render(post: object, user: object) -> str:
    request = RequestFactory().get("/")
    request.user = user  # type: ignore[attr-defined]
    return TEMPLATE.render(Context({"post": post, "request": request}))


def test_the_author_sees_the_attach_link_and_others_only_the_notebooks(
    alice: User, bob: User
) -> None:
    from deepcommons.spaces.models import Tag

    Tag.objects.get_or_create(name="pytorch")
    article = make_post(Kind.ARTICLE, author=alice, title="Mixed precision")
    assert _render(article, bob).strip() == ""
    services.attach_notebook(
        post=article, by=alice, data=notebook_json(), filename="amp.ipynb", title="AMP demo"
    )
    mine, theirs = _render(article, alice), _render(article, bob)
    assert "AMP demo" in mine and f"/learn/notebooks/new/?post={article.pk}" in mine
    assert "AMP demo" in theirs and "notebooks/new" not in theirs
