"""What the snapshot computations read: the analytics frames plus posts and spaces.

Loaded once per recompute (`load_inputs`) and shared by every page's
`compute`, so a full recompute reads the database once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from deepcommons.analytics import frames
from deepcommons.analytics.report.blocks import ReportData
from deepcommons.posts.models import Post
from deepcommons.spaces.models import Space

POST_COLUMNS = [
    "post_id",
    "kind",
    "status",
    "parent_id",
    "space_id",
    "author_id",
    "created_at",
    "accepted_answer_id",
    "score",
    "answer_count",
    "view_count",
    "deleted_at",
    "closed_at",
    "duplicate_of_id",
]


@dataclass(frozen=True)
class Inputs:
    """`report` is what the static report reads; `posts` one row per post (POST_COLUMNS);
    `spaces` (space_id, slug, name_en, name_zh)."""

    report: ReportData
    posts: pd.DataFrame
    spaces: pd.DataFrame

    @property
    def now(self) -> pd.Timestamp:
        return self.report.now

    def space_of_posts(self) -> pd.Series:
        """post_id → space_id."""
        return self.posts.set_index("post_id")["space_id"]

    def events_in_space(self, space_id: int) -> pd.DataFrame:
        """Events on posts of one space (visits, follows and searches have no space)."""
        events = self.report.events
        on_post = events["object_type"] == "posts.post"
        ids = set(self.posts.loc[self.posts["space_id"] == space_id, "post_id"].tolist())
        mask = on_post & events["object_id"].isin(ids).fillna(False).to_numpy(bool)
        return events.loc[mask].reset_index(drop=True)

    def scoped_report(self, space_id: int | None) -> ReportData:
        """The report data restricted to one space's events (all of it for None)."""
        if space_id is None:
            return self.report
        events = self.events_in_space(space_id)
        return ReportData(
            events=events,
            users=self.report.users,
            follow_edges=self.report.follow_edges,
            interaction_edges=frames.interaction_edges(events),
            now=self.report.now,
        )


def load_posts() -> pd.DataFrame:
    rows = Post.objects.order_by("pk").values_list(
        "pk",
        "kind",
        "status",
        "parent_id",
        "space_id",
        "author_id",
        "created_at",
        "accepted_answer_id",
        "score",
        "answer_count",
        "view_count",
        "deleted_at",
        "closed_at",
        "duplicate_of_id",
    )
    frame = pd.DataFrame.from_records(list(rows.iterator(chunk_size=50_000)), columns=POST_COLUMNS)
    for column in ("created_at", "deleted_at", "closed_at"):
        frame[column] = pd.to_datetime(frame[column], utc=True)
    for column in ("parent_id", "space_id", "accepted_answer_id", "duplicate_of_id"):
        frame[column] = frame[column].astype("Int64")
    frame["score"] = frame["score"].astype(np.int64)
    return frame


def load_spaces() -> pd.DataFrame:
    rows = Space.objects.order_by("pk").values_list("pk", "slug", "name_en", "name_zh")
    return pd.DataFrame.from_records(list(rows), columns=["space_id", "slug", "name_en", "name_zh"])


def load_inputs() -> Inputs:
    return Inputs(report=frames.load_report_data(), posts=load_posts(), spaces=load_spaces())
