"""Members at churn risk: the ranking is BG/NBD's, the CSV is the table."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest
from django.test import Client
from django.urls import reverse
from threadpoolctl import threadpool_limits

from deepcommons.accounts.models import User
from deepcommons.analytics import frames
from deepcommons.analytics.contribution import contribution_by_user
from deepcommons.analytics.models_math import activity
from deepcommons.ops.models import Snapshot
from deepcommons.ops.services import recompute_snapshots
from deepcommons.ops.tests.test_activity_page import build_community

pytestmark = pytest.mark.django_db


def _data(name: str, scope: str) -> dict:  # type: ignore[type-arg]
    snapshot = Snapshot.objects.for_page(name, scope)
    assert snapshot is not None
    return snapshot.data


URL = reverse("ops:activity")
CSV = reverse("ops:churn-csv")


@pytest.fixture
def community(operator: User) -> list[User]:
    users = build_community(16)
    recompute_snapshots(names=["activity"])
    return users


def test_ranking_matches_bgnbd_computed_directly(community: list[User]) -> None:
    stored = _data("activity", "")["churn"]["members"]

    report = frames.load_report_data()
    summary = activity.bgnbd_summary(
        report.events[["user_id", "timestamp"]], report.now, unit_days=7
    )
    with threadpool_limits(1):
        fit = activity.fit_bgnbd(summary["frequency"], summary["recency"], summary["T"])
    p_alive = fit.p_alive(summary["frequency"], summary["recency"], summary["T"])
    value = contribution_by_user(report.events).reindex(summary.index, fill_value=0.0)
    risk = value.to_numpy(float) * (1 - np.asarray(p_alive, dtype=float))
    order = sorted(
        (i for i in range(len(summary)) if risk[i] > 0), key=lambda i: (-risk[i], summary.index[i])
    )

    assert [m["user_id"] for m in stored] == [int(summary.index[i]) for i in order]
    for member, i in zip(stored, order, strict=True):
        assert member["risk"] == pytest.approx(risk[i], rel=1e-5, abs=1e-9)
        assert member["p_alive"] == pytest.approx(float(p_alive[i]), rel=1e-5, abs=1e-9)
        assert member["value"] == value.iloc[i] >= 0
    assert len(stored) >= 3


def test_the_table_and_csv_show_the_first_members(
    community: list[User], operator_client: Client
) -> None:
    stored = _data("activity", "")["churn"]["members"]
    page = operator_client.get(URL, {"top": "2"}).content.decode()
    assert stored[0]["username"] in page and stored[1]["username"] in page
    assert "Send the re-engagement digest to these 2 members" in page

    response = operator_client.get(CSV, {"top": "2"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "rank" and rows[0][-1] == "user_id"
    assert [int(r[-1]) for r in rows[1:]] == [m["user_id"] for m in stored[:2]]
    assert float(rows[1][4]) == pytest.approx(stored[0]["risk"])

    everyone = operator_client.get(CSV, {"top": "oops"})
    assert everyone.status_code == 200
    assert len(list(csv.reader(io.StringIO(everyone.content.decode("utf-8-sig"))))) == 1 + min(
        25, len(stored)
    )


def test_no_churn_model_says_why(operator: User, operator_client: Client) -> None:
    from deepcommons.ops.tests.test_activity_page import _event

    _event(operator, "visit", 0.5)
    recompute_snapshots(names=["activity"])
    page = operator_client.get(URL).content.decode()
    assert "Churn risk could not be estimated" in page
    assert operator_client.get(CSV).status_code == 200
