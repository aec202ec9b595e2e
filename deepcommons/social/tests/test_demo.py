"""The demo's private messages: li_wei's conversation list shows people and previews."""

from __future__ import annotations

import io

import pytest
from django.test import Client

from deepcommons.accounts import demo as accounts_demo
from deepcommons.accounts.models import User
from deepcommons.social import demo
from deepcommons.social.models import Conversation

pytestmark = pytest.mark.django_db


def test_demo_conversations_show_on_the_list_and_are_built_once(client: Client) -> None:
    accounts_demo.build(io.StringIO())
    demo.build(io.StringIO())
    demo.build(io.StringIO())  # demo --force: nothing twice
    assert Conversation.objects.count() == len(demo.CONVERSATIONS)
    client.force_login(User.objects.get(username="li_wei"))
    rows = client.get("/messages/").context["rows"]
    by_title = {r["conversation"].title: r for r in rows}
    group = by_title["Reading group: attention papers"]
    assert [p.username for p in group["people"]] == ["fei_fei", "andrej_k"]
    assert group["preview_is_mine"] is True
    direct = by_title[""]
    assert direct["preview"] == "太好了，能把配置发我看看吗？"
    assert direct["unread"] == 1  # the message after li_wei's own reply
