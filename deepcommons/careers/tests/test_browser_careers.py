"""The issue's careers flow in real Chromium, in English and in Chinese: an
organisation admin posts a job, a member applies with a CV, the recruiter
moves the application to interview, and the member sees the new status."""

from __future__ import annotations

import pytest
from django.utils import translation
from playwright.sync_api import Page

from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.careers.models import Application, Job, Stage
from deepcommons.careers.tests.factories import PDF, add_member, make_org
from deepcommons.core.testing import assert_accessible, login_as, screenshot
from deepcommons.orgs.models import OrgRole

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("locale", "language"),
    [
        pytest.param("en-US", "en", marks=pytest.mark.locale("en-US")),
        pytest.param("zh-CN", "zh-hans", marks=pytest.mark.locale("zh-CN")),
    ],
)
def test_post_apply_interview(page: Page, live_server: object, locale: str, language: str) -> None:
    base_url = live_server.url  # type: ignore[attr-defined]
    admin = UserFactory.create(username="org_admin", preferred_language=language)
    member = UserFactory.create(username="applicant", preferred_language=language)
    org = make_org("deepvision-lab", name="DeepVision Lab")
    add_member(org, admin, OrgRole.ADMIN)

    # The admin posts and publishes a job.
    login_as(page.context, base_url, admin)
    page.goto(f"{base_url}/jobs/new/{org.slug}/")
    page.fill("#id_title", "Research scientist, video models")
    page.fill("#id_description", "Pre-train **video** transformers.")
    page.select_option("#id_role", "research_scientist")
    page.select_option("#id_seniority", "senior")
    page.select_option("#id_workplace", "hybrid")
    page.fill("#id_location", "Beijing")
    page.fill("#id_salary_min", "500000")
    page.fill("#id_salary_max", "800000")
    page.select_option("#id_currency", "CNY")
    page.click("button[name=publish]")
    page.wait_for_selector(".job-state-value")
    job = Job.objects.get()
    assert job.is_open and page.url.endswith(job.get_absolute_url())
    assert page.locator('script[type="application/ld+json"]').count() == 1
    assert_accessible(page)
    screenshot(page, f"careers-job-{locale}")

    # A member applies with a PDF CV.
    page.context.clear_cookies()
    login_as(page.context, base_url, member)
    page.goto(f"{base_url}{job.get_absolute_url()}")
    page.click(f"a[href$='/jobs/{job.pk}/apply/']")
    page.set_input_files(
        "#id_cv", files=[{"name": "cv.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.fill("#id_cover_note", "I pre-trained video models on 64 GPUs.")
    assert_accessible(page)
    page.click("form[enctype='multipart/form-data'] button[type=submit]")
    page.wait_for_selector(".application-stage")
    application = Application.objects.get()
    assert application.applicant_id == member.pk

    # The recruiter moves it to interview with a message.
    page.context.clear_cookies()
    login_as(page.context, base_url, admin)
    page.goto(f"{base_url}{application.get_absolute_url()}")
    page.select_option("#id_stage", "interview")
    page.fill("#id_message", "Could you talk on Tuesday?")
    page.click("form[action$='/move/'] button[type=submit]")
    page.wait_for_load_state()
    application.refresh_from_db()
    assert application.stage == Stage.INTERVIEW
    screenshot(page, f"careers-pipeline-{locale}")

    # The member sees the new status and the message.
    page.context.clear_cookies()
    login_as(page.context, base_url, member)
    page.goto(f"{base_url}/jobs/applications/")
    with translation.override(language):
        expected = str(Stage.INTERVIEW.label)
    row = page.locator(f"#application-{application.pk} .application-stage")
    assert row.inner_text().strip() == expected
    assert_accessible(page)
    page.goto(f"{base_url}{application.get_absolute_url()}")
    assert "Could you talk on Tuesday?" in page.locator("main").inner_text()
    screenshot(page, f"careers-status-{locale}")
