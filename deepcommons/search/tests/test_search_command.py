import json
from io import StringIO

import pytest
from django.core.management import call_command

from deepcommons.search.tests.factories import make_indexed

pytestmark = pytest.mark.django_db


def test_prints_top_results() -> None:
    post = make_indexed(title="Rotary position embeddings")
    out = StringIO()
    call_command("search", "rotary", stdout=out)
    assert "1 result(s)" in out.getvalue()
    assert str(post.pk) in out.getvalue() and "Rotary position embeddings" in out.getvalue()


def test_json_output() -> None:
    post = make_indexed(title="位置编码 Rotary")
    out = StringIO()
    call_command("search", "位置编码", "--json", "--limit", "3", stdout=out)
    payload = json.loads(out.getvalue())
    assert payload["total"] == 1
    assert payload["results"][0]["id"] == post.pk
    assert payload["results"][0]["url"] == post.get_absolute_url()


def test_odd_query_prints_nothing_found() -> None:
    out = StringIO()
    call_command("search", '" NEAR ( *', stdout=out)
    assert out.getvalue().startswith("0 result(s)")
