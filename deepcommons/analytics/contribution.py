"""What a member gives the community: the "monetary" of RFM and the value of churn risk.

The activity log's `value` column is each action's own weight, and a
downvote's is −1: summing it says how much someone voted down, not what
they contributed, and RFM refuses negative values. A member's contribution
is instead what others got from them, credited to the member when it
happened:

- a top-level post (question, discussion, article…) they wrote: POST points;
- an answer they wrote: ANSWER points;
- one of their answers accepted (the "accept" event's target member): ACCEPTED points;
- an upvote received on their post (a "vote" event with a positive value,
  credited to its target member): UPVOTE points per vote.

Nothing else counts (visits, searches, comments, follows, votes cast and
downvotes received are worth 0), so a contribution is never negative. The
functions read the events frame only (frames.EVENT_COLUMNS) and need no
database, so the static report and the operators' console compute the same
numbers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

POST = 1.0
ANSWER = 2.0
ACCEPTED = 3.0
UPVOTE = 1.0

#: source key → points; the source is also a column of `contribution_rows`.
WEIGHTS = {"post": POST, "answer": ANSWER, "accepted": ACCEPTED, "upvote": UPVOTE}

ROW_COLUMNS = ["user_id", "timestamp", "value", "source"]


def contribution_rows(events: pd.DataFrame) -> pd.DataFrame:
    """One row per credited contribution: (user_id credited, timestamp, value ≥ 0, source).

    `events` has the columns of `frames.EVENT_COLUMNS` (user_id, kind,
    timestamp, target_user_id, value; others are ignored).
    """
    if events.empty:
        return pd.DataFrame(
            {
                "user_id": pd.Series(dtype=np.int64),
                "timestamp": pd.Series(dtype="datetime64[ns, UTC]"),
                "value": pd.Series(dtype=float),
                "source": pd.Series(dtype=object),
            }
        )
    kind = events["kind"].astype(str)
    target = events.get("target_user_id")
    has_target = (
        target.notna().to_numpy(bool) if target is not None else np.zeros(len(events), bool)
    )
    value = pd.to_numeric(events["value"], errors="coerce").fillna(0.0).to_numpy(float)
    parts = []

    def add(mask: np.ndarray, credited: pd.Series, source: str) -> None:
        if not mask.any():
            return
        parts.append(
            pd.DataFrame(
                {
                    "user_id": credited[mask].astype(np.int64).to_numpy(),
                    "timestamp": events["timestamp"][mask].to_numpy(),
                    "value": WEIGHTS[source],
                    "source": source,
                }
            )
        )

    own = events["user_id"]
    add((kind == "post").to_numpy(bool), own, "post")
    add((kind == "answer").to_numpy(bool), own, "answer")
    if target is not None:
        add((kind == "accept").to_numpy(bool) & has_target, target, "accepted")
        add((kind == "vote").to_numpy(bool) & has_target & (value > 0), target, "upvote")
    if not parts:
        return contribution_rows(events.iloc[0:0])
    rows = pd.concat(parts, ignore_index=True)
    rows["timestamp"] = pd.to_datetime(rows["timestamp"], utc=True)
    return rows.sort_values(["timestamp", "user_id"], kind="stable").reset_index(drop=True)[
        ROW_COLUMNS
    ]


def contribution_by_user(events: pd.DataFrame, *, until: pd.Timestamp | None = None) -> pd.Series:
    """Total contribution per credited user_id (float, ≥ 0), optionally up to `until`."""
    rows = contribution_rows(events)
    if until is not None:
        rows = rows[rows["timestamp"] <= until]
    return rows.groupby("user_id")["value"].sum().astype(float).rename("contribution")
