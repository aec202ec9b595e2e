"""Path pages: list, detail, enrolling and marking steps, as anonymous,
owner and another member; the step editor."""

from __future__ import annotations

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.core.testing import session_queries
from deepcommons.learning import services
from deepcommons.learning.models import Enrolment, Path, Step, StepCompletion
from deepcommons.learning.tests.factories import add_quiz, add_resource, make_author, make_path

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_list_shows_published_paths_and_own_drafts(
    client: Client, alice: User, bob_client: Client
) -> None:
    author = make_author("writer")
    make_path(author=author, title="Published path")
    make_path(author=author, title="Secret draft", is_published=False)
    assert "Published path" in client.get("/learn/").content.decode()
    assert "Secret draft" not in client.get("/learn/").content.decode()
    assert "Secret draft" not in bob_client.get("/learn/").content.decode()
    assert "Secret draft" in _client(author).get("/learn/").content.decode()


def _fill(n: int, member: User) -> None:
    author = make_author(f"a{Path.objects.count()}")
    for i in range(n):
        path = make_path(author=author, title=f"Path {Path.objects.count()} {i}")
        step = add_resource(path)
        enrolment = services.enrol_in_path(path=path, user=member)
        services.mark_step_done(enrolment=enrolment, step=step, user=member)


def test_the_list_query_count_does_not_grow_with_paths(
    alice: User, django_assert_num_queries: object
) -> None:
    client = _client(alice)
    _fill(2, alice)
    client.get("/learn/")  # warm the header fragment
    # The user, their two roles, the paths, their enrolments, the spaces
    # filter, and the header's unread notifications.
    with django_assert_num_queries(7 + session_queries()) as first:  # type: ignore[operator]
        assert client.get("/learn/").status_code == 200
    _fill(6, alice)
    with django_assert_num_queries(len(first.captured_queries)):  # type: ignore[operator]
        html = client.get("/learn/").content.decode()
    assert html.count("100% done") + html.count("Completed") >= 8


def test_the_detail_page_as_anonymous_owner_and_other(client: Client, bob: User) -> None:
    author = make_author("owner")
    path = make_path(author=author, title="Attention, step by step")
    add_resource(path, title="The Annotated Transformer")
    anon = client.get(path.get_absolute_url()).content.decode()
    assert "The Annotated Transformer" in anon and "Log in to enrol" in anon
    assert "Edit path" not in anon
    assert "Edit path" in _client(author).get(path.get_absolute_url()).content.decode()
    other = _client(bob).get(path.get_absolute_url()).content.decode()
    assert "Enrol in this path" in other and "Edit path" not in other


def test_a_draft_is_not_found_for_others(client: Client, bob: User) -> None:
    path = make_path(is_published=False)
    assert client.get(path.get_absolute_url()).status_code == 404
    assert _client(bob).get(path.get_absolute_url()).status_code == 404
    assert _client(bob).post(f"/learn/paths/{path.pk}/enrol/").status_code == 404
    assert _client(path.author).get(path.get_absolute_url()).status_code == 200


def test_enrolling_and_marking_a_step_shows_progress(bob: User) -> None:
    path = make_path()
    first = add_resource(path, title="One")
    add_resource(path, title="Two")
    client = _client(bob)
    assert client.post(f"/learn/paths/{path.pk}/enrol/").status_code == 302
    response = client.post(f"/learn/paths/{path.pk}/steps/{first.pk}/done/", follow=True)
    html = response.content.decode()
    assert "50% done: 1 of 2 steps" in html and 'value="50"' in html
    assert "Next step:" in html


def test_anonymous_members_are_sent_to_log_in(client: Client) -> None:
    path = make_path()
    step = add_resource(path)
    for url in (f"/learn/paths/{path.pk}/enrol/", f"/learn/paths/{path.pk}/steps/{step.pk}/done/"):
        response = client.post(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Enrolment.objects.exists()


def test_marking_before_enrolling_says_so(bob: User) -> None:
    path = make_path()
    step = add_resource(path)
    response = _client(bob).post(f"/learn/paths/{path.pk}/steps/{step.pk}/done/", follow=True)
    assert "Enrol in the path" in response.content.decode()
    assert not StepCompletion.objects.exists()


@pytest.mark.real_privileges
def test_only_privileged_members_create_paths(alice: User, client: Client) -> None:
    assert client.get("/learn/paths/new/").status_code == 302
    assert _client(alice).get("/learn/paths/new/").status_code == 403
    User.objects.filter(pk=alice.pk).update(reputation=1000)
    alice.refresh_from_db()
    response = _client(alice).post(
        "/learn/paths/new/", {"title": "CUDA for deep learning", "difficulty": "advanced"}
    )
    path = Path.objects.get()
    assert response.status_code == 302 and path.author == alice


def test_the_create_form_keeps_input_on_error(alice: User) -> None:
    author = make_author("maker")
    response = _client(author).post("/learn/paths/new/", {"title": "", "summary": "Keep me"})
    assert response.status_code == 400 and "Keep me" in response.content.decode()


def test_the_step_editor_adds_moves_and_removes_steps(bob: User) -> None:
    author = make_author("editor")
    path = make_path(author=author)
    client = _client(author)
    add = f"/learn/paths/{path.pk}/steps/add/"
    for title in ("First", "Second"):
        response = client.post(
            add,
            {"kind": "resource", "title": title, "url": "https://pytorch.org/docs/",
             "resource_kind": "docs", "minutes": 20, "pass_percent": 70},
        )  # fmt: skip
        assert response.status_code == 302
    bad = client.post(
        add, {"kind": "resource", "title": "No URL", "minutes": 5, "pass_percent": 70}
    )
    assert bad.status_code == 400 and "web address" in bad.content.decode()
    second = Step.objects.get(title="Second")
    client.post(f"/learn/steps/{second.pk}/move/", {"direction": "up"})
    assert [s.title for s in Step.objects.filter(path=path).order_by("position")] == [
        "Second",
        "First",
    ]
    # Another member may not touch it.
    assert _client(bob).post(f"/learn/steps/{second.pk}/remove/").status_code == 403
    assert _client(bob).get(f"/learn/paths/{path.pk}/edit/").status_code == 403
    client.post(f"/learn/steps/{second.pk}/remove/")
    path.refresh_from_db()
    assert path.step_count == 1 and path.estimated_minutes == 20


def test_the_quiz_editor_adds_questions(bob: User) -> None:
    author = make_author("quizzer")
    path = make_path(author=author)
    quiz = add_quiz(path)
    client = _client(author)
    url = f"/learn/steps/{quiz.pk}/questions/"
    response = client.post(
        url, {"kind": "single", "prompt": "Warp size?", "choices": "16\n* 32\n64", "tolerance": 0}
    )
    assert response.status_code == 302
    question = quiz.quiz_questions.get()
    assert [(c.text, c.is_correct) for c in question.choices.all()] == [
        ("16", False),
        ("32", True),
        ("64", False),
    ]
    bad = client.post(url, {"kind": "numeric", "prompt": "How many?", "tolerance": 0})
    assert bad.status_code == 400 and "Give the correct number" in bad.content.decode()
    assert _client(bob).get(url).status_code == 403
