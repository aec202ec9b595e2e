"""Saved job alerts: each new matching job reaches the member once."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.careers import services
from deepcommons.careers.models import JobAlert, JobState, Workplace
from deepcommons.careers.tests.factories import make_job
from deepcommons.social.models import Notification
from deepcommons.spaces.tests.factories import TagFactory

pytestmark = pytest.mark.django_db


def test_new_matching_jobs_are_sent_once_by_notification_and_email(alice: User) -> None:
    TagFactory.create(name="pytorch")
    make_job(title="Old job", skills=["pytorch"])  # published before the alert
    alert = services.save_alert(user=alice, name="", filters={"skills": "pytorch", "remote": "on"})
    match = make_job(title="Remote PyTorch", skills=["pytorch"], workplace=Workplace.REMOTE)
    make_job(title="On-site PyTorch", skills=["pytorch"], workplace=Workplace.ONSITE)
    make_job(title="Remote, no skill", workplace=Workplace.REMOTE)
    closed = make_job(title="Closed remote", skills=["pytorch"], workplace=Workplace.REMOTE)
    services.end_job(job=closed, by=closed.posted_by, state=JobState.CLOSED)  # type: ignore[arg-type]
    mail.outbox.clear()
    assert services.send_job_alerts() == 1
    note = Notification.objects.get(recipient=alice, kind="job_alert")
    assert note.data["url"] == match.get_absolute_url()
    assert note.data["alert_name"] == alert.name
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [alice.email]
    # Running again sends nothing more.
    out = StringIO()
    call_command("send_job_alerts", stdout=out)
    assert "0 alert notifications sent" in out.getvalue()
    assert Notification.objects.filter(kind="job_alert").count() == 1
    assert len(mail.outbox) == 1


def test_bad_alert_filters_are_refused(alice: User) -> None:
    with pytest.raises(ValidationError) as error:
        services.save_alert(user=alice, name="x", filters={"salary": "-3", "currency": "ABC"})
    assert set(error.value.message_dict) == {"salary", "currency"}
    assert not JobAlert.objects.exists()


def test_the_alert_pages(alice_client: Client, alice: User, bob_client: Client) -> None:
    url = reverse("careers:alert-list")
    response = alice_client.post(url, {"name": "Shanghai", "query": "location=Shanghai&salary=100"})
    assert response.status_code == 302
    alert = JobAlert.objects.get()
    assert alert.filters == {"location": "Shanghai", "salary": 100}
    assert "Shanghai" in alice_client.get(url).content.decode()
    delete = reverse("careers:alert-delete", args=[alert.pk])
    assert bob_client.post(delete).status_code == 404
    alice_client.post(delete)
    assert not JobAlert.objects.exists()
    response = alice_client.post(url, {"name": "bad", "query": "currency=ZZZ"})
    assert response.status_code == 400
    assert "Unknown currency ZZZ" in response.content.decode()
