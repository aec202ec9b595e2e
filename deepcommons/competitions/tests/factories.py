"""Factories and builders for competition tests (the demo uses the same builders)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.competitions.models import Competition, Metric, Submission
from deepcommons.competitions.services import join_competition, submit, upload_solution


class CompetitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competition

    slug = factory.Sequence(lambda n: f"competition-{n}")
    title = factory.Sequence(lambda n: f"Competition {n}")
    overview = "Predict the **target**."
    overview_html = "<p>Predict the <strong>target</strong>.</p>"
    rules = "One account per person."
    rules_html = "<p>One account per person.</p>"
    metric = Metric.RMSE
    id_column = "id"
    prediction_columns = "target"
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=3))
    merger_deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
    ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    created_by = factory.SubFactory(UserFactory)


def csv_upload(text: str, name: str = "predictions.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def table(column: str, values: dict[str, Any], id_column: str = "id") -> str:
    lines = [f"{id_column},{column}"] + [f"{k},{v}" for k, v in values.items()]
    return "\n".join(lines) + "\n"


SOLUTION = {str(i): float(i % 7) for i in range(1, 41)}


def make_competition(
    *, host: User | None = None, solution: dict[str, Any] | None = None, **fields: Any
) -> Competition:
    """A running competition with a staff host and an uploaded solution."""
    host = host or UserFactory.create(is_staff=True)
    competition: Competition = CompetitionFactory.create(created_by=host, **fields)
    competition.hosts.add(host)
    upload_solution(
        competition=competition,
        upload=csv_upload(
            table(competition.columns[0], solution or SOLUTION, competition.id_column)
        ),
        by=host,
    )
    competition.refresh_from_db()
    return competition


def make_submission(
    competition: Competition, user: User, values: dict[str, Any] | None = None, **kwargs: Any
) -> Submission:
    join_competition(competition=competition, user=user)
    text = table(competition.columns[0], values or SOLUTION, competition.id_column)
    submission = submit(competition=competition, user=user, upload=csv_upload(text), **kwargs)
    submission.refresh_from_db()
    return submission
