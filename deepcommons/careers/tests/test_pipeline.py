"""The recruiters' pipeline: stages, private notes, messages to the applicant."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.careers import services
from deepcommons.careers.models import Stage
from deepcommons.careers.tests.factories import add_member, make_application, make_job, make_org
from deepcommons.orgs.models import OrgRole
from deepcommons.social.models import Notification

pytestmark = pytest.mark.django_db


def _setup(alice: User, bob: User) -> tuple:
    org = make_org()
    add_member(org, alice, OrgRole.RECRUITER)
    job = make_job(org, by=alice)
    return job, make_application(job, bob)


def test_a_recruiter_moves_an_application_and_the_applicant_is_told(alice: User, bob: User) -> None:
    job, application = _setup(alice, bob)
    mail.outbox.clear()
    services.move_application(
        application=application, by=alice, stage=Stage.INTERVIEW, message="Tuesday at 10?"
    )
    application.refresh_from_db()
    assert application.stage == Stage.INTERVIEW
    note = Notification.objects.get(recipient=bob, kind="job_application_update")
    assert note.data["stage"] == "interview"
    assert note.data["url"] == application.get_absolute_url()
    assert [m.to for m in mail.outbox] == [[bob.email]]
    assert [e.stage for e in application.events.all()] == ["new", "interview"]


def test_only_the_orgs_recruiters_move_or_annotate(alice: User, bob: User, charlie: User) -> None:
    job, application = _setup(alice, bob)
    for user in (bob, charlie):
        with pytest.raises(PermissionDenied):
            services.move_application(application=application, by=user, stage=Stage.OFFER)
        with pytest.raises(PermissionDenied):
            services.add_note(application=application, by=user, body="x")
    with pytest.raises(ValidationError):
        services.move_application(application=application, by=alice, stage="hired")
    with pytest.raises(ValidationError):
        services.move_application(application=application, by=alice, stage=Stage.NEW)


def test_notes_stay_private_to_recruiters(
    alice: User, bob: User, alice_client: Client, bob_client: Client
) -> None:
    job, application = _setup(alice, bob)
    url = reverse("careers:application-note", args=[application.pk])
    alice_client.post(url, {"body": "Strong on ViT pre-training, ask about data loaders."})
    detail = application.get_absolute_url()
    assert "Strong on ViT" in alice_client.get(detail).content.decode()
    html = bob_client.get(detail).content.decode()
    assert "Strong on ViT" not in html and "Private notes" not in html
    assert bob_client.post(url, {"body": "sneaky"}).status_code == 404


def test_the_pipeline_page_and_move_form(
    alice: User, bob: User, alice_client: Client, bob_client: Client
) -> None:
    job, application = _setup(alice, bob)
    pipeline = reverse("careers:job-pipeline", args=[job.pk])
    assert bob.name in alice_client.get(pipeline).content.decode()
    assert bob_client.get(pipeline).status_code == 404
    move = reverse("careers:application-move", args=[application.pk])
    assert bob_client.post(move, {"stage": "offer"}).status_code == 404
    response = alice_client.post(move, {"stage": "bogus"})
    assert response.status_code == 400
    alice_client.post(move, {"stage": "reviewing", "message": "Thanks!"})
    application.refresh_from_db()
    assert application.stage == Stage.REVIEWING
    mine = bob_client.get(reverse("careers:my-applications")).content.decode()
    assert "Under review" in mine
    assert "Thanks!" in bob_client.get(application.get_absolute_url()).content.decode()
