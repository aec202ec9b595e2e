"""The issue's competition flow in real Chromium, in English and in Chinese: a
member opens a running competition, accepts the rules, submits a CSV of
predictions and finds the team's public score on the leaderboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.competitions.models import Submission
from deepcommons.competitions.tests.factories import SOLUTION, make_competition, table
from deepcommons.core.testing import assert_accessible, login_as, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "locale",
    [
        pytest.param("en-US", marks=pytest.mark.locale("en-US")),
        pytest.param("zh-CN", marks=pytest.mark.locale("zh-CN")),
    ],
)
def test_a_participant_joins_submits_and_sees_the_public_score(
    page: Page, live_server: object, locale: str, tmp_path: Path
) -> None:
    base_url = live_server.url  # type: ignore[attr-defined]
    competition = make_competition(title="House price regression", slug=f"houses-{locale.lower()}")
    member = UserFactory.create(username=f"kaggler_{locale[:2]}")
    login_as(page.context, base_url, member)

    page.goto(f"{base_url}{competition.get_absolute_url()}")
    assert_accessible(page)
    page.click(f"a[href$='/competitions/{competition.slug}/rules/']")
    page.check("#id_accept")
    screenshot(page, f"competition-rules-{locale}")
    page.click("form.rules-form button[type=submit]")
    page.wait_for_url(f"**{competition.get_absolute_url()}")
    assert competition.team_of(member) is not None

    predictions = tmp_path / "predictions.csv"
    predictions.write_text(table("target", {k: v + 0.5 for k, v in SOLUTION.items()}))
    page.click(f"a[href$='/competitions/{competition.slug}/submit/']")
    page.set_input_files("#id_file", str(predictions))
    page.click("form.submit-form button[type=submit]")
    page.wait_for_url(f"**/competitions/{competition.slug}/submissions/")
    submission = Submission.objects.get(team__competition=competition)
    assert submission.status == Submission.Status.SCORED
    assert page.locator(f"#submission-{submission.pk} .public-score").inner_text() == "0.50000"
    screenshot(page, f"competition-submissions-{locale}")

    page.click(f"a[href$='/competitions/{competition.slug}/leaderboard/']")
    row = page.locator("table.competition-board tbody tr.own-team")
    assert row.locator("td").nth(0).inner_text().startswith("1")
    assert member.username in row.inner_text()
    assert "0.50000" in row.inner_text()
    assert_accessible(page)
    screenshot(page, f"competition-leaderboard-{locale}")
    assert not page.js_errors  # type: ignore[attr-defined]
