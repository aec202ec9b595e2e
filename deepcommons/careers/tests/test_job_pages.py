"""The job list with its filters, a job's page and posting from the pages."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from deepcommons.accounts.models import User
from deepcommons.careers import services
from deepcommons.careers.models import Job, JobState, Workplace
from deepcommons.careers.tests.factories import add_member, expire, make_job, make_org
from deepcommons.core.testing import session_queries
from deepcommons.orgs.models import OrgRole
from deepcommons.spaces.tests.factories import TagFactory

pytestmark = pytest.mark.django_db
LIST = reverse("careers:job-list")


def test_the_list_shows_open_jobs_only(client: Client, alice: User) -> None:
    open_job = make_job(title="Open role")
    expired = expire(make_job(title="Expired role"))
    filled = make_job(title="Filled role")
    services.end_job(job=filled, by=filled.posted_by, state=JobState.FILLED)  # type: ignore[arg-type]
    draft = make_job(title="Draft role", publish=False)
    html = client.get(LIST).content.decode()
    assert "Open role" in html
    for job in (expired, filled, draft):
        assert job.title not in html
    # Ended jobs stay reachable by link, marked closed.
    for job in (expired, filled):
        page = client.get(job.get_absolute_url()).content.decode()
        assert "no longer takes applications" in page
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(open_job.get_absolute_url()).status_code == 200


def test_filters_by_skills_remote_location_salary_and_org(client: Client) -> None:
    TagFactory.create(name="pytorch")
    TagFactory.create(name="jax")
    other = make_org("shanghai-ml-inc")
    a = make_job(title="Alpha", skills=["pytorch"], workplace=Workplace.REMOTE, location="Berlin")
    b = make_job(other, title="Beta", skills=["jax"], salary_min=10, salary_max=20, currency="USD")

    def titles(query: str) -> list[str]:
        html = client.get(f"{LIST}?{query}").content.decode()
        return [t for t in ("Alpha", "Beta") if f">{t}</a>" in html]

    assert titles("skills=pytorch") == ["Alpha"]
    assert titles("remote=on") == ["Alpha"]
    assert titles("location=berl") == ["Alpha"]
    assert titles("salary=100000") == ["Alpha"]
    assert titles("org=shanghai-ml-inc") == ["Beta"]
    assert titles("q=alpha") == ["Alpha"]
    assert titles("") == ["Alpha", "Beta"] or titles("") == ["Beta", "Alpha"]
    assert a.pk and b.pk


def test_a_bad_filter_is_shown_not_a_500(client: Client) -> None:
    response = client.get(f"{LIST}?salary=lots&currency=XYZ&cursor=junk")
    assert response.status_code == 200


def test_the_list_query_count_does_not_grow_with_jobs(
    alice_client: Client, django_assert_num_queries: object
) -> None:
    client = alice_client
    TagFactory.create(name="pytorch")
    org = make_org()
    for n in range(3):
        make_job(org, title=f"Job {n}", skills=["pytorch"])
    client.get(LIST)  # the day's first visit is recorded once
    with django_assert_num_queries(5 + session_queries()):  # type: ignore[operator]
        client.get(LIST)
    for n in range(3, 8):
        make_job(org, title=f"Job {n}", skills=["pytorch"])
    with django_assert_num_queries(5 + session_queries()):  # type: ignore[operator]
        response = client.get(LIST)
    assert response.content.decode().count('class="job-row"') == 8


def test_the_job_page_carries_escaped_json_ld(client: Client) -> None:
    job = make_job(title="</script><script>alert(1)</script> Engineer")
    html = client.get(job.get_absolute_url()).content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match is not None
    data = json.loads(match.group(1))
    assert data["@type"] == "JobPosting"
    assert data["title"].startswith("</script>")
    assert data["baseSalary"]["currency"] == "CNY"
    assert "<script>alert" not in html


def test_an_admin_posts_and_publishes_from_the_page(alice_client: Client, alice: User) -> None:
    org = make_org()
    add_member(org, alice, OrgRole.ADMIN)
    url = reverse("careers:job-create", kwargs={"org_slug": org.slug})
    form = {
        "title": "ML engineer",
        "description": "Ship models.",
        "role": "ml_engineer",
        "seniority": "mid",
        "workplace": "remote",
        "time_zones": "UTC+8 ± 3",
        "salary_min": "300000",
        "salary_max": "200000",
        "currency": "CNY",
        "language": "en",
        "publish": "1",
    }
    response = alice_client.post(url, form)
    assert response.status_code == 400
    assert "The highest salary is below the lowest." in response.content.decode()
    assert "Ship models." in response.content.decode()  # the text is kept
    assert not Job.objects.exists()
    form["salary_max"] = "400000"
    response = alice_client.post(url, form)
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.is_open and job.time_zones == "UTC+8 ± 3"


def test_posting_for_an_org_you_do_not_recruit_for_is_forbidden(
    bob_client: Client, bob: User
) -> None:
    org = make_org()
    add_member(org, bob, OrgRole.MEMBER)
    url = reverse("careers:job-create", kwargs={"org_slug": org.slug})
    assert bob_client.get(url).status_code == 403
    assert bob_client.post(url, {"title": "x"}).status_code == 403
    assert bob_client.get(reverse("careers:job-create-choose")).status_code == 403
    assert not Job.objects.exists()


def test_lifecycle_buttons_are_for_recruiters(
    alice_client: Client, alice: User, bob_client: Client
) -> None:
    org = make_org()
    add_member(org, alice)
    job = make_job(org, by=alice, publish=False)
    assert bob_client.post(reverse("careers:job-publish", args=[job.pk])).status_code == 404
    alice_client.post(reverse("careers:job-publish", args=[job.pk]))
    job.refresh_from_db()
    assert job.is_open
    assert (
        bob_client.post(reverse("careers:job-end", args=[job.pk]), {"state": "closed"}).status_code
        == 403
    )
    alice_client.post(reverse("careers:job-end", args=[job.pk]), {"state": "filled"})
    job.refresh_from_db()
    assert job.state == JobState.FILLED
    page = alice_client.get(reverse("careers:job-manage")).content.decode()
    assert job.title in page


def test_the_choose_and_edit_pages(alice_client: Client, alice: User) -> None:
    TagFactory.create(name="pytorch")
    first, second = make_org("deepvision-lab"), make_org("shanghai-ml-inc")
    add_member(first, alice)
    add_member(second, alice)
    html = alice_client.get(reverse("careers:job-create-choose")).content.decode()
    assert "/jobs/new/deepvision-lab/" in html and "/jobs/new/shanghai-ml-inc/" in html
    job = make_job(first, by=alice, publish=False, skills=["pytorch"])
    edit = reverse("careers:job-edit", args=[job.pk])
    html = alice_client.get(edit).content.decode()
    assert 'value="pytorch"' in html and 'value="400000"' in html
    data = {
        "title": "Renamed",
        "description": "New text",
        "role": job.role,
        "seniority": job.seniority,
        "workplace": job.workplace,
        "language": job.language,
        "skills": "pytorch",
        "publish": "1",
    }
    response = alice_client.post(edit, data)  # no salary: publishing is refused
    assert response.status_code == 400
    assert "A salary range is required to publish a job." in response.content.decode()
    job.refresh_from_db()
    assert job.title != "Renamed" and job.state == JobState.DRAFT
    data.update(salary_min="1", salary_max="2", currency="EUR")
    assert alice_client.post(edit, data).status_code == 302
    job.refresh_from_db()
    assert job.title == "Renamed" and job.is_open and job.currency == "EUR"
