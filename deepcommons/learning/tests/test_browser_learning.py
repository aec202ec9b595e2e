"""In real Chromium, in English and in Chinese: a member enrols in a path,
passes its checkpoint quiz and sees their progress."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.core.testing import assert_accessible, login_as, screenshot
from deepcommons.learning.models import Enrolment, StepCompletion
from deepcommons.learning.tests.factories import add_quiz, add_resource, add_single, make_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "locale",
    [
        pytest.param("en-US", marks=pytest.mark.locale("en-US")),
        pytest.param("zh-CN", marks=pytest.mark.locale("zh-CN")),
    ],
)
def test_a_member_enrols_passes_the_quiz_and_sees_progress(
    page: Page, live_server: object, locale: str
) -> None:
    base_url = live_server.url  # type: ignore[attr-defined]
    path = make_path(title="从线性回归到 Transformer")
    add_resource(path, title="D2L: Linear Neural Networks")
    quiz = add_quiz(path, title="Checkpoint")
    question = add_single(quiz)
    right = question.choices.get(is_correct=True)
    member = UserFactory.create(username="learner")

    login_as(page.context, base_url, member)
    page.goto(f"{base_url}{path.get_absolute_url()}")
    page.click("#enrol")
    page.wait_for_selector("#path-progress")
    assert page.get_attribute("#path-progress", "value") == "0"
    assert Enrolment.objects.filter(path=path, user=member).exists()

    page.click(f"#step-{quiz.pk} a.button")
    page.wait_for_selector("#quiz-form")
    page.check(f"input[name='q{question.pk}'][value='{right.pk}']")
    page.click("#submit-quiz")
    page.wait_for_selector("#quiz-result.passed")
    screenshot(page, f"learning-quiz-passed-{locale}")
    assert StepCompletion.objects.filter(step=quiz, enrolment__user=member).exists()

    page.goto(f"{base_url}{path.get_absolute_url()}")
    assert page.get_attribute("#path-progress", "value") == "50"
    assert page.locator(f"#step-{quiz.pk}.is-done").count() == 1
    assert page.locator(".next-step a").get_attribute("href") == f"#step-{path.steps.first().pk}"
    assert_accessible(page)
    screenshot(page, f"learning-progress-{locale}")
