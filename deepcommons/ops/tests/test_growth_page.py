"""The Growth page: cumulative series, the fitted curves, forecast and empty states."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pandas as pd
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from deepcommons.accounts.models import User
from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.analytics.models import ActivityEvent, ActivityKind
from deepcommons.analytics.report import member_results as results
from deepcommons.core.testing import session_queries
from deepcommons.ops.models import Snapshot
from deepcommons.ops.services import recompute_snapshots
from deepcommons.ops.views.growth import per_period, period_ends
from deepcommons.posts.tests.factories import make_question
from deepcommons.spaces.tests.factories import SpaceFactory

pytestmark = pytest.mark.django_db


def _data(name: str, scope: str) -> dict:  # type: ignore[type-arg]
    snapshot = Snapshot.objects.for_page(name, scope)
    assert snapshot is not None
    return snapshot.data


URL = reverse("ops:growth")


def _day(days_ago: int) -> datetime:
    midnight = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight - timedelta(days=days_ago) + timedelta(minutes=1)


def _member(name: str, joined_days_ago: int) -> User:
    user = UserFactory.create(username=name)
    User.objects.filter(pk=user.pk).update(date_joined=_day(joined_days_ago))
    return user


def _visit(user: User, days_ago: int) -> None:
    ActivityEvent.objects.create(user=user, kind=ActivityKind.VISIT, occurred_at=_day(days_ago))


#: Days ago each member joined: a slow start, a burst, then a slowdown (S-shaped).
JOINED = [40, 38, 30, 26, 24, 22, 21, 20, 19, 18, 16, 12, 8, 3]


@pytest.fixture
def grown(operator: User) -> list[User]:
    User.objects.filter(pk=operator.pk).update(date_joined=_day(40))
    members = [_member(f"m{i}", days) for i, days in enumerate(JOINED[1:])]
    for user, days in zip(members, JOINED[1:], strict=True):
        _visit(user, days)
    recompute_snapshots(names=["growth"])
    return members


def test_only_operators_see_the_page(
    grown: list[User], role_clients: dict[str, Client | None], admin_client_ops: Client
) -> None:
    for role, client in role_clients.items():
        response = (client or Client()).get(URL)
        assert response.status_code == 404, role
    assert admin_client_ops.get(URL).status_code == 200


def test_series_are_cumulative_and_fits_match_the_report_function(
    grown: list[User], operator_client: Client
) -> None:
    data = _data("growth", "")
    registrations = data["series"]["registrations"]
    assert data["days"] == 41 and len(registrations) == 41
    # Day i (from 40 days ago) counts everyone who joined at least 40 − i days ago.
    expected = [sum(1 for d in JOINED if d >= 40 - i) for i in range(41)]
    assert registrations == expected
    assert data["series"]["with_activity"][-1] == len(JOINED) - 1  # the operator never visited
    assert data["series"]["mau"][-1] == sum(1 for d in JOINED[1:] if d < 30)

    direct = results.fit_growth(np.array(expected), pd.Timestamp(_day(40)).floor("D"))
    fit = data["fit"]
    assert fit["best"] == direct.comparison.ranking.index[0]
    for model in fit["models"]:
        same = direct.comparison.fits[model["name"]]
        assert model["aic"] == pytest.approx(same.aic, rel=1e-6)
        if model["capacity"]:
            assert model["capacity"]["value"] == pytest.approx(same.params["K"], rel=1e-6)
        low, high = same.prediction_interval(direct.forecast_t)
        assert model["forecast"]["lower"][-1] == pytest.approx(low[-1], rel=1e-6)
        assert model["forecast"]["upper"][-1] == pytest.approx(high[-1], rel=1e-6)
    assert fit["forecast_days"] == 30

    page = operator_client.get(URL).content.decode()
    assert "Model comparison (AIC)" in page and "Carrying capacity" in page
    assert "Gompertz" in page and "95% prediction interval" in page


def test_counts_per_period_are_differences_of_the_cumulative_curve() -> None:
    from datetime import date

    days = [date(2025, 1, 1) + timedelta(days=i) for i in range(14)]  # Wed 1 … Tue 14
    ends = period_ends(days, "week")
    assert [days[i].isoformat() for i in ends] == ["2025-01-05", "2025-01-12", "2025-01-14"]
    cumulative = list(range(1, 15))
    assert per_period(cumulative, ends) == [5, 7, 2]
    assert sum(per_period(cumulative, period_ends(days, "month"))) == cumulative[-1]


def test_too_few_members_names_why_and_still_draws_the_series(
    operator: User, operator_client: Client
) -> None:
    _member("a", 3)
    recompute_snapshots(names=["growth"])
    data = _data("growth", "")
    assert data["fit_error"] == {"what": "members", "have": 2, "need": 5}
    page = operator_client.get(URL).content.decode()
    assert "there are 2 members here and the fits need at least 5" in page
    assert 'id="chart-members"' in page and "ops-chart" in page


def test_members_imported_at_once_are_fitted_on_their_first_activity(
    operator: User, operator_client: Client
) -> None:
    for i, days in enumerate(JOINED):
        _visit(_member(f"imported{i}", 0), days)  # every date_joined is today
    recompute_snapshots(names=["growth"])
    data = _data("growth", "")
    assert data["fit_error"] == {"what": "growth_days", "have": 1, "need": 5}
    assert data["fit_series"] == "with_activity" and data["fit"]["models"]
    page = operator_client.get(URL).content.decode()
    assert "Registrations grew on only 1 day (members imported at once?)" in page
    assert "The curves are fitted to members with activity instead." in page
    assert "members with activity on" in page


def test_a_space_without_activity_explains_itself(
    grown: list[User], operator_client: Client
) -> None:
    SpaceFactory.create(slug="quiet")
    recompute_snapshots(names=["growth"])
    page = operator_client.get(URL, {"space": "quiet"}).content.decode()
    assert "no activity in this space" in page


def test_a_space_counts_members_from_their_first_activity_there(
    grown: list[User], operator_client: Client
) -> None:
    space = SpaceFactory.create(slug="ml")
    question = make_question(author=grown[0], space=space)
    ActivityEvent.objects.create(
        user=grown[1],
        kind=ActivityKind.ANSWER,
        occurred_at=_day(2),
        object_type="posts.post",
        object_id=question.pk,
    )
    recompute_snapshots(names=["growth"])
    data = _data("growth", "space:ml")
    assert data["series"]["registrations"][-1] == 1
    assert data["fit_error"]["what"] == "members"


def test_bad_parameters_give_a_message(grown: list[User], operator_client: Client) -> None:
    response = operator_client.get(URL, {"per": "<b>fortnight</b>", "space": "nope"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Unknown period" in page and "showing weeks" in page
    assert "There is no space" in page and "<b>fortnight" not in page
    for chart in ("members", "new"):
        url = reverse("ops:chart-csv", args=["growth", chart])
        assert operator_client.get(url, {"per": "month"}).status_code == 200


def test_chart_json_has_the_forecast_band(grown: list[User], operator_client: Client) -> None:
    spec = operator_client.get(reverse("ops:chart-json", args=["growth", "members"])).json()
    banded = [s for s in spec["series"] if s["band"]]
    assert len(banded) == 1 and len(spec["x"]) == 41 + 30
    assert banded[0]["band"][0] == [None, None] and None not in banded[0]["band"][-1]


#: A page view net of the session's read: user, operator group, snapshot, last run,
#: unread notifications (the header), spaces.
QUERIES = 6


def test_page_queries_do_not_grow(
    grown: list[User], operator_client: Client, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    operator_client.get(URL)
    with django_assert_num_queries(QUERIES + session_queries()):
        operator_client.get(URL)
    for i in range(5):
        _visit(_member(f"late{i}", 1), 1)
    recompute_snapshots(names=["growth"])
    with django_assert_num_queries(QUERIES + session_queries()):
        operator_client.get(URL, {"per": "day"})
