"""The careers part of a member's export, and CVs removed with their account."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from deepcommons.accounts.models import User
from deepcommons.accounts.services import delete_account, export_account_data
from deepcommons.careers import services
from deepcommons.careers.models import Application
from deepcommons.careers.tests.factories import make_application, make_job, open_to_work

pytestmark = pytest.mark.django_db


def test_the_export_holds_applications_talent_and_alerts(alice: User) -> None:
    job = make_job(title="Vision job")
    make_application(job, alice)
    open_to_work(alice)
    services.save_alert(user=alice, name="Vision", filters={"q": "vision"})
    data = export_account_data(user=alice)["careers"]
    assert data["applications"][0]["job"] == "Vision job"
    assert data["open_to_work"]["salary_expectation"] == 777_123
    assert data["job_alerts"] == [{"name": "Vision", "filters": {"q": "vision"}}]


def test_deleting_the_account_deletes_the_cv_file(
    alice: User, django_capture_on_commit_callbacks: Any
) -> None:
    application = make_application(make_job(), alice)
    path = Path(application.cv.path)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(user=alice)
    assert not Application.objects.exists()
    assert not path.exists()
