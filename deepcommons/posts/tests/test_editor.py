from __future__ import annotations

from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.core.markdown import render_markdown
from deepcommons.posts.models import Draft


def test_preview_renders_exactly_what_is_stored(alice_client: Client) -> None:
    text = "**bold** and $x^2$ <script>alert(1)</script>"
    response = alice_client.post(reverse("posts:editor-preview"), {"body": text})
    assert response.status_code == 200
    assert response.content.decode().strip() == render_markdown(text).strip()
    assert "<script>" not in response.content.decode()


def test_draft_autosave_and_restore(alice_client: Client, alice: User, bob_client: Client) -> None:
    alice_client.post(
        reverse("posts:draft-save"), {"draft_key": "question", "title": "Half", "body": "typing"}
    )
    draft = Draft.objects.get(user=alice, key="question")
    assert (draft.title, draft.body) == ("Half", "typing")
    assert "typing" in alice_client.get(reverse("posts:question-create")).content.decode()
    assert "typing" not in bob_client.get(reverse("posts:question-create")).content.decode()


def test_anonymous_cannot_preview_or_save(client: Client, db: None) -> None:
    assert client.post(reverse("posts:editor-preview"), {"body": "x"}).status_code == 302
    assert (
        client.post(reverse("posts:draft-save"), {"draft_key": "q", "body": "x"}).status_code == 302
    )
    assert not Draft.objects.exists()
