from __future__ import annotations

import pytest
from django.test import Client

from deepcommons.accounts.models import User

VALID = {"timezone": "UTC", "preferred_language": "en"}


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client: Client) -> None:
    response = client.get("/settings/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_owner_saves_profile_and_bio_is_rendered_safely(alice_client: Client, alice: User) -> None:
    response = alice_client.post(
        "/settings/profile/",
        {
            **VALID,
            "display_name": "Alice  L.",
            "bio": "I train **ViTs**. <script>alert(1)</script> [x](javascript:alert(1))",
            "location": "上海",
            "website": "https://alice.example.org",
            "github": "https://github.com/alice-dl",
            "google_scholar": "https://scholar.google.com/citations?user=AbCdEfGhIjKl&hl=en",
            "orcid": "https://orcid.org/0000-0002-1825-0097",
            "skills": "PyTorch, CUDA，分布式训练, pytorch",
            "research_interests": "diffusion models",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.display_name == "Alice L."
    assert "<strong>ViTs</strong>" in alice.bio_html
    assert "<script" not in alice.bio_html
    assert 'href="javascript:' not in alice.bio_html
    assert alice.github == "alice-dl"
    assert alice.google_scholar == "AbCdEfGhIjKl"
    assert alice.orcid == "0000-0002-1825-0097"
    assert alice.skills == ["PyTorch", "CUDA", "分布式训练"]
    page = Client().get("/u/alice/").content.decode()
    assert "https://github.com/alice-dl" in page
    assert "<script>alert(1)" not in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("bio", "x" * 1_000_000, "the limit is 5000"),
        ("display_name", "evil\u202eeman", "invisible or control character"),
        ("display_name", "zero\u200bwidth", "invisible or control character"),
        ("display_name", "bell\x07", "invisible or control character"),
        ("display_name", "x" * 51, "at most 50 characters"),
        ("orcid", "0000-0002-1825-0098", "valid check digit"),
        ("github", "not a name!", "GitHub user name"),
        ("google_scholar", "https://evil.example.com/?user=AbCdEfGhIjKl", "Google Scholar"),
        ("website", "javascript:alert(1)", "Enter a valid URL"),
        ("skills", ",".join(f"s{i}" for i in range(30)), "At most 20"),
        ("timezone", "Mars/Olympus", "Select a valid choice"),
    ],
)
@pytest.mark.django_db
def test_bad_input_gets_a_message_and_keeps_the_text(
    alice_client: Client, alice: User, field: str, value: str, message: str
) -> None:
    data = {**VALID, "location": "Zürich 苏黎世 🏔", field: value}
    response = alice_client.post("/settings/profile/", data)
    body = response.content.decode()
    assert response.status_code == 400
    assert message in body
    assert "Zürich 苏黎世 🏔" in body
    alice.refresh_from_db()
    assert alice.location == ""


@pytest.mark.django_db
def test_over_long_bio_is_kept_in_the_form(alice_client: Client) -> None:
    bio = "长" * 5001
    response = alice_client.post("/settings/profile/", {**VALID, "bio": bio})
    assert bio in response.content.decode()


@pytest.mark.django_db
def test_each_user_edits_only_their_own_profile(
    alice_client: Client, bob_client: Client, alice: User, bob: User
) -> None:
    bob_client.post("/settings/profile/", {**VALID, "display_name": "Bobby"})
    alice.refresh_from_db()
    bob.refresh_from_db()
    assert bob.display_name == "Bobby"
    assert alice.display_name == "Alice Liddell"
