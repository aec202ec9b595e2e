"""The verified badge: work email on the org's domain, a signed link, operator approval."""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from deepcommons.accounts.models import User
from deepcommons.orgs import services
from deepcommons.orgs.models import Organisation, VerificationRequest, VerificationStatus
from deepcommons.orgs.services import verification
from deepcommons.social.models import Notification

pytestmark = pytest.mark.django_db


def _link() -> str:
    (message,) = mail.outbox
    match = re.search(r"https?://\S+/orgs/verification/confirm/\S+/", message.body)
    assert match, message.body
    return urlsplit(match.group(0)).path


@pytest.mark.parametrize(
    "email",
    [
        "li@gmail.com",
        "li@evil-deeplab.example.org",
        "li@deeplab.example.org.evil.cn",
        "not-an-email",
    ],
)
def test_an_address_off_the_domain_is_refused(
    email: str, org: Organisation, people: dict[str, User]
) -> None:
    with pytest.raises(ValidationError):
        services.request_verification(org=org, by=people["admin"], email=email)
    assert not mail.outbox and not VerificationRequest.objects.exists()


def test_the_page_reshows_the_form_for_a_wrong_domain(
    org: Organisation, clients: dict[str, Client]
) -> None:
    response = clients["admin"].post(f"/orgs/{org.slug}/verify/", {"email": "me@gmail.com"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Use an address ending in @deeplab.example.org." in html
    assert 'value="me@gmail.com"' in html


def test_an_org_without_a_domain_cannot_ask(org: Organisation, people: dict[str, User]) -> None:
    Organisation.objects.filter(pk=org.pk).update(email_domain="")
    org.refresh_from_db()
    with pytest.raises(ValidationError, match="email domain"):
        services.request_verification(org=org, by=people["owner"], email="a@deeplab.example.org")


def test_non_managers_cannot_ask(org: Organisation, people: dict[str, User]) -> None:
    for role in ("member", "recruiter", "outsider"):
        with pytest.raises(PermissionDenied):
            services.request_verification(org=org, by=people[role], email="a@deeplab.example.org")


def test_the_whole_flow_ends_with_the_badge_and_a_notification(
    org: Organisation,
    people: dict[str, User],
    clients: dict[str, Client],
    django_capture_on_commit_callbacks: object,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = clients["admin"].post(
            f"/orgs/{org.slug}/verify/", {"email": "Adam@DeepLab.example.org", "note": "CTO"}
        )
    assert response.status_code == 302
    assert mail.outbox[0].to == ["adam@deeplab.example.org"]
    path = _link()
    # Opening the link shows a button; only the POST confirms (mail scanners GET).
    anonymous = Client()
    assert "Confirm" in anonymous.get(path).content.decode()
    request = VerificationRequest.objects.get()
    assert request.status == VerificationStatus.EMAIL_SENT
    assert anonymous.post(path).status_code == 200
    request.refresh_from_db()
    assert request.status == VerificationStatus.CONFIRMED
    # Used links do not work twice.
    assert anonymous.post(path).status_code == 400

    review = clients["operator"].get("/orgs/verification/").content.decode()
    assert "adam@deeplab.example.org" in review and "CTO" in review
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        clients["operator"].post(f"/orgs/verification/{request.pk}/approve/")
    org.refresh_from_db()
    assert org.is_verified and org.verified_by == people["operator"]
    notified = set(
        Notification.objects.filter(kind="org_verified").values_list(
            "recipient__username", flat=True
        )
    )
    assert notified == {people["owner"].username, people["admin"].username}
    assert "Verified" in Client().get(f"/orgs/{org.slug}/").content.decode()


def test_a_tampered_link_is_refused(org: Organisation, people: dict[str, User]) -> None:
    request = services.request_verification(
        org=org, by=people["owner"], email="o@deeplab.example.org"
    )
    token = verification.make_token(request)
    for bad in (token[:-2] + "xx", token.replace(":", "!", 1), "garbage"):
        with pytest.raises(ValidationError, match="not valid"):
            services.confirm_verification(token=bad)
    response = Client().post(f"/orgs/verification/confirm/{token[:-2]}zz/")
    assert response.status_code == 400 and "This link is not valid." in response.content.decode()
    request.refresh_from_db()
    assert request.status == VerificationStatus.EMAIL_SENT


def test_an_expired_link_is_refused(
    org: Organisation, people: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    request = services.request_verification(
        org=org, by=people["owner"], email="o@deeplab.example.org"
    )
    real = time.time
    with monkeypatch.context() as patched:
        patched.setattr(time, "time", lambda: real() - verification.LINK_MAX_AGE_SECONDS - 60)
        token = verification.make_token(request)
    with pytest.raises(ValidationError, match="expired"):
        services.confirm_verification(token=token)
    request.refresh_from_db()
    assert request.status == VerificationStatus.EMAIL_SENT


def test_a_new_request_voids_the_old_link(org: Organisation, people: dict[str, User]) -> None:
    first = services.request_verification(
        org=org, by=people["owner"], email="o@deeplab.example.org"
    )
    services.request_verification(org=org, by=people["owner"], email="o@deeplab.example.org")
    with pytest.raises(ValidationError, match="already used"):
        services.confirm_verification(token=verification.make_token(first))


def test_only_operators_decide_and_only_on_confirmed_requests(
    org: Organisation, people: dict[str, User], clients: dict[str, Client]
) -> None:
    request = services.request_verification(
        org=org, by=people["owner"], email="o@deeplab.example.org"
    )
    with pytest.raises(ValidationError, match="confirmed email"):
        services.approve_verification(request=request, by=people["operator"])
    services.confirm_verification(token=verification.make_token(request))
    for role in ("owner", "admin", "outsider"):
        assert clients[role].post(f"/orgs/verification/{request.pk}/approve/").status_code == 403
    org.refresh_from_db()
    assert not org.is_verified
    clients["operator"].post(f"/orgs/verification/{request.pk}/reject/")
    request.refresh_from_db()
    org.refresh_from_db()
    assert request.status == VerificationStatus.REJECTED and not org.is_verified


def test_a_new_email_domain_takes_the_badge_away(
    org: Organisation, people: dict[str, User]
) -> None:
    request = services.request_verification(
        org=org, by=people["owner"], email="o@deeplab.example.org"
    )
    services.confirm_verification(token=verification.make_token(request))
    services.approve_verification(request=request, by=people["operator"])
    org.refresh_from_db()
    data = services.OrgInput(name_en=org.name_en, kind=org.kind, email_domain="other.example.org")
    services.update_org(org=org, by=people["owner"], data=data)
    org.refresh_from_db()
    assert not org.is_verified
