"""A quiz's answers stay on the server until a submission is graded."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.learning import services
from deepcommons.learning.models import Path, Step
from deepcommons.learning.tests.factories import (
    add_multiple,
    add_numeric,
    add_quiz,
    add_single,
    make_path,
    right_answers,
)

pytestmark = pytest.mark.django_db
# A number that appears nowhere else on the page.
SECRET = 7321.5


@pytest.fixture
def quiz() -> Step:
    path = make_path()
    step = add_quiz(path)
    add_single(step)
    add_multiple(step)
    services.add_quiz_question(
        step=step,
        by=path.author,
        data=services.QuizQuestionInput(
            kind="numeric",
            prompt="Type the secret.",
            numeric_answer=SECRET,
            tolerance=0.25,
            explanation="EXPLAINED-AFTERWARDS",
        ),
    )
    add_numeric(step)
    return step


def _markers(text: str) -> list[str]:
    lowered = text.lower()
    found = [
        m for m in ("is_correct", "numeric_answer", "tolerance", "data-correct") if m in lowered
    ]
    if str(SECRET) in text or "7321" in text:
        found.append("secret number")
    if "explained-afterwards" in lowered:
        found.append("explanation")
    return found


def test_the_quiz_page_has_no_answer_marker(quiz: Step, alice: User, client: Client) -> None:
    path = quiz.path
    url = f"/learn/paths/{path.pk}/steps/{quiz.pk}/quiz/"
    services.enrol_in_path(path=path, user=alice)
    member = Client()
    member.force_login(alice)
    for viewer in (client, member):
        html = viewer.get(url).content.decode()
        assert "Type the secret." in html
        assert _markers(html) == []
        assert "checked" not in html
        assert "correct</span>" not in html
    # The path page shows no question at all.
    assert _markers(member.get(path.get_absolute_url()).content.decode()) == []


def test_the_api_path_detail_has_no_answer(quiz: Step, client: Client) -> None:
    response = client.get(f"/api/v1/learning/paths/{quiz.path_id}")
    assert response.status_code == 200
    assert _markers(response.content.decode()) == []
    steps = response.json()["steps"]
    choice_keys = {key for q in steps[0]["questions"] for c in q["choices"] for key in c}
    assert choice_keys == {"id", "text"}


def test_the_graded_result_reveals_the_answers(quiz: Step, alice: User) -> None:
    path: Path = quiz.path
    services.enrol_in_path(path=path, user=alice)
    member = Client()
    member.force_login(alice)
    url = f"/learn/paths/{path.pk}/steps/{quiz.pk}/quiz/"
    html = member.post(url, {}).content.decode()
    assert str(SECRET) in html and "EXPLAINED-AFTERWARDS" in html
    api = member.post(
        f"/api/v1/learning/paths/{path.pk}/steps/{quiz.pk}/quiz",
        json.dumps({"answers": right_answers(quiz)}),
        content_type="application/json",
    )
    assert api.status_code == 200 and api.json()["passed"] is True
    assert SECRET in [r["correct_number"] for r in api.json()["results"]]
