"""The issue's moderation flow in real Chromium, in English and in Chinese:
a new member posts a link-spam answer, it lands in the review queue, a
moderator destroys the spammer, the question no longer shows their content,
the audit log records it, and the voters' reputation is restored."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.core.testing import login_as, screenshot
from deepcommons.moderation.models import AuditAction, AuditEntry, Queue, ReviewItem
from deepcommons.moderation.tests.factories import make_moderator
from deepcommons.posts import services
from deepcommons.posts.models import Post, Status
from deepcommons.posts.tests.factories import make_answer, make_question
from deepcommons.reputation.services import adjust
from deepcommons.spaces.tests.factories import TagFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.real_privileges,
    pytest.mark.real_screens,
]

SPAM = (
    "BEST CHEAP GPU DEALS!!! Buy now, limited offer, click here: "
    "https://bit.ly/cheap-gpus https://bit.ly/cheap-gpus"
)


def _rep(user: User) -> int:
    user.refresh_from_db(fields=["reputation"])
    return user.reputation


@pytest.mark.parametrize(
    "locale",
    [
        pytest.param("en-US", marks=pytest.mark.locale("en-US")),
        pytest.param("zh-CN", marks=pytest.mark.locale("zh-CN")),
    ],
)
def test_a_moderator_destroys_a_link_spammer(page: Page, live_server: object, locale: str) -> None:
    base_url = live_server.url  # type: ignore[attr-defined]
    moderator = make_moderator(UserFactory.create(username="mod_m"))
    asker = UserFactory.create(username="asker_m")
    voters = [UserFactory.create(username=name) for name in ("voter_a", "voter_b")]
    for voter in voters:
        adjust(user=voter, amount=199, by=moderator)  # enough to vote down (125)
        voter.refresh_from_db()
    TagFactory.create(name="pytorch")
    question = make_question(author=asker, title="How do I pin CUDA memory in a DataLoader?")
    spammer = UserFactory.create(username="gpu_deals")
    # The spammer's earlier answer got through and was voted down: each
    # downvote of an answer costs its voter 1.
    earlier = make_answer(question, author=spammer, body="Use pin_memory=True and see my site.")
    for voter in voters:
        services.vote(post=earlier, user=voter, value=-1)
    assert [_rep(v) for v in voters] == [199, 199]

    # The new member posts a link-spam answer: it is held for review.
    login_as(page.context, base_url, spammer)
    page.goto(f"{base_url}/questions/{question.pk}/")
    page.fill("#id_body", SPAM)
    page.click("form[action$='/answer/'] button[type=submit]")
    page.wait_for_selector(".post-answer .held-note")
    held = Post.objects.get(author=spammer, status=Status.HELD)
    assert ReviewItem.objects.filter(queue=Queue.HELD, post=held).exists()
    screenshot(page, f"spam-held-{locale}")

    # The moderator finds it in the review queue and destroys the spammer.
    page.context.clear_cookies()
    login_as(page.context, base_url, moderator)
    page.goto(f"{base_url}/moderation/review/held/")
    item = page.locator(f"#item-{ReviewItem.objects.get(queue=Queue.HELD, post=held).pk}")
    assert "bit.ly" in item.inner_text()
    screenshot(page, f"spam-queue-{locale}")
    item.locator(f"a[href$='/moderation/users/{spammer.username}/']").click()
    page.wait_for_selector("#destroy-confirm")
    page.fill("#destroy-confirm", spammer.username)
    page.fill("#destroy-reason", "link spam")
    page.click(f"form[action$='/users/{spammer.username}/destroy/'] button[type=submit]")
    page.wait_for_load_state()
    screenshot(page, f"spam-destroyed-{locale}")

    entry = AuditEntry.objects.get(action=AuditAction.DESTROY_SPAMMER)
    assert entry.actor_id == moderator.pk and entry.target_id == spammer.pk
    assert [_rep(v) for v in voters] == [200, 200]

    page.goto(f"{base_url}/moderation/log/")
    assert page.locator(f"text={spammer.username}").count() >= 1
    screenshot(page, f"spam-log-{locale}")

    # Readers see neither answer any more.
    page.context.clear_cookies()
    page.goto(f"{base_url}/questions/{question.pk}/")
    text = page.locator("main").inner_text()
    assert "see my site" not in text and "bit.ly" not in text
    assert page.locator(".post-answer").count() == 0
