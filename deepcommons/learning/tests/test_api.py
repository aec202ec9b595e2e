"""The learning API: the same reads and services as the pages, JSON 4xx."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.learning import services
from deepcommons.learning.tests.factories import (
    add_numeric,
    add_quiz,
    add_resource,
    make_path,
    right_answers,
)

pytestmark = pytest.mark.django_db


def _post(client: Client, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def test_the_list_matches_the_page(client: Client) -> None:
    first, second = make_path(title="First path"), make_path(title="Second path")
    services.set_prerequisites(path=second, by=second.author, prerequisites=[first])
    make_path(title="Draft", is_published=False)
    items = client.get("/api/v1/learning/paths").json()["items"]
    assert [i["title"] for i in items] == ["Second path", "First path"]
    assert items[0]["prerequisite_ids"] == [first.pk]
    html = client.get("/learn/").content.decode()
    assert html.index("Second path") < html.index("First path") and "Draft" not in html


def test_enrol_mark_and_progress(alice_client: Client, client: Client) -> None:
    path = make_path()
    one, two = add_resource(path, title="One"), add_resource(path, title="Two")
    base = f"/api/v1/learning/paths/{path.pk}"
    assert _post(client, f"{base}/enrol").status_code == 401
    assert alice_client.get(f"{base}/progress").json()["message"] == "Enrol in the path first."
    enrolled = _post(alice_client, f"{base}/enrol")
    assert enrolled.status_code == 201 and enrolled.json()["next_step_id"] == one.pk
    done = _post(alice_client, f"{base}/steps/{one.pk}/done").json()
    assert (done["percent"], done["next_step_id"]) == (50, two.pk)
    done = _post(alice_client, f"{base}/steps/{two.pk}/done").json()
    assert done["percent"] == 100 and done["certificate_url"].startswith("/learn/certificates/")
    assert alice_client.get(f"{base}/progress").json()["done_step_ids"] == [one.pk, two.pk]


def test_a_non_numeric_quiz_answer_is_a_json_400(alice: User, alice_client: Client) -> None:
    path = make_path()
    quiz = add_quiz(path)
    question = add_numeric(quiz)
    services.enrol_in_path(path=path, user=alice)
    url = f"/api/v1/learning/paths/{path.pk}/steps/{quiz.pk}/quiz"
    response = _post(alice_client, url, {"answers": {str(question.pk): "about forty"}})
    assert response.status_code == 400
    assert "Question 1: enter a number" in json.dumps(response.json(), ensure_ascii=False)
    graded = _post(alice_client, url, {"answers": right_answers(quiz)}).json()
    assert graded["passed"] and graded["completed_path"] and graded["progress"]["percent"] == 100


def test_a_missing_or_hidden_path_is_a_json_404(client: Client, bob_client: Client) -> None:
    draft = make_path(is_published=False)
    assert client.get("/api/v1/learning/paths/999999").status_code == 404
    assert bob_client.get(f"/api/v1/learning/paths/{draft.pk}").json() == {"message": "Not found."}
    step = add_resource(make_path())
    wrong = _post(bob_client, f"/api/v1/learning/paths/{draft.pk}/steps/{step.pk}/done")
    assert wrong.status_code == 404


def test_another_paths_step_is_not_found(alice: User, alice_client: Client) -> None:
    path, other = make_path(), make_path(title="Other")
    add_resource(path)
    foreign = add_resource(other)
    services.enrol_in_path(path=path, user=alice)
    response = _post(alice_client, f"/api/v1/learning/paths/{path.pk}/steps/{foreign.pk}/done")
    assert response.status_code == 404
