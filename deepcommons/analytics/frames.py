"""Read the database into the pandas DataFrames that `models_math` works on."""

from __future__ import annotations

import importlib.util
from datetime import datetime
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from django.apps import apps
from django.contrib.auth import get_user_model

from deepcommons.analytics.models import INTERACTION_KINDS, ActivityEvent, ActivityKind

if TYPE_CHECKING:
    from deepcommons.analytics.report.blocks import ReportData

EVENT_COLUMNS = [
    "user_id",
    "kind",
    "timestamp",
    "target_user_id",
    "object_type",
    "object_id",
    "value",
]
CHUNK = 50_000


def parquet_available() -> bool:
    return importlib.util.find_spec("pyarrow") is not None


def load_events(since: datetime | None = None, until: datetime | None = None) -> pd.DataFrame:
    """Every event (optionally in [since, until)) with a UTC `timestamp` column."""
    rows = (
        ActivityEvent.objects.between(since, until)
        .order_by()
        .values_list(
            "user_id", "kind", "occurred_at", "target_user_id", "object_type", "object_id", "value"
        )
        .iterator(chunk_size=CHUNK)
    )
    frame = pd.DataFrame.from_records(list(rows), columns=EVENT_COLUMNS)
    frame["timestamp"] = pd.to_datetime(frame["timestamp"], utc=True)
    frame["target_user_id"] = frame["target_user_id"].astype("Int64")
    frame["object_id"] = frame["object_id"].astype("Int64")
    frame["value"] = frame["value"].astype(float)
    return frame.sort_values("timestamp", kind="stable").reset_index(drop=True)


def load_users() -> pd.DataFrame:
    """Users without personal contact data: id, username, date_joined, is_active, last_login."""
    user_model = get_user_model()
    rows = user_model.objects.order_by("pk").values_list(
        "pk", "username", "date_joined", "is_active", "last_login"
    )
    frame = pd.DataFrame.from_records(
        list(rows), columns=["user_id", "username", "date_joined", "is_active", "last_login"]
    )
    for column in ("date_joined", "last_login"):
        frame[column] = pd.to_datetime(frame[column], utc=True)
    return frame


def load_report_data(since: datetime | None = None) -> ReportData:
    """Everything the models read, as of now: the one loader the report and the console share."""
    from django.utils import timezone

    from deepcommons.analytics.report.blocks import ReportData

    events = load_events(since=since)
    return ReportData(
        events=events,
        users=load_users(),
        follow_edges=follow_edges(events),
        interaction_edges=interaction_edges(events),
        now=pd.Timestamp(timezone.now()),
    )


def follow_edges(events: pd.DataFrame) -> pd.DataFrame:
    """(follower, followee) pairs: follow events, plus the social app's user-to-user follows."""
    logged = events.loc[
        (events["kind"] == ActivityKind.FOLLOW) & events["target_user_id"].notna(),
        ["user_id", "target_user_id"],
    ].set_axis(["follower", "followee"], axis=1)
    parts = [logged.astype({"followee": np.int64})]
    try:
        follow = apps.get_model("social", "Follow")
    except LookupError:
        follow = None
    if follow is not None:
        from django.contrib.contenttypes.models import ContentType

        user_type = ContentType.objects.get_for_model(get_user_model())
        current = follow.objects.filter(content_type=user_type).values_list("user_id", "object_id")
        parts.append(pd.DataFrame.from_records(list(current), columns=["follower", "followee"]))
    edges = pd.concat(parts, ignore_index=True).astype(np.int64)
    edges = edges[edges["follower"] != edges["followee"]]
    return edges.drop_duplicates().sort_values(["follower", "followee"]).reset_index(drop=True)


def interaction_edges(events: pd.DataFrame) -> pd.DataFrame:
    """(source, target, weight): how often one person answered, commented, voted on,
    accepted or messaged another."""
    target = events["target_user_id"].fillna(-1).astype(np.int64)
    mask = (
        events["kind"].isin([str(kind) for kind in INTERACTION_KINDS])
        & (target >= 0)
        & (events["user_id"].astype(np.int64) != target)
    ).to_numpy(bool)
    pairs = events.loc[mask, ["user_id", "target_user_id"]].astype(np.int64)
    pairs.columns = ["source", "target"]
    counted = pairs.groupby(["source", "target"]).size().rename("weight").reset_index()
    return counted.sort_values(["source", "target"]).reset_index(drop=True)
