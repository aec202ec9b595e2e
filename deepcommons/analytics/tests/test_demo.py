from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from deepcommons.accounts.tests.factories import UserFactory
from deepcommons.analytics import demo, frames
from deepcommons.analytics.models import ActivityEvent
from deepcommons.analytics.models_math import growth


@pytest.fixture
def members(db: None) -> list:
    return [UserFactory(preferred_language="zh-hans" if i % 2 else "en") for i in range(30)]


def test_demo_history_is_months_long_with_one_visit_per_person_per_day(members: list) -> None:
    demo.build(io.StringIO())
    events = frames.load_events()
    span = events["timestamp"].max() - events["timestamp"].min()
    assert span > pd.Timedelta(days=120)
    visits = events[events["kind"] == "visit"]
    days = visits["timestamp"].dt.floor("D")
    assert not visits.assign(day=days).duplicated(["user_id", "day"]).any()
    assert set(events["kind"]) >= {"visit", "post", "answer", "comment", "vote", "follow"}


def test_demo_growth_is_logistic(members: list) -> None:
    """Members join along a logistic curve: the fit explains the cumulative count well."""
    demo.build(io.StringIO())
    first = frames.load_events().groupby("user_id")["timestamp"].min()
    days = (first - first.min()).dt.days.to_numpy()
    t = np.arange(days.max() + 1, dtype=float)
    cumulative = np.array([(days <= d).sum() for d in t], dtype=float)
    fit = growth.fit_logistic(t, cumulative)
    assert fit.r_squared > 0.95
    assert fit.params["K"] == pytest.approx(len(members), rel=0.15)


def test_demo_is_deterministic_and_rebuilds_without_duplicates(members: list) -> None:
    demo.build(io.StringIO())
    first = list(ActivityEvent.objects.order_by("pk").values_list("user_id", "kind", "object_id"))
    demo.build(io.StringIO())
    second = list(ActivityEvent.objects.order_by("pk").values_list("user_id", "kind", "object_id"))
    assert first == second
