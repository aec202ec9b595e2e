from io import StringIO

import pytest
from django.core.management import call_command

from deepcommons.accounts.models import User
from deepcommons.posts import services
from deepcommons.posts.tests.factories import make_answer, make_post
from deepcommons.search.models import SearchDocument
from deepcommons.search.results import search_posts

pytestmark = pytest.mark.django_db


def test_rebuild_indexes_every_live_published_post(alice: User) -> None:
    question = make_post(author=alice, title="Rebuild me")
    answer = make_answer(question, body="An answer to rebuild.")
    gone = make_post(author=alice, title="Deleted one")
    services.delete_post(post=gone, by=alice)
    make_post(author=alice, title="A draft", status="draft")
    SearchDocument.objects.create(
        post=gone,
        kind="question",
        thread_id=gone.pk,
        author_id=alice.pk,
        created_at=gone.created_at,
        title="stale",
    )
    out = StringIO()
    call_command("rebuild_search_index", "--batch-size", "1", stdout=out)
    assert set(SearchDocument.objects.values_list("pk", flat=True)) == {question.pk, answer.pk}
    assert "Indexed 2 posts" in out.getvalue()
    assert "[##############################] 2/2" in out.getvalue()
    assert [h.post.pk for h in search_posts(q="rebuild").hits] == [question.pk, answer.pk]
    assert search_posts(q="stale").total == 0
