from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from deepcommons.accounts.models import User


@pytest.mark.django_db
def test_reset_answers_the_same_for_known_and_unknown_emails(alice: User) -> None:
    known = Client().post("/accounts/password/reset/", {"email": "alice@example.com"})
    unknown = Client().post("/accounts/password/reset/", {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [m.to for m in mail.outbox if "alice@example.com" in m.to]


@pytest.mark.django_db
def test_reset_link_sets_a_new_password(client: Client, alice: User) -> None:
    import re

    client.post("/accounts/password/reset/", {"email": "alice@example.com"})
    body = next(m.body for m in mail.outbox if "alice@example.com" in m.to)
    path = re.search(r"http://[^/\s]+(/accounts/password/reset/key/\S+/)", body).group(1)
    response = client.get(path)
    form_path = response["Location"] if response.status_code == 302 else path
    new = "brand-new-passphrase-77"
    client.post(form_path, {"password1": new, "password2": new})
    alice.refresh_from_db()
    assert alice.check_password(new)


@pytest.mark.django_db
def test_password_change_requires_the_old_password(alice_client: Client, alice: User) -> None:
    response = alice_client.post(
        "/accounts/password/change/",
        {
            "oldpassword": "wrong",
            "password1": "another-passphrase-1",
            "password2": "another-passphrase-1",
        },
    )
    assert response.status_code == 200
    assert "Please type your current password." in response.content.decode()
    alice.refresh_from_db()
    assert not alice.check_password("another-passphrase-1")
