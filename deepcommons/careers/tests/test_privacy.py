"""CVs and open-to-work data reach only the people they are for.

Every other role gets a 404 on every page and API endpoint (anonymous
visitors are sent to log in), and neither shows in search, the feed or
notifications.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.careers import services
from deepcommons.careers.tests.factories import (
    add_member,
    make_application,
    make_job,
    make_org,
    open_to_work,
)
from deepcommons.orgs.models import OrgRole
from deepcommons.social.models import Notification

pytestmark = pytest.mark.django_db
SECRET_HEADLINE = "Zanzibar-quokka transformer whisperer"
SALARY = "777,123"


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def world(alice: User, bob: User, charlie: User) -> dict:
    """alice recruits for the job's org; bob applied; charlie is a member of
    the org (not a recruiter); dave recruits for another verified org; erin
    recruits for an unverified one."""
    org = make_org("deepvision-lab")
    add_member(org, alice, OrgRole.RECRUITER)
    add_member(org, charlie, OrgRole.MEMBER)
    other = make_org("shanghai-ml-inc")
    dave = UserFactory.create(username="dave")
    add_member(other, dave, OrgRole.RECRUITER)
    garage = make_org("garage-ai", verified=False)
    erin = UserFactory.create(username="erin")
    add_member(garage, erin, OrgRole.OWNER)
    job = make_job(org, by=alice)
    application = make_application(job, bob)
    return {
        "org": org,
        "other": other,
        "job": job,
        "application": application,
        "dave": dave,
        "erin": erin,
    }


def test_the_cv_and_application_reach_only_the_applicant_and_the_orgs_recruiters(
    world: dict, alice: User, bob: User, charlie: User
) -> None:
    application = world["application"]
    job = world["job"]
    pages = [
        reverse("careers:application-detail", args=[application.pk]),
        reverse("careers:application-cv", args=[application.pk]),
        reverse("careers:job-pipeline", args=[job.pk]),
    ]
    api = [
        f"/api/v1/jobs/{job.pk}/applications",
    ]
    for user in (charlie, world["dave"], world["erin"], UserFactory.create()):
        client = _client(user)
        for url in pages + api:
            assert client.get(url).status_code == 404, (user.username, url)
        move = f"/api/v1/jobs/applications/{application.pk}/move"
        assert (
            client.post(move, {"stage": "offer"}, content_type="application/json").status_code
            == 404
        )
        mine = client.get("/api/v1/jobs/applications").json()
        assert mine == []
    anonymous = Client()
    for url in pages:
        assert anonymous.get(url).status_code == 302
    for url in api:
        assert anonymous.get(url).status_code == 401
    recruiter = _client(alice)
    response = recruiter.get(pages[1])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")  # type: ignore[attr-defined]
    assert _client(bob).get(pages[1]).status_code == 200
    assert _client(bob).get(pages[2]).status_code == 404  # the applicant sees no pipeline
    # The file is not under MEDIA_ROOT, so /media/ cannot serve it.
    assert _client(alice).get(f"/media/{application.cv.name}").status_code == 404


def test_open_to_work_reaches_only_allowed_verified_recruiters(
    world: dict, alice: User, bob: User, charlie: User
) -> None:
    member = UserFactory.create(username="seeker")
    add_member(world["org"], member, OrgRole.MEMBER)  # alice's org is the employer
    open_to_work(member, headline=SECRET_HEADLINE)
    detail = reverse("careers:talent-detail", args=["seeker"])
    search = reverse("careers:talent-search")
    # dave recruits for another verified org: he sees it, with the salary.
    dave = _client(world["dave"])
    assert SECRET_HEADLINE in dave.get(search).content.decode()
    html = dave.get(detail).content.decode()
    assert SECRET_HEADLINE in html and SALARY in html
    # Everyone else: the employer's recruiter, an unverified org's owner,
    # plain members, the member's colleagues.
    for user in (alice, world["erin"], charlie, bob):
        client = _client(user)
        for url in (detail, f"{detail}?org=deepvision-lab", f"{detail}?org=shanghai-ml-inc"):
            assert client.get(url).status_code == 404, (user.username, url)
        response = client.get(search)
        assert response.status_code == 404 or SECRET_HEADLINE not in response.content.decode()
        assert client.post(detail, {"message": "hi"}).status_code == 404
    assert Client().get(detail).status_code == 302
    # Chosen organisations only: dave's org is not chosen, so he loses it.
    open_to_work(member, headline=SECRET_HEADLINE, visibility="chosen", allowed_orgs=[world["org"]])
    assert dave.get(detail).status_code == 404
    assert SECRET_HEADLINE not in dave.get(search).content.decode()


def test_nothing_private_leaks_into_search_feed_profile_or_notifications(
    world: dict, alice: User, bob: User, charlie: User
) -> None:
    open_to_work(bob, headline=SECRET_HEADLINE)
    contact = services.contact_member(
        org=world["other"], recruiter=world["dave"], member=bob, message="Talk?"
    )
    services.answer_contact(contact=contact, member=bob, accept=False)
    services.move_application(
        application=world["application"], by=alice, stage="interview", message="Come in"
    )
    watcher = _client(charlie)
    for url in (
        f"/search/?q={SECRET_HEADLINE.split()[0]}",
        "/feed/",
        bob.get_absolute_url(),
        "/api/v1/jobs",
        "/jobs/",
    ):
        response = watcher.get(url)
        text = response.content.decode()
        assert SECRET_HEADLINE not in text and SALARY not in text, url
        assert world["application"].cv.name not in text
    for note in Notification.objects.all():
        blob = str(note.data)
        assert SECRET_HEADLINE not in blob and "777123" not in blob
        assert world["application"].cv.name not in blob
        assert bob.email not in blob
