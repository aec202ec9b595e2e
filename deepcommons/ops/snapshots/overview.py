"""Overview: daily counts the page sums over any date range, per space.

Stored per UTC day from the first event (or registration) to today:
registrations (for a space: members whose first activity there fell on the
day), daily/weekly/monthly active members (distinct members active that day,
in the 7 and the 30 days ending that day), top-level posts and answers; and
one entry per question (the day it was asked, hours to its first answer,
whether it has an accepted answer), so answer rates and medians are exact
for any range.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from django.utils.translation import gettext_noop

from deepcommons.ops.snapshots.inputs import Inputs

NAME = "overview"
PER_SPACE = True

TOP_LEVEL = ("question", "discussion", "article", "tutorial")


def _day_index(stamps: pd.Series, origin: pd.Timestamp) -> np.ndarray:
    return ((stamps.dt.floor("D") - origin) // pd.Timedelta(days=1)).to_numpy(np.int64)


def rolling_distinct(
    user_ids: np.ndarray, days: np.ndarray, window: int, n_days: int
) -> np.ndarray:
    """For each day d, how many distinct users were active in [d − window + 1, d].

    A user active on day a covers the window ends a … a + window − 1, cut
    short where their next active day takes over, so each user counts once
    per window end.
    """
    if len(days) == 0:
        return np.zeros(n_days, dtype=np.int64)
    pairs = np.unique(np.stack([user_ids, days], axis=1), axis=0)
    users, active = pairs[:, 0], pairs[:, 1]
    following = np.r_[active[1:], np.iinfo(np.int64).max]
    same_user = np.r_[users[1:] == users[:-1], False]
    end = active + window  # exclusive
    end = np.where(same_user, np.minimum(end, following), end)
    delta = np.zeros(n_days + window + 1, dtype=np.int64)
    np.add.at(delta, active, 1)
    np.add.at(delta, np.minimum(end, n_days + window), -1)
    return np.cumsum(delta)[:n_days]


def compute(inputs: Inputs, space_id: int | None) -> dict[str, Any]:
    report = inputs.scoped_report(space_id)
    events = report.events
    posts = inputs.posts
    posts = posts[posts["deleted_at"].isna()]
    if space_id is not None:
        posts = posts[posts["space_id"] == space_id]
    joined = report.users["date_joined"]
    now = inputs.now
    stamps = [s for s in (events["timestamp"].min(), posts["created_at"].min()) if pd.notna(s)]
    if space_id is None and len(joined):
        stamps.append(joined.min())
    if not stamps:
        raise ValueError(gettext_noop("there is no activity here yet"))
    origin = min(stamps).floor("D")
    n_days = int((now.floor("D") - origin) // pd.Timedelta(days=1)) + 1

    def per_day(day: np.ndarray) -> list[int]:
        day = day[(day >= 0) & (day < n_days)]
        return np.bincount(day, minlength=n_days).astype(int).tolist()

    user_ids = events["user_id"].to_numpy(np.int64)
    days = _day_index(events["timestamp"], origin)
    if space_id is None:
        registrations = per_day(_day_index(joined, origin))
    else:
        first = events.groupby("user_id")["timestamp"].min()
        registrations = per_day(_day_index(first, origin))
    top = posts[posts["kind"].isin(TOP_LEVEL) & posts["parent_id"].isna()]
    answers = posts[posts["kind"] == "answer"]
    questions = top[top["kind"] == "question"]
    first_answer = answers.groupby("parent_id")["created_at"].min()
    asked = questions.set_index("post_id")["created_at"]
    delay = (first_answer.reindex(asked.index) - asked) / pd.Timedelta(hours=1)
    return {
        "origin": f"{origin:%Y-%m-%d}",
        "days": n_days,
        "daily": {
            "registrations": registrations,
            "dau": rolling_distinct(user_ids, days, 1, n_days).tolist(),
            "wau": rolling_distinct(user_ids, days, 7, n_days).tolist(),
            "mau": rolling_distinct(user_ids, days, 30, n_days).tolist(),
            "posts": per_day(_day_index(top["created_at"], origin)),
            "answers": per_day(_day_index(answers["created_at"], origin)),
        },
        "questions": {
            "day": _day_index(asked, origin).tolist(),
            "first_answer_hours": [
                None if pd.isna(v) else round(float(max(v, 0.0)), 4) for v in delay.tolist()
            ],
            "accepted": questions["accepted_answer_id"].notna().astype(int).tolist(),
        },
    }
