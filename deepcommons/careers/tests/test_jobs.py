"""Posting a job and its lifecycle: draft → published → expired/filled/closed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.careers import services
from deepcommons.careers.models import Job, JobState
from deepcommons.careers.pagecache import LISTS, job_version
from deepcommons.careers.tests.factories import add_member, expire, job_data, make_org
from deepcommons.core.pagecache import get_versions
from deepcommons.orgs.models import OrgRole
from deepcommons.spaces.tests.factories import TagFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [OrgRole.OWNER, OrgRole.ADMIN, OrgRole.RECRUITER])
def test_recruiting_roles_may_post(alice: User, role: str) -> None:
    org = make_org()
    add_member(org, alice, role)
    job = services.create_job(org=org, by=alice, data=job_data())
    assert job.state == JobState.DRAFT
    assert job.description_html.startswith("<p>Train <strong>large</strong>")


def test_a_plain_member_or_outsider_cannot_post(alice: User, bob: User) -> None:
    org = make_org()
    add_member(org, alice, OrgRole.MEMBER)
    for user in (alice, bob):
        with pytest.raises(PermissionDenied):
            services.create_job(org=org, by=user, data=job_data())
    assert not Job.objects.exists()


def test_publishing_needs_a_salary_range_and_currency(alice: User) -> None:
    org = make_org()
    add_member(org, alice)
    job = services.create_job(
        org=org, by=alice, data=job_data(salary_min=None, salary_max=None, currency="")
    )
    with pytest.raises(ValidationError) as error:
        services.publish_job(job=job, by=alice)
    assert set(error.value.message_dict) == {"salary_min", "salary_max", "currency"}
    job.refresh_from_db()
    assert job.state == JobState.DRAFT


@pytest.mark.parametrize(
    ("overrides", "field", "text"),
    [
        ({"salary_min": 700_000, "salary_max": 600_000}, "salary_max", "below the lowest"),
        ({"currency": "XYZ"}, "currency", "Unknown currency XYZ"),
        ({"expires_at": timezone.now() - timedelta(days=1)}, "expires_at", "in the past"),
        ({"skills": ["no-such-tag"]}, "skills", "Unknown tags: no-such-tag"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(
    alice: User, overrides: dict, field: str, text: str
) -> None:
    org = make_org()
    add_member(org, alice)
    with pytest.raises(ValidationError) as error:
        services.create_job(org=org, by=alice, data=job_data(**overrides), publish=True)
    assert text in error.value.message_dict[field][0]
    assert not Job.objects.exists()


def test_published_jobs_run_30_days_and_can_be_renewed(alice: User) -> None:
    org = make_org()
    add_member(org, alice)
    TagFactory.create(name="pytorch")
    job = services.create_job(org=org, by=alice, data=job_data(skills=["PyTorch"]), publish=True)
    assert [t.name for t in job.skills.all()] == ["pytorch"]
    assert job.is_open
    assert timedelta(days=29) < job.expires_at - timezone.now() <= timedelta(days=30)
    assert list(Job.objects.listed()) == [job]

    expire(job)
    assert job.current_state == JobState.EXPIRED
    assert not Job.objects.listed().exists()
    assert services.expire_jobs() == 1
    job.refresh_from_db()
    assert job.state == JobState.EXPIRED

    services.renew_job(job=job, by=alice)
    assert job.is_open
    assert list(Job.objects.listed()) == [job]


@pytest.mark.parametrize("state", [JobState.FILLED, JobState.CLOSED])
def test_ended_jobs_leave_the_list_but_stay_visible(alice: User, bob: User, state: str) -> None:
    org = make_org()
    add_member(org, alice)
    job = services.create_job(org=org, by=alice, data=job_data(), publish=True)
    services.end_job(job=job, by=alice, state=state)
    assert not Job.objects.listed().exists()
    assert list(Job.objects.visible_to(bob)) == [job]
    with pytest.raises(ValidationError):
        services.end_job(job=job, by=alice, state=JobState.CLOSED)


def test_drafts_are_visible_only_to_the_orgs_recruiters(alice: User, bob: User) -> None:
    org = make_org()
    add_member(org, alice)
    job = services.create_job(org=org, by=alice, data=job_data())
    assert list(Job.objects.visible_to(alice)) == [job]
    assert not Job.objects.visible_to(bob).exists()


def test_editing_a_published_job_keeps_the_salary_rules(alice: User, bob: User) -> None:
    org = make_org()
    add_member(org, alice)
    job = services.create_job(org=org, by=alice, data=job_data(), publish=True)
    with pytest.raises(ValidationError):
        services.update_job(job=job, by=alice, data=job_data(currency=""))
    with pytest.raises(PermissionDenied):
        services.update_job(job=job, by=bob, data=job_data(title="Hijacked"))
    job.refresh_from_db()
    assert job.currency == "CNY" and job.title.startswith("Research")


def test_every_job_write_bumps_the_page_cache_versions(alice: User) -> None:
    org = make_org()
    add_member(org, alice)
    job = services.create_job(org=org, by=alice, data=job_data())
    before = get_versions(LISTS, job_version(job.pk))
    services.publish_job(job=job, by=alice)
    after_publish = get_versions(LISTS, job_version(job.pk))
    assert all(b > a for a, b in zip(before, after_publish, strict=True))
    services.end_job(job=job, by=alice, state=JobState.FILLED)
    assert get_versions(LISTS)[0] > after_publish[0]
