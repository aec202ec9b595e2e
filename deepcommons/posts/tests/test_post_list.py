from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.posts import services
from deepcommons.posts.models import Kind, Post
from deepcommons.posts.tests.factories import make_answer, make_post, make_question
from deepcommons.spaces.models import TagSynonym
from deepcommons.spaces.tests.factories import SpaceFactory, TagFactory

QUESTIONS = reverse("posts:question-list")


def _titles(response: object) -> list[str]:
    import re

    content = response.content.decode()  # type: ignore[attr-defined]
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', content)


def test_latest_lists_newest_first_for_anonymous(client: Client, alice: User) -> None:
    make_question(author=alice, title="older")
    make_question(author=alice, title="newer")
    assert _titles(client.get(QUESTIONS + "?sort=latest")) == ["newer", "older"]


def test_top_and_hot_follow_votes(client: Client, alice: User, bob: User, charlie: User) -> None:
    low = make_question(author=alice, title="low")
    high = make_question(author=alice, title="high")
    Post.objects.filter(pk=low.pk).update(created_at=timezone.now() - timedelta(seconds=5))
    services.vote(post=high, user=bob, value=1)
    services.vote(post=high, user=charlie, value=1)
    services.vote(post=low, user=bob, value=-1)
    assert _titles(client.get(QUESTIONS + "?sort=top&period=all")) == ["high", "low"]
    assert _titles(client.get(QUESTIONS + "?sort=hot")) == ["high", "low"]


def test_top_period_excludes_old_posts(client: Client, alice: User) -> None:
    old = make_question(author=alice, title="ancient")
    Post.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
    make_question(author=alice, title="recent")
    assert _titles(client.get(QUESTIONS + "?sort=top&period=month")) == ["recent"]
    assert set(_titles(client.get(QUESTIONS + "?sort=top&period=year"))) == {"recent", "ancient"}


def test_unanswered_excludes_accepted_and_upvoted(
    client: Client, alice: User, bob: User, charlie: User
) -> None:
    make_question(author=alice, title="open")
    with_plain_answer = make_question(author=alice, title="plain answer")
    make_answer(with_plain_answer, author=bob)
    upvoted = make_question(author=alice, title="upvoted answer")
    services.vote(post=make_answer(upvoted, author=bob), user=charlie, value=1)
    accepted = make_question(author=alice, title="accepted")
    services.accept_answer(answer=make_answer(accepted, author=bob), by=alice)
    titles = _titles(client.get(QUESTIONS + "?sort=unanswered"))
    assert sorted(titles) == ["open", "plain answer"]


def test_active_orders_by_last_activity(client: Client, alice: User, bob: User) -> None:
    first = make_question(author=alice, title="first")
    make_question(author=alice, title="second")
    make_answer(first, author=bob)
    assert _titles(client.get(QUESTIONS + "?sort=active")) == ["first", "second"]


def test_keyset_pages_cover_everything_once(client: Client, alice: User) -> None:
    for i in range(45):
        make_question(author=alice, title=f"q{i:02d}")
    seen: list[str] = []
    url = QUESTIONS + "?sort=latest"
    import re

    while url:
        response = client.get(url)
        seen += _titles(response)
        match = re.search(r'<a href="([^"]+)" rel="next">', response.content.decode())
        url = match.group(1).replace("&amp;", "&") if match else ""
    assert seen == [f"q{i:02d}" for i in reversed(range(45))]


def test_htmx_request_gets_only_the_next_rows(client: Client, alice: User) -> None:
    make_question(author=alice, title="only")
    response = client.get(QUESTIONS, HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode()
    assert _titles(response) == ["only"]


def test_bad_cursor_shows_the_first_page(client: Client, alice: User) -> None:
    make_question(author=alice, title="still here")
    assert _titles(client.get(QUESTIONS + "?cursor=%%%garbage")) == ["still here"]


def test_deleted_and_draft_posts_are_not_listed_for_others(
    client: Client, alice_client: Client, alice: User
) -> None:
    gone = make_question(author=alice, title="gone")
    services.delete_post(post=gone, by=alice)
    make_post(Kind.ARTICLE, author=alice, title="secret draft", body="x", status="draft")
    assert _titles(client.get(QUESTIONS)) == []
    assert _titles(client.get(reverse("posts:article-list"))) == []
    assert _titles(alice_client.get(QUESTIONS)) == ["gone"]


def test_space_and_tag_lists(client: Client, alice: User) -> None:
    space = SpaceFactory(slug="cv", name_en="Computer Vision")
    make_question(author=alice, title="in cv", space=space, tags="yolo")
    make_question(author=alice, title="elsewhere", tags="bert")
    response = client.get(space.get_absolute_url())
    assert response.status_code == 200
    assert _titles(response) == ["in cv"]
    assert _titles(client.get(reverse("posts:tag-detail", kwargs={"tag_name": "bert"}))) == [
        "elsewhere"
    ]


def test_tag_synonym_redirects(client: Client, db: None) -> None:
    TagSynonym.objects.create(name="torch", tag=TagFactory(name="pytorch"))
    response = client.get(reverse("posts:tag-detail", kwargs={"tag_name": "torch"}))
    assert response.status_code == 301
    assert response["Location"] == reverse("posts:tag-detail", kwargs={"tag_name": "pytorch"})
    assert client.get("/tags/nope/").status_code == 404


def _queries(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_list_query_count_is_the_same_for_5_and_50_items(
    alice_client: Client, alice: User, bob: User
) -> None:
    space = SpaceFactory(slug="nlp")
    for i in range(5):
        q = make_question(author=bob, title=f"a{i}", tags=f"t{i} shared", space=space)
        services.vote(post=q, user=alice, value=1)
    urls = [
        QUESTIONS + "?sort=hot",
        reverse("posts:post-list"),
        space.get_absolute_url(),
        "/tags/shared/",
        reverse("home"),
    ]
    few = [_queries(alice_client, url) for url in urls]
    for i in range(45):
        q = make_question(author=bob, title=f"b{i}", tags=f"u{i} shared", space=space)
        services.bookmark_post(post=q, user=alice)
    many = [_queries(alice_client, url) for url in urls]
    assert few == many
    assert len(_titles(alice_client.get(QUESTIONS))) == 20


def test_home_shows_each_section(client: Client, alice: User) -> None:
    make_question(author=alice, title="hot q")
    make_post(Kind.ARTICLE, author=alice, title="fresh article", body="text")
    make_post(Kind.DISCUSSION, author=alice, title="lively chat", body="text", tags="")
    SpaceFactory(slug="llm", name_en="LLMs")
    content = client.get(reverse("home")).content.decode()
    for text in ["hot q", "fresh article", "lively chat", "LLMs", "Hot questions"]:
        assert text in content


def test_saved_page_lists_bookmarks_for_owner_only(
    client: Client, bob_client: Client, alice: User, bob: User
) -> None:
    question = make_question(author=alice, title="keep this")
    bob_client.post(reverse("posts:post-bookmark", kwargs={"post_id": question.pk}))
    assert "keep this" in bob_client.get(reverse("posts:saved")).content.decode()
    assert client.get(reverse("posts:saved")).status_code == 302
    question.refresh_from_db()
    assert question.bookmark_count == 1
    bob_client.post(
        reverse("posts:post-bookmark", kwargs={"post_id": question.pk}), {"action": "remove"}
    )
    assert "keep this" not in bob_client.get(reverse("posts:saved")).content.decode()
