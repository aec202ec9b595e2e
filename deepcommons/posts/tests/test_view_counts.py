from __future__ import annotations

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from deepcommons.accounts.models import User
from deepcommons.posts.tests.factories import make_question
from deepcommons.posts.viewcounts import flush_view_counts, pending_views, record_view


def test_a_viewer_counts_once_per_hour(alice: User) -> None:
    question = make_question(author=alice)
    assert record_view(post_id=question.pk, viewer="u1") is True
    assert record_view(post_id=question.pk, viewer="u1") is False
    assert record_view(post_id=question.pk, viewer="u2") is True
    # The first view scheduled a flush (immediate backend) that wrote 1.
    question.refresh_from_db()
    assert question.view_count + pending_views(question.pk) == 2
    assert flush_view_counts() == 1
    question.refresh_from_db()
    assert question.view_count == 2
    assert pending_views(question.pk) == 0


def test_views_do_not_write_to_the_database(
    client: Client, bob_client: Client, charlie_client: Client, alice: User
) -> None:
    question = make_question(author=alice)
    client.get(question.get_absolute_url())  # schedules (and runs) the minute's flush
    with CaptureQueriesContext(connection) as ctx:
        bob_client.get(question.get_absolute_url())
        charlie_client.get(question.get_absolute_url())
    writes = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith('UPDATE "posts_post"')]
    assert writes == []
    call_command("flush_view_counts")
    question.refresh_from_db()
    assert question.view_count == 3
