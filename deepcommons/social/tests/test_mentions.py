from __future__ import annotations

import pytest

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.social import kinds, services
from deepcommons.social.mentions import extract_mentions, link_mentions
from deepcommons.social.models import Notification


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hi @alice and @Bob", ["alice", "bob"]),
        ("@alice, @ALICE and @alice", ["alice"]),
        ("write to bob@example.com", []),
        ("inline `@carol` code", []),
        ("```\n@dave\n```", []),
        ("    @indented code block", []),
        ("[@eve](https://example.com)", []),
        ("[see @eve here](https://example.com)", []),
        ("https://example.com/@frank", []),
        ("@al is too short", []),
        ("**@gina** in bold", ["gina"]),
        ("(@hank) in brackets", ["hank"]),
        ("", []),
    ],
)
def test_extract_mentions(text: str, expected: list[str]) -> None:
    assert extract_mentions(text) == expected


def test_link_mentions_links_existing_users_outside_code_and_links(alice: User) -> None:
    html = '<p>@alice and @nobody</p><code>@alice</code><a href="/x">@alice</a>'
    assert link_mentions(html) == (
        '<p><a class="mention" href="/u/alice/">@alice</a> and @nobody</p>'
        '<code>@alice</code><a href="/x">@alice</a>'
    )


def test_mentions_notify_but_not_self_blocked_or_unknown(
    alice: User, bob: User, charlie: User
) -> None:
    services.block_user(user=charlie, target=alice)
    notified = services.notify_mentions(text="@bob @charlie @alice @ghost", actor=alice, target=bob)
    assert notified == [bob]
    assert Notification.objects.filter(kind=kinds.MENTION).count() == 1


def test_editing_does_not_notify_twice(alice: User, bob: User) -> None:
    services.notify_mentions(text="@bob", actor=alice, target=alice)
    assert services.notify_mentions(text="@bob again", actor=alice, target=alice) == []
    assert Notification.objects.filter(recipient=bob, kind=kinds.MENTION).count() == 1


def test_at_most_ten_mentions_notify(alice: User) -> None:
    users = [UserFactory(username=f"member{i:02d}") for i in range(12)]
    text = " ".join(f"@{u.username}" for u in users)
    notified = services.notify_mentions(text=text, actor=alice, target=alice)
    assert sorted(u.username for u in notified) == [f"member{i:02d}" for i in range(10)]
