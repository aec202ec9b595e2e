"""The issue's organisation flow in real Chromium, in English and in Chinese:
a member follows an organisation with its button, the organisation's admin
publishes a post, and the follower finds it in their feed, "from" the
organisation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.core.testing import assert_accessible, login_as, screenshot
from deepcommons.orgs.models import Organisation, OrgPost, OrgRole
from deepcommons.orgs.tests.factories import add_member, make_org

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "locale",
    [
        pytest.param("en-US", marks=pytest.mark.locale("en-US")),
        pytest.param("zh-CN", marks=pytest.mark.locale("zh-CN")),
    ],
)
def test_an_admin_publishes_and_a_follower_sees_it_in_the_feed(
    page: Page, live_server: object, locale: str
) -> None:
    base_url = live_server.url  # type: ignore[attr-defined]
    org = make_org(slug="shanghai-ml", name_en="Shanghai ML", name_zh="上海机器学习")
    admin = UserFactory.create(username="org_admin")
    add_member(org, admin, OrgRole.ADMIN)
    follower = UserFactory.create(username="fan_of_ml")

    # The follower follows from the organisation's page (htmx swaps the box).
    login_as(page.context, base_url, follower)
    page.goto(f"{base_url}/orgs/{org.slug}/")
    page.click(f"#org-follow-{org.pk} button[type=submit]")
    page.wait_for_selector(f"#org-follow-{org.pk} input[value=unfollow]", state="attached")
    assert Organisation.objects.get(pk=org.pk).follower_count == 1
    assert_accessible(page)

    # The admin publishes a release note from the Posts tab.
    page.context.clear_cookies()
    login_as(page.context, base_url, admin)
    page.goto(f"{base_url}/orgs/{org.slug}/members/")
    assert_accessible(page)  # with the manager's invite form and role controls
    page.goto(f"{base_url}/orgs/{org.slug}/posts/")
    page.click(f"a[href='/orgs/{org.slug}/posts/new/']")
    page.select_option("#id_kind", "release")
    page.fill("#id_title", "SML-7B weights released")
    page.fill("#id_body", "Download the **weights** from our model page.")
    page.click("form.card button[type=submit]")
    page.wait_for_selector("article.orgpost h1")
    post = OrgPost.objects.get()
    assert page.url.endswith(post.get_absolute_url())
    assert page.inner_text("article.orgpost h1") == "SML-7B weights released"
    assert_accessible(page)
    screenshot(page, f"orgs-post-{locale}")

    # The follower finds it in the feed, from the organisation, in their language.
    page.context.clear_cookies()
    login_as(page.context, base_url, follower)
    page.goto(f"{base_url}/feed/")
    item = page.locator("article.orgpost-feed").first
    assert "SML-7B weights released" in item.inner_text()
    name = "上海机器学习" if locale == "zh-CN" else "Shanghai ML"
    assert item.locator(f"a[href='/orgs/{org.slug}/']").inner_text() == name
    screenshot(page, f"orgs-feed-{locale}")
